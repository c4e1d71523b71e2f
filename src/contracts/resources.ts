import { z } from 'zod';
import { alarmKinds } from '../domain/resource/alarm-rules.ts';
import { nodeStates } from '../domain/resource/node-health.ts';
import { phoneStates } from '../domain/resource/phone-health.ts';
import { trunkStates } from '../domain/resource/trunk-health.ts';
import { Timestamp } from './common.ts';

export const SeatView = z
  .object({
    id: z.string(),
    name: z.string(),
    teamId: z.string().nullable(),
    floor: z.string(),
    zone: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Seat' });
export const SeatInput = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    teamId: z.string().min(1).max(100).nullable().optional(),
    floor: z.string().trim().max(40).optional().describe("default ''"),
    zone: z.string().trim().min(1).max(40),
  })
  .meta({ id: 'SeatInput' });

const TrunkAddress = z.object({
  transport: z.enum(['UDP', 'TCP']),
  address: z.string().min(1).max(64),
  port: z.number().int().min(1).max(65535),
});

export const TrunkView = z
  .object({
    id: z.string(),
    name: z.string(),
    provider: z.string(),
    addresses: z.array(z.string()),
    outbound: TrunkAddress.nullable(),
    channelLimit: z.number().int().nullable(),
    numbers: z.array(z.string()),
    callerId: z.string().nullable(),
    probe: z.boolean().describe('OPTIONS probing of the outbound address'),
    enabled: z.boolean(),
    source: z
      .enum(['stored', 'config'])
      .describe('config: from the command line (--trunk), read-only'),
    createdAt: Timestamp,
  })
  .meta({ id: 'Trunk' });
export const TrunkInput = z
  .strictObject({
    name: z.string().trim().min(1).max(40),
    provider: z.string().trim().max(60).optional(),
    addresses: z.array(z.string().trim().min(1).max(64)).max(32).optional(),
    outbound: z
      .strictObject({
        transport: z.enum(['UDP', 'TCP']).optional(),
        address: z.string().trim().min(1).max(64),
        port: z.number().int().min(1).max(65535).optional(),
      })
      .nullable()
      .optional(),
    channelLimit: z.number().int().min(1).max(100_000).nullable().optional(),
    numbers: z.array(z.string().trim().min(1).max(24)).max(1000).optional(),
    callerId: z.string().trim().min(1).max(24).nullable().optional(),
    probe: z.boolean().optional().describe('default true'),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'TrunkInput' });

export const NodeView = z
  .object({
    id: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    address: z.string(),
    pid: z.number().int(),
    version: z.string(),
    startedAt: Timestamp,
    heartbeatAt: Timestamp,
    health: z.record(z.string(), z.union([z.number(), z.string()])),
  })
  .meta({ id: 'KefuNode' });

export const AlarmView = z
  .object({
    key: z.string(),
    kind: z.enum(alarmKinds),
    severity: z.enum(['warning', 'critical']),
    subjectType: z.enum(['phone', 'trunk', 'node']),
    subjectId: z.string(),
    agentId: z.string().nullable(),
    detail: z.record(z.string(), z.union([z.number(), z.string()])),
  })
  .meta({ id: 'ResourceAlarm' });

export const ResourceBoard = z
  .object({
    at: Timestamp,
    phones: z.array(
      z.object({
        extension: z.string(),
        displayName: z.string(),
        kind: z.string(),
        seatId: z.string().nullable(),
        state: z.enum(phoneStates),
        rttMs: z.number().nullable(),
        lastSeenAt: Timestamp.nullable(),
        agentId: z.string().nullable(),
        agentName: z.string().nullable(),
      }),
    ),
    trunks: z.array(
      z.object({
        name: z.string(),
        state: z.enum(trunkStates),
        rttMs: z.number().nullable(),
        lastProbeAt: Timestamp.nullable(),
        failuresLastHour: z.number().int(),
        inUse: z.number().int(),
        limit: z.number().int().nullable(),
        refusedInbound: z.number().int(),
        refusedOutbound: z.number().int(),
      }),
    ),
    node: z.object({
      id: z.string(),
      state: z.enum(nodeStates),
      lagMs: z.number(),
      rssBytes: z.number(),
      heapUsedBytes: z.number(),
      openCalls: z.number().int(),
      mediaPacketsPerSecond: z.number().nullable(),
      mediaLossRatio: z.number().nullable(),
      storeReachable: z.boolean(),
      busReachable: z.boolean(),
    }),
    nodes: z.array(NodeView),
    seats: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        zone: z.string(),
        floor: z.string(),
        teamId: z.string().nullable(),
        extensions: z.array(z.string()),
        agent: z
          .object({
            agentId: z.string(),
            name: z.string(),
            state: z.enum(['available', 'busy', 'away', 'wrapup', 'offline']),
          })
          .nullable(),
        phoneState: z.enum(phoneStates).nullable(),
      }),
    ),
    alarms: z.array(AlarmView),
  })
  .meta({ id: 'ResourceBoard' });

export const TakeoverRequest = z
  .strictObject({
    agentId: z.string().min(1).max(100).describe('the agent who gets the phone (logged in if not)'),
  })
  .meta({ id: 'DeviceTakeover' });
