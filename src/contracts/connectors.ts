/** Operator connector shapes the API answers with: the customer's account and connector health. */
import { z } from 'zod';

const Amount = z.string().describe("decimal in the currency's main unit, e.g. 128.50");

export const CustomerAccountView = z
  .object({
    msisdn: z.string(),
    profile: z
      .object({
        msisdn: z.string(),
        name: z.string(),
        area: z.string(),
        status: z.enum(['active', 'suspended', 'terminated']),
        plan: z.object({ code: z.string(), name: z.string(), monthlyFee: Amount }),
      })
      .nullable(),
    balance: z.object({ amount: Amount, currency: z.string(), planName: z.string() }).nullable(),
    services: z
      .array(z.object({ code: z.string(), name: z.string(), since: z.string() }))
      .nullable(),
    errors: z
      .array(
        z.object({
          part: z.enum(['profile', 'balance', 'services', 'bills', 'payments', 'topUps']),
          code: z.string(),
          message: z.string(),
        }),
      )
      .describe('parts the operator systems could not answer (the rest is still shown)'),
  })
  .nullable()
  .meta({ id: 'CustomerAccount' });

export const ConnectorStatusView = z
  .object({
    connector: z.string(),
    baseUrl: z.string(),
    breaker: z.enum(['closed', 'open', 'half_open']),
    calls: z.int(),
    failures: z.int().describe('calls that timed out, found the system down or got a bad answer'),
    retries: z.int(),
    p50Ms: z.number().nullable(),
    p95Ms: z.number().nullable(),
  })
  .meta({ id: 'ConnectorStatus' });

export type CustomerAccountView = z.infer<typeof CustomerAccountView>;
export type ConnectorStatusView = z.infer<typeof ConnectorStatusView>;

export const BossOrderCreate = z
  .strictObject({
    kind: z.enum(['open_service', 'close_service', 'report_lost_sim', 'change_plan']),
    serviceCode: z.string().min(1).max(40).optional().describe('for open_service / close_service'),
    planCode: z.string().min(1).max(40).optional().describe('for change_plan'),
  })
  .meta({ id: 'BossOrderCreate' });

export const BossOrderView = z
  .object({
    id: z.string(),
    msisdn: z.string(),
    kind: z.string(),
    status: z.enum(['pending', 'processing', 'completed', 'failed', 'canceled']),
    createdAt: z.string(),
    updatedAt: z.string(),
    reason: z.string().optional(),
  })
  .meta({ id: 'BossOrder' });

export const NmsTicketCreate = z
  .strictObject({
    location: z.string().trim().min(1).max(200).describe('where the fault is, e.g. street or cell'),
    symptom: z.string().trim().min(1).max(1000),
  })
  .meta({ id: 'NmsTicketCreate' });

export const NmsTicketView = z
  .object({
    id: z.string(),
    msisdn: z.string(),
    location: z.string(),
    symptom: z.string(),
    status: z.enum(['open', 'in_progress', 'resolved', 'closed']),
    createdAt: z.string(),
    updatedAt: z.string(),
    note: z.string().optional(),
  })
  .meta({ id: 'NmsTicket' });

export const BillingQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
    .describe('the bill month, e.g. 2026-11'),
});

export const BillingHistoryView = z
  .object({
    msisdn: z.string(),
    month: z.string(),
    bills: z
      .array(
        z.object({
          month: z.string(),
          total: Amount,
          currency: z.string(),
          paid: z.boolean(),
          items: z.array(z.object({ description: z.string(), amount: Amount })),
        }),
      )
      .nullable(),
    payments: z
      .array(z.object({ id: z.string(), at: z.string(), amount: Amount, method: z.string() }))
      .nullable(),
    topUps: z
      .array(z.object({ id: z.string(), at: z.string(), amount: Amount, channel: z.string() }))
      .nullable(),
    errors: z.array(z.object({ part: z.string(), code: z.string(), message: z.string() })),
  })
  .nullable()
  .meta({ id: 'BillingHistory' });
