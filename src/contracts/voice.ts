import { z } from 'zod';
import { Timestamp } from './common.ts';
import { deviceKinds } from '../domain/resource/seat.ts';

export const DeviceView = z
  .object({
    extension: z.string(),
    displayName: z.string(),
    realm: z.string(),
    enabled: z.boolean(),
    createdAt: Timestamp,
    kind: z.enum(deviceKinds),
    seatId: z.string().nullable().meta({ description: 'the seat the phone stands at' }),
    registrations: z.array(
      z
        .object({
          contact: z.string(),
          source: z.string().meta({ description: 'transport:address:port the REGISTER came from' }),
          userAgent: z.string().nullable(),
          expiresAt: Timestamp,
          reachable: z
            .boolean()
            .nullable()
            .meta({ description: 'answered the last OPTIONS probe; null before the first' }),
          rttMs: z.number().int().nullable(),
        })
        .meta({ id: 'PhoneRegistration' }),
    ),
  })
  .meta({ id: 'Device' });
export const DeviceUpsert = z
  .strictObject({
    password: z.string().min(8).max(128),
    displayName: z.string().trim().min(1).max(100).optional(),
    enabled: z.boolean().optional(),
    kind: z.enum(deviceKinds).optional().describe('default desk_phone'),
    seatId: z.string().min(1).max(100).nullable().optional(),
  })
  .meta({ id: 'DeviceUpsert' });
export const DevicePatch = z
  .strictObject({
    displayName: z.string().trim().min(1).max(100).optional(),
    enabled: z.boolean().optional(),
    kind: z.enum(deviceKinds).optional(),
    seatId: z.string().min(1).max(100).nullable().optional(),
  })
  .meta({ id: 'DevicePatch' });

export const IvrFlowSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.number().int(),
    language: z.string(),
    createdAt: Timestamp,
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'IvrFlowSummary' });
/** The flow document itself: nodes and their settings (see docs/telephony.md). Validated on save. */
export const IvrFlowDocument = z.record(z.string(), z.unknown()).meta({ id: 'IvrFlowDocument' });
export const IvrNumberView = z
  .object({ number: z.string(), flowId: z.string() })
  .meta({ id: 'IvrNumber' });
export const IvrNumberSet = z
  .strictObject({ flowId: z.string().nullable() })
  .meta({ id: 'IvrNumberSet' });

const CallParty = z.union([
  z.object({ kind: z.literal('customer'), number: z.string(), customerId: z.string().nullable() }),
  z.object({ kind: z.literal('user'), userId: z.string() }),
  z.object({ kind: z.literal('number'), number: z.string() }),
]);

export const CallView = z
  .object({
    id: z.string().meta({ description: 'the call’s id: its contact’s id' }),
    contactId: z.string(),
    state: z.enum([
      'queued',
      'ringing',
      'established',
      'held',
      'consulting',
      'conferenced',
      'released',
    ]),
    continueWithoutAgent: z.boolean(),
    legs: z.array(
      z.object({
        id: z.string(),
        role: z.enum(['customer', 'agent', 'consult', 'supervisor']),
        party: CallParty,
        state: z.enum(['ringing', 'established', 'held', 'released']),
        monitor: z.enum(['listen', 'whisper', 'barge']).nullable(),
      }),
    ),
  })
  .meta({ id: 'Call' });

export const CallTargetBody = z
  .union([
    z.strictObject({ agentId: z.string().min(1) }),
    z.strictObject({ extension: z.string().regex(/^[0-9]{2,12}$/) }),
    z.strictObject({ number: z.string().regex(/^\+?[0-9]{3,20}$/) }),
    z.strictObject({ queueId: z.string().min(1) }),
  ])
  .meta({ id: 'CallTarget', description: 'an agent, an extension, an outside number or a queue' });

export const DtmfBody = z
  .strictObject({ digits: z.string().regex(/^[0-9*#A-D]{1,32}$/) })
  .meta({ id: 'Dtmf' });

export const MonitorBody = z
  .strictObject({ mode: z.enum(['listen', 'whisper', 'barge']) })
  .meta({ id: 'Monitor' });

export const MakeCallBody = z
  .strictObject({
    number: z.string().regex(/^\+?[0-9]{3,20}$/),
    caseId: z.string().min(1).nullable().optional(),
    campaignId: z
      .string()
      .min(1)
      .max(100)
      .nullable()
      .optional()
      .meta({ description: 'the dialer campaign the call belongs to, kept on the contact' }),
    taskId: z
      .string()
      .min(1)
      .max(100)
      .nullable()
      .optional()
      .meta({ description: 'the call-back task being worked: the call becomes that task’s work' }),
    recordId: z
      .string()
      .min(1)
      .max(100)
      .nullable()
      .optional()
      .meta({ description: 'a preview record of that campaign: the outcome is its attempt' }),
  })
  .meta({ id: 'MakeCall' });

export const RemovePartyBody = z
  .strictObject({ legId: z.string().min(1).max(200) })
  .meta({ id: 'RemoveParty' });

export const RouteCallBody = z
  .union([
    z.strictObject({ queueId: z.string().min(1) }),
    z.strictObject({ agentId: z.string().min(1) }),
  ])
  .meta({ id: 'RouteCall' });
