import { z } from 'zod';
import { Timestamp } from './common.ts';

export const ReportQueryParams = z.object({
  dimension: z.enum(['queue', 'channel', 'agent', 'team']),
  from: Timestamp,
  to: Timestamp,
  granularity: z.enum(['15m', 'day']).default('15m'),
  key: z.string().max(2000).optional().describe('comma-separated queue ids, channels or agent ids'),
  format: z.enum(['json', 'csv']).default('json'),
});

export const CaseReportQuery = z.object({
  from: Timestamp,
  to: Timestamp,
  groupBy: z.enum(['type', 'category', 'priority']).default('type'),
});

export const CaseReportRowView = z
  .object({
    group: z.string(),
    cases: z.number().int(),
    closed: z.number().int(),
    firstContactResolution: z.number().nullable(),
    reopenRate: z.number().nullable(),
    avgResolutionMs: z.number().nullable(),
    csat: z.number().nullable(),
    avgSatisfaction: z.number().nullable(),
    slaCompliance: z.record(z.string(), z.number()).describe('stage → share left on time'),
  })
  .meta({ id: 'CaseReportRow' });

export const ReportRowView = z
  .object({
    period: z.string().describe('interval start (ISO) or local date'),
    key: z.string(),
    offered: z.number(),
    answered: z.number(),
    answeredWithin: z.number(),
    abandoned: z.number(),
    shortAbandoned: z.number(),
    waitAnsweredMs: z.number(),
    handledCount: z.number(),
    handleMs: z.number(),
    transferred: z.number(),
    serviceLevel: z.number().nullable(),
    abandonRate: z.number().nullable(),
    asaMs: z.number().nullable(),
    ahtMs: z.number().nullable(),
    transferRate: z.number().nullable(),
  })
  .meta({ id: 'ReportRow' });

export const IvrReportQuery = z.object({
  from: Timestamp,
  to: Timestamp,
  flow: z.string().min(1).max(200).optional().describe('one flow id'),
  format: z.enum(['json', 'csv']).default('json'),
});

export const IvrFlowRowView = z
  .object({
    flowId: z.string(),
    calls: z.number().int().describe('calls whose first IVR run ended in the period'),
    shortHangups: z.number().int(),
    contained: z.number().int(),
    toAgent: z.number().int(),
    containment: z.number().nullable(),
    nodes: z.array(
      z.object({
        node: z.string(),
        visits: z.number().int(),
        exits: z.record(z.string(), z.number().int()).describe('exit (key, outcome) → count'),
      }),
    ),
  })
  .meta({ id: 'IvrFlowRow' });

export const ComplianceQuery = z.object({ from: Timestamp, to: Timestamp });

export const ComplianceReportView = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    generatedAt: z.string(),
    answerSeconds: z.number(),
    answer: z.array(
      z.object({
        date: z.string().describe('local date'),
        queueId: z.string(),
        queueName: z.string(),
        offered: z.number().int(),
        answered: z.number().int(),
        answeredWithin: z.number().int(),
        abandoned: z.number().int(),
        rate: z.number().nullable().describe('answered within answerSeconds ÷ offered'),
      }),
    ),
    deadlines: z.array(
      z.object({
        caseType: z.string(),
        stage: z.string(),
        met: z.number().int(),
        missed: z.number().int(),
        rate: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'ComplianceReport' });
export const SurveyReportQuery = z.object({
  from: Timestamp,
  to: Timestamp,
  groupBy: z.enum(['agent', 'queue', 'channel']).default('channel'),
});

export const SurveyReportRowView = z
  .object({
    group: z.string().describe("agent id, queue id or channel (ivr, sms, web); '' for none"),
    count: z.number().int(),
    average: z.number().nullable(),
    csat: z.number().nullable().describe('answers of 4 or 5 ÷ answers'),
  })
  .meta({ id: 'SurveyReportRow' });
