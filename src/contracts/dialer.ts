/** Outbound campaigns, their records, import reports, statistics and the do-not-call list. */
import { z } from 'zod';
import {
  campaignKinds,
  campaignStates,
  dialerModes,
  retryResults,
} from '../domain/dialer/campaign.ts';
import { dialResults, recordStates } from '../domain/dialer/campaign-record.ts';
import { csvIssueCodes } from '../domain/dialer/list-row-check.ts';
import { weekdays } from '../domain/sla/zoned-time.ts';
import { Name, PageQuery, Timestamp } from './common.ts';

const Interval = z.strictObject({
  start: z.string().describe("'HH:MM'"),
  end: z.string().describe("'HH:MM' after start; '24:00' ends the day"),
});
const Windows = z
  .partialRecord(z.enum(weekdays), z.array(Interval).max(10))
  .describe('local dialing hours per weekday; a weekday left out has none');
const RetryRuleSchema = z.strictObject({
  maxAttempts: z.number().int(),
  retryAfterMinutes: z.number(),
});
const Retry = z.partialRecord(z.enum(retryResults), RetryRuleSchema);

const Settings = {
  name: Name(100),
  mode: z.enum(dialerModes),
  queueId: z.string().min(1).max(100),
  callerId: z.string().max(20).describe('E.164 with +, e.g. +861012345678'),
  timeZone: z.string().max(64).describe('IANA zone for records without their own'),
  windows: Windows,
  holidays: z.array(z.string().max(10)).max(366),
  retry: Retry.describe('per result: busy, no_answer (abandoned counts here), failed'),
  maxAbandonRate: z.number().describe('abandoned ÷ answered, 0..0.2; default 0.03'),
};

export const NewCampaignBody = z.strictObject({
  name: Settings.name,
  mode: Settings.mode,
  queueId: Settings.queueId,
  callerId: Settings.callerId,
  timeZone: Settings.timeZone.optional(),
  windows: Settings.windows.optional(),
  holidays: Settings.holidays.optional(),
  retry: Settings.retry.optional(),
  maxAbandonRate: Settings.maxAbandonRate.optional(),
});
export const CampaignPatchBody = NewCampaignBody.partial();

export const CampaignView = z
  .object({
    id: z.string(),
    kind: z
      .enum(campaignKinds)
      .meta({ description: 'list: imported numbers; callbacks: customers’ call-back requests' }),
    name: z.string(),
    mode: z.enum(dialerModes),
    queueId: z.string(),
    callerId: z.string(),
    timeZone: z.string(),
    windows: Windows,
    holidays: z.array(z.string()),
    retry: z.record(z.enum(retryResults), RetryRuleSchema),
    maxAbandonRate: z.number(),
    state: z.enum(campaignStates),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Campaign' });

export const JsonRecordsBody = z.strictObject({
  records: z
    .array(
      z.strictObject({
        number: z.string().max(40),
        name: z.string().max(200).optional(),
        timeZone: z.string().max(64).optional(),
        notBefore: z.string().max(40).optional(),
        data: z.record(z.string().max(64), z.string().max(1000)).optional(),
      }),
    )
    .max(10_000),
});

export const ImportReportView = z
  .object({
    accepted: z.number().int(),
    rejected: z.array(
      z.object({ line: z.number().int(), code: z.enum(csvIssueCodes), message: z.string() }),
    ),
  })
  .meta({ id: 'ImportReport' });

export const RecordQuery = PageQuery.extend({ state: z.enum(recordStates).optional() });

export const RecordView = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    number: z.string().describe('E.164 digits without +'),
    position: z.number().int().describe('list order, the order records are dialed in'),
    name: z.string(),
    data: z.record(z.string(), z.string()),
    timeZone: z.string().nullable(),
    state: z.enum(recordStates),
    nextAt: Timestamp.nullable(),
    attempts: z.array(
      z.object({ at: Timestamp, result: z.enum(dialResults), agentId: z.string().nullable() }),
    ),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'CampaignRecord' });

export const CampaignStatsView = z
  .object({
    attempts: z.number().int(),
    connects: z.number().int(),
    answered: z.number().int(),
    abandoned: z.number().int(),
    abandonRate: z.number(),
    byResult: z.record(z.enum(dialResults), z.number().int()),
    perAgent: z.array(z.object({ agentId: z.string(), connects: z.number().int() })),
    records: z.partialRecord(z.enum(recordStates), z.number().int()),
  })
  .meta({ id: 'CampaignStats' });

export const DncBody = z.strictObject({
  number: z.string().min(1).max(40),
  reason: z.string().trim().max(200).default(''),
});
export const DncView = z
  .object({ number: z.string(), reason: z.string(), createdAt: Timestamp })
  .meta({ id: 'DncEntry' });
export const DncParam = z.object({ number: z.string().min(1).max(40) });
