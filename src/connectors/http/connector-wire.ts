/**
 * The wire contract of docs/connectors.md as zod schemas: the HTTP adapters validate every
 * answer with them (a body that does not match is connector.bad_response), and the demo
 * operator backend builds its answers with the same types.
 */
import { z } from 'zod';
import {
  faultTicketStatuses,
  serviceOrderKinds,
  serviceOrderStatuses,
} from '../../app/ports/connectors.ts';

const amount = z.string().regex(/^-?\d+(\.\d{1,2})?$/, 'a decimal amount such as 128.50');
const isoTime = z.string().min(10);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const wireProfile = z.object({
  msisdn: z.string(),
  name: z.string(),
  area: z.string(),
  status: z.enum(['active', 'suspended', 'terminated']),
  plan: z.object({ code: z.string(), name: z.string(), monthlyFee: amount }),
});

export const wireServices = z.object({
  services: z.array(z.object({ code: z.string(), name: z.string(), since: isoTime })),
});

export const wireOrderRequest = z.strictObject({
  msisdn: z.string().min(6),
  kind: z.enum(serviceOrderKinds),
  serviceCode: z.string().optional(),
  planCode: z.string().optional(),
});

export const wireOrder = z.object({
  id: z.string().min(1),
  msisdn: z.string(),
  kind: z.enum(serviceOrderKinds),
  status: z.enum(serviceOrderStatuses),
  createdAt: isoTime,
  updatedAt: isoTime,
  reason: z.string().optional(),
});

export const wireBalance = z.object({
  amount,
  currency: z.string().length(3),
  planName: z.string(),
});

export const wireBills = z.object({
  bills: z.array(
    z.object({
      month,
      total: amount,
      currency: z.string().length(3),
      paid: z.boolean(),
      items: z.array(z.object({ description: z.string(), amount })),
    }),
  ),
});

export const wirePayments = z.object({
  payments: z.array(z.object({ id: z.string(), at: isoTime, amount, method: z.string() })),
});

export const wireTopUps = z.object({
  topUps: z.array(z.object({ id: z.string(), at: isoTime, amount, channel: z.string() })),
});

export const wireTicketRequest = z.strictObject({
  msisdn: z.string().min(6),
  location: z.string().min(1).max(200),
  symptom: z.string().min(1).max(1000),
});

export const wireTicket = z.object({
  id: z.string().min(1),
  msisdn: z.string(),
  location: z.string(),
  symptom: z.string(),
  status: z.enum(faultTicketStatuses),
  createdAt: isoTime,
  updatedAt: isoTime,
  note: z.string().optional(),
});

export const wireOutages = z.object({
  outages: z.array(
    z.object({
      id: z.string(),
      area: z.string(),
      description: z.string(),
      startedAt: isoTime,
      expectedEndAt: isoTime.nullable(),
    }),
  ),
});

/** Every error answer: a stable code of the operator's system and a message for people. */
export const wireError = z.object({ code: z.string(), message: z.string() });

export { month as wireMonth };
