import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

export const EventView = z
  .object({
    seq: z.number().int(),
    type: z.string().describe('e.g. case.created, case.stage_changed'),
    at: Timestamp,
    actorId: Id.nullable(),
    subjectType: z.string(),
    subjectId: z.string(),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Event' });

export const EventsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const EventsPage = z
  .object({
    events: z.array(EventView),
    next: z.number().int().describe('pass as ?after= for the next page'),
  })
  .meta({ id: 'EventsPage' });

/** Messages the server sends on the WebSocket stream `GET /api/stream`. */
export const StreamMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello'), userId: Id, after: z.number().int() }),
  z.object({ kind: z.literal('event'), event: EventView }),
  z.object({ kind: z.literal('error'), code: z.string(), message: z.string() }),
  z.object({ kind: z.literal('realtime'), snapshot: z.unknown().describe('RealtimeSnapshot') }),
]);

export const AuditView = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    actorId: Id.nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    outcome: z.enum(['ok', 'denied', 'failed']),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });
