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
          part: z.enum(['profile', 'balance', 'services']),
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
