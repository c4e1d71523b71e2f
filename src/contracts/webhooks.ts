/** Webhook subscriptions, their secret (shown once), and the delivery log. */
import { z } from 'zod';
import { deliveryStates } from '../domain/webhook/webhook-delivery.ts';
import { Name, PageQuery, Timestamp } from './common.ts';

const Url = z.string().trim().min(1).max(2000).describe('http:// or https:// URL');
const EventTypes = z
  .array(z.string().trim().min(1).max(200))
  .min(1)
  .max(100)
  .describe('exact types (case.created), prefixes (case.*) or * for every event');

export const NewWebhookBody = z.strictObject({
  name: Name(100),
  url: Url,
  eventTypes: EventTypes,
});

export const WebhookPatchBody = z.strictObject({
  name: Name(100).optional(),
  url: Url.optional(),
  eventTypes: EventTypes.optional(),
  active: z.boolean().optional().describe('true re-enables (forgiving past failures)'),
});

export const WebhookView = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    active: z.boolean(),
    disabledReason: z.string().nullable().describe("'manual' or the failure rule"),
    disabledAt: Timestamp.nullable(),
    consecutiveDead: z.number().int(),
    failingSince: Timestamp.nullable(),
    secretHint: z.string().describe('the last characters of the secret, to tell secrets apart'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Webhook' });

export const WebhookWithSecret = WebhookView.extend({
  secret: z.string().describe('shown only now: store it in the receiver'),
});

export const DeliveryStateSchema = z.enum(deliveryStates);

export const DeliveryAttemptView = z.object({
  at: Timestamp,
  statusCode: z.number().int().nullable(),
  response: z.string().nullable().describe('the first 1024 characters of the answer'),
  durationMs: z.number().int(),
  error: z.string().nullable(),
});

export const DeliveryView = z
  .object({
    id: z.string(),
    subscriptionId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    body: z.string().describe('the exact JSON that was signed and sent'),
    state: DeliveryStateSchema,
    attempts: z.array(DeliveryAttemptView),
    nextAttemptAt: Timestamp.nullable(),
    replayOf: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'WebhookDelivery' });

export const DeliveryQuery = PageQuery.extend({ state: DeliveryStateSchema.optional() });

export type WebhookViewT = z.infer<typeof WebhookView>;
export type WebhookWithSecretT = z.infer<typeof WebhookWithSecret>;
export type DeliveryViewT = z.infer<typeof DeliveryView>;
