/**
 * Webhook subscriptions and their deliveries. Behaviour owed:
 * - `queue` is idempotent per (subscription, event id) for non-replays: queueing the same logged
 *   event twice (a restart between queueing and moving the cursor) keeps one delivery.
 * - `due` returns pending or retrying deliveries whose time has come, of active subscriptions
 *   only (a disabled subscription's deliveries wait until it is enabled again), oldest first.
 * - Deleting a subscription deletes its deliveries.
 */
import type { DeliveryState, WebhookDelivery } from '../../domain/webhook/webhook-delivery.ts';
import type { WebhookSubscription } from '../../domain/webhook/webhook-subscription.ts';
import type { Page, PageOf } from './store.ts';

export interface WebhookRepo {
  insertSubscription(s: WebhookSubscription): Promise<void>;
  updateSubscription(s: WebhookSubscription): Promise<void>;
  getSubscription(id: string): Promise<WebhookSubscription | null>;
  /** Reads and locks the row until the transaction ends. */
  getSubscriptionForUpdate(id: string): Promise<WebhookSubscription | null>;
  listSubscriptions(): Promise<WebhookSubscription[]>;
  deleteSubscription(id: string): Promise<boolean>;
  /** Inserts deliveries, skipping any already queued for the same event; returns how many. */
  queue(ds: readonly WebhookDelivery[]): Promise<number>;
  getDelivery(id: string): Promise<WebhookDelivery | null>;
  getDeliveryForUpdate(id: string): Promise<WebhookDelivery | null>;
  updateDelivery(d: WebhookDelivery): Promise<void>;
  /** Newest first. */
  listDeliveries(
    subscriptionId: string,
    f: { state?: DeliveryState },
    page: Page,
  ): Promise<PageOf<WebhookDelivery>>;
  due(now: Date, limit: number): Promise<WebhookDelivery[]>;
  /** Deliveries left `delivering` by a stop go back to `pending`; returns how many. */
  requeueStale(now: Date): Promise<number>;
}
