/** Call recordings: the search, one row, the waveform and the retention policy. */
import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.ts';

export const RecordingQuery = PageQuery.extend({
  agentId: Id.optional(),
  customer: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('customer id or part of a number'),
  queueId: Id.optional(),
  caseId: Id.optional(),
  from: Timestamp.optional().describe('started at or after'),
  to: Timestamp.optional().describe('started before'),
  includeDeleted: z
    .enum(['true', 'false'])
    .optional()
    .describe('also list recordings removed by retention (tombstones)'),
});

export const PausedSpanView = z.object({
  fromMs: z.number().int(),
  toMs: z.number().int(),
});

export const RecordingView = z
  .object({
    contactId: z.string(),
    recordingId: z.string(),
    startedAt: Timestamp,
    endedAt: Timestamp.nullable().describe('null while the call is on'),
    durationMs: z.number().int().nullable(),
    sizeBytes: z.number().int().nullable(),
    pauses: z.array(PausedSpanView).describe('paused (PCI) spans: silence in the file'),
    agentId: z.string().nullable(),
    customerId: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    direction: z.string(),
    queueId: z.string().nullable(),
    caseIds: z.array(z.string()),
    deletedAt: Timestamp.nullable(),
    deletedReason: z.string().nullable(),
  })
  .meta({ id: 'Recording' });

export const WaveformQuery = z.object({
  points: z.coerce.number().int().min(1).max(4000).default(800),
});

export const WaveformView = z.object({
  sampleRate: z.number().int(),
  durationMs: z.number().int(),
  peaks: z.array(z.array(z.number())).describe('per channel (caller, agent): peaks in 0..1'),
  pauses: z.array(PausedSpanView),
});

export const AudioQuery = z.object({
  download: z.enum(['1', 'true']).optional().describe('send as an attachment'),
});

export const RetentionView = z.object({
  days: z.number().int().min(1).max(36_500).nullable().describe('null: keep for ever'),
});

export const RetentionRun = z.object({ deleted: z.number().int(), days: z.number().nullable() });

export type RecordingView = z.infer<typeof RecordingView>;
export type WaveformView = z.infer<typeof WaveformView>;
