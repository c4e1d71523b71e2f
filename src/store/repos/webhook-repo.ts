/** Webhook subscriptions and deliveries (attempts are a bounded JSON array on the delivery). */
import { and, asc, count, desc, eq, inArray, lte, type SQL } from 'drizzle-orm';
import type { WebhookRepo } from '../../app/ports/webhook-repo.ts';
import type { Page, PageOf } from '../../app/ports/store.ts';
import type { DeliveryState, WebhookDelivery } from '../../domain/webhook/webhook-delivery.ts';
import type { WebhookSubscription } from '../../domain/webhook/webhook-subscription.ts';
import type { Db } from '../db.ts';
import { webhookDeliveries, webhookSubscriptions } from '../schema.ts';

type SubRow = typeof webhookSubscriptions.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const subOf = (r: SubRow): WebhookSubscription => ({ ...r });

const deliveryOf = (r: DeliveryRow): WebhookDelivery => ({
  ...r,
  state: r.state as DeliveryState,
  attempts: r.attempts.map((a) => ({ ...a, at: new Date(a.at) })),
});

const deliveryRow = (d: WebhookDelivery): DeliveryRow => ({
  ...d,
  attempts: d.attempts.map((a) => ({ ...a, at: a.at.toISOString() })),
});

export class DrizzleWebhookRepo implements WebhookRepo {
  constructor(private readonly db: Db) {}

  async insertSubscription(s: WebhookSubscription): Promise<void> {
    await this.db.insert(webhookSubscriptions).values({ ...s, eventTypes: [...s.eventTypes] });
  }

  async updateSubscription(s: WebhookSubscription): Promise<void> {
    const { id, ...rest } = s;
    await this.db
      .update(webhookSubscriptions)
      .set({ ...rest, eventTypes: [...s.eventTypes] })
      .where(eq(webhookSubscriptions.id, id));
  }

  async getSubscription(id: string): Promise<WebhookSubscription | null> {
    const [r] = await this.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, id));
    return r ? subOf(r) : null;
  }

  async getSubscriptionForUpdate(id: string): Promise<WebhookSubscription | null> {
    const [r] = await this.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, id))
      .for('update');
    return r ? subOf(r) : null;
  }

  async listSubscriptions(): Promise<WebhookSubscription[]> {
    const rows = await this.db
      .select()
      .from(webhookSubscriptions)
      .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
    return rows.map(subOf);
  }

  async deleteSubscription(id: string): Promise<boolean> {
    const r = await this.db
      .delete(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, id))
      .returning({ id: webhookSubscriptions.id });
    return r.length > 0;
  }

  async queue(ds: readonly WebhookDelivery[]): Promise<number> {
    if (ds.length === 0) return 0;
    const r = await this.db
      .insert(webhookDeliveries)
      .values(ds.map(deliveryRow))
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    return r.length;
  }

  async getDelivery(id: string): Promise<WebhookDelivery | null> {
    const [r] = await this.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    return r ? deliveryOf(r) : null;
  }

  async getDeliveryForUpdate(id: string): Promise<WebhookDelivery | null> {
    const [r] = await this.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, id))
      .for('update');
    return r ? deliveryOf(r) : null;
  }

  async updateDelivery(d: WebhookDelivery): Promise<void> {
    const { id, ...rest } = deliveryRow(d);
    await this.db.update(webhookDeliveries).set(rest).where(eq(webhookDeliveries.id, id));
  }

  async listDeliveries(
    subscriptionId: string,
    f: { state?: DeliveryState },
    page: Page,
  ): Promise<PageOf<WebhookDelivery>> {
    const conds: SQL[] = [eq(webhookDeliveries.subscriptionId, subscriptionId)];
    if (f.state) conds.push(eq(webhookDeliveries.state, f.state));
    const where = and(...conds);
    const rows = await this.db
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(page.limit)
      .offset(page.offset);
    const [total] = await this.db.select({ n: count() }).from(webhookDeliveries).where(where);
    return { items: rows.map(deliveryOf), total: Number(total?.n ?? 0) };
  }

  async due(now: Date, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.db
      .select({ d: webhookDeliveries })
      .from(webhookDeliveries)
      .innerJoin(
        webhookSubscriptions,
        eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId),
      )
      .where(
        and(
          inArray(webhookDeliveries.state, ['pending', 'retrying']),
          lte(webhookDeliveries.nextAttemptAt, now),
          eq(webhookSubscriptions.active, true),
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.createdAt))
      .limit(limit);
    return rows.map((r) => deliveryOf(r.d));
  }

  async requeueStale(now: Date): Promise<number> {
    const r = await this.db
      .update(webhookDeliveries)
      .set({ state: 'pending', nextAttemptAt: now, updatedAt: now })
      .where(eq(webhookDeliveries.state, 'delivering'))
      .returning({ id: webhookDeliveries.id });
    return r.length;
  }
}
