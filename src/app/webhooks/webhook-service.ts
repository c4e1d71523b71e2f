/**
 * Administrators' use cases for webhooks: subscriptions (the secret is returned only on create
 * and rotate), a test event, the delivery log and replays. Sending is the dispatcher's job.
 */
import type { AppDeps } from '../app-context.ts';
import type { Page, PageOf } from '../ports/store.ts';
import { DomainError } from '../../domain/errors.ts';
import type {
  DeliveryState,
  WebhookDelivery,
  WebhookEventBody,
} from '../../domain/webhook/webhook-delivery.ts';
import {
  assertEventPatterns,
  assertWebhookUrl,
  disable,
  enable,
  type WebhookSubscription,
} from '../../domain/webhook/webhook-subscription.ts';
import type { WebhookDispatcher } from './webhook-dispatcher.ts';
import { newWebhookSecret } from './webhook-signer.ts';

export interface NewWebhook {
  readonly name: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
}
export interface WebhookPatch {
  readonly name?: string;
  readonly url?: string;
  readonly eventTypes?: readonly string[];
  /** true re-enables (and forgives past failures); false disables by hand. */
  readonly active?: boolean;
}

export class WebhookService {
  constructor(
    private readonly deps: AppDeps,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async create(w: NewWebhook): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const now = this.deps.clock.now();
    const s: WebhookSubscription = {
      id: this.deps.ids.newId(),
      name: w.name,
      url: assertWebhookUrl(w.url),
      eventTypes: assertEventPatterns(w.eventTypes),
      secret: newWebhookSecret(),
      active: true,
      disabledReason: null,
      disabledAt: null,
      consecutiveDead: 0,
      failingSince: null,
      fromSeq: await this.deps.store.events.lastSeq(),
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.store.webhooks.insertSubscription(s);
    return { subscription: s, secret: s.secret };
  }

  list(): Promise<WebhookSubscription[]> {
    return this.deps.store.webhooks.listSubscriptions();
  }

  async get(id: string): Promise<WebhookSubscription> {
    const s = await this.deps.store.webhooks.getSubscription(id);
    if (!s) throw new DomainError('not_found', 'no such webhook', { id });
    return s;
  }

  async update(id: string, p: WebhookPatch): Promise<WebhookSubscription> {
    const s = await this.deps.store.transaction(async (tx) => {
      const cur = await tx.webhooks.getSubscriptionForUpdate(id);
      if (!cur) throw new DomainError('not_found', 'no such webhook', { id });
      const now = this.deps.clock.now();
      let next: WebhookSubscription = {
        ...cur,
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.url !== undefined ? { url: assertWebhookUrl(p.url) } : {}),
        ...(p.eventTypes !== undefined ? { eventTypes: assertEventPatterns(p.eventTypes) } : {}),
        updatedAt: now,
      };
      if (p.active === true && !cur.active) next = enable(next, now);
      if (p.active === false && cur.active) next = disable(next, 'manual', now);
      await tx.webhooks.updateSubscription(next);
      return next;
    });
    if (s.active) this.dispatcher.kick(); // deliveries that waited while it was disabled
    return s;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.deps.store.webhooks.deleteSubscription(id)))
      throw new DomainError('not_found', 'no such webhook', { id });
  }

  /** A new secret; the old one stops signing at once. */
  async rotateSecret(id: string): Promise<{ subscription: WebhookSubscription; secret: string }> {
    return this.deps.store.transaction(async (tx) => {
      const cur = await tx.webhooks.getSubscriptionForUpdate(id);
      if (!cur) throw new DomainError('not_found', 'no such webhook', { id });
      const next = { ...cur, secret: newWebhookSecret(), updatedAt: this.deps.clock.now() };
      await tx.webhooks.updateSubscription(next);
      return { subscription: next, secret: next.secret };
    });
  }

  /** Queues a `webhook.test` event for this subscription only (it is not in the event log). */
  async sendTest(id: string, actorId: string | null): Promise<WebhookDelivery> {
    const s = await this.get(id);
    const now = this.deps.clock.now();
    const eventId = `evt_test_${this.deps.ids.newId()}`;
    const body: WebhookEventBody = {
      id: eventId,
      type: 'webhook.test',
      at: now.toISOString(),
      seq: null,
      subject: { type: 'webhook', id: s.id },
      actorId,
      data: { message: 'kefu webhook test', subscription: s.name },
    };
    const d = this.dispatcher.newDelivery(s.id, eventId, body.type, JSON.stringify(body), now);
    await this.deps.store.webhooks.queue([d]);
    this.dispatcher.kick();
    return d;
  }

  async deliveries(
    id: string,
    f: { state?: DeliveryState },
    page: Page,
  ): Promise<PageOf<WebhookDelivery>> {
    await this.get(id);
    return this.deps.store.webhooks.listDeliveries(id, f, page);
  }

  /** Sends the same event (same id and body, newly signed) again, as a new delivery. */
  async replay(deliveryId: string): Promise<WebhookDelivery> {
    const d = await this.deps.store.webhooks.getDelivery(deliveryId);
    if (!d) throw new DomainError('not_found', 'no such delivery', { id: deliveryId });
    const now = this.deps.clock.now();
    const copy = this.dispatcher.newDelivery(
      d.subscriptionId,
      d.eventId,
      d.eventType,
      d.body,
      now,
      d.id,
    );
    await this.deps.store.webhooks.queue([copy]);
    this.dispatcher.kick();
    return copy;
  }
}
