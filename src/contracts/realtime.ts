import { z } from 'zod';
import { AlarmView } from './resources.ts';

const ByState = z.object({
  available: z.number().int(),
  busy: z.number().int(),
  away: z.number().int(),
  wrapup: z.number().int(),
  offline: z.number().int(),
});

export const RealtimeSnapshot = z
  .object({
    version: z.number().int().describe('grows with every snapshot; drop older ones'),
    at: z.string(),
    day: z
      .string()
      .describe(
        "local date the day counters belong to; they follow docs/kpis.md like the day's report",
      ),
    center: z.object({
      waiting: z.number().int(),
      agents: ByState,
      offered: z.number().int(),
      answered: z.number().int(),
      abandoned: z.number().int(),
      serviceLevelPercent: z.number().nullable(),
    }),
    queues: z.array(
      z.object({
        queueId: z.string(),
        name: z.string(),
        teamId: z.string().nullable(),
        waiting: z.number().int(),
        longestWaitSeconds: z.number().int(),
        offered: z.number().int(),
        answered: z.number().int(),
        abandoned: z.number().int(),
        shortAbandoned: z
          .number()
          .int()
          .describe('hung up within the short-abandon threshold: neither offered nor abandoned'),
        serviceLevelPercent: z.number().nullable(),
        serviceLevelSeconds: z.number().int(),
        averageSpeedOfAnswerSeconds: z.number().nullable(),
        agents: ByState,
      }),
    ),
    agents: z.array(
      z.object({
        agentId: z.string(),
        name: z.string(),
        teamIds: z.array(z.string()),
        state: z.enum(['available', 'busy', 'away', 'wrapup', 'offline']),
        reason: z.string().nullable(),
        secondsInState: z.number().int(),
        tasks: z.number().int(),
        answered: z.number().int().describe('today'),
        handled: z.number().int().describe('today: contacts finished'),
        averageHandleSeconds: z.number().nullable(),
      }),
    ),
    teams: z.array(
      z.object({
        teamId: z.string(),
        agents: ByState,
        waiting: z.number().int(),
        offered: z.number().int(),
        answered: z.number().int(),
        abandoned: z.number().int(),
        serviceLevelPercent: z.number().nullable(),
      }),
    ),
    channels: z.array(
      z.object({
        channel: z.string(),
        offered: z.number().int(),
        answered: z.number().int(),
        abandoned: z.number().int(),
        serviceLevelPercent: z.number().nullable(),
        averageSpeedOfAnswerSeconds: z.number().nullable(),
      }),
    ),
    alarms: z.array(AlarmView).describe('active resource alarms: phones, trunks, nodes'),
  })
  .meta({ id: 'RealtimeSnapshot' });
