/**
 * Follows the event log and delivers webhooks. Two passes, run after each commit and on a timer:
 * 1. queue: events after the persisted cursor become one delivery per matching active
 *    subscription; the deliveries and the moved cursor commit together, so a restart neither
 *    loses an event nor queues it twice (and the unique index would refuse a duplicate anyway).
 * 2. send: due deliveries are signed and POSTed with a timeout; each attempt is recorded with its
 *    status, response snippet, duration and error, then delivered, retried with backoff or dead.
 * At-least-once: a stop between the POST and the record sends it again after the restart.
 */
import type { AppDeps } from '../app-context.ts';
import type { WebhookSender } from '../ports/webhook-sender.ts';
import type { LoggedEvent } from '../../domain/events/domain-event.ts';
import {
  afterFailure,
  defaultRetryDelaysMs,
  isSuccessStatus,
  logEventId,
  moveDelivery,
  responseSnippetChars,
  type WebhookDelivery,
  type WebhookEventBody,
} from '../../domain/webhook/webhook-delivery.ts';
import {
  deliveryIdHeaderName,
  eventIdHeaderName,
  eventTypeHeaderName,
  signatureHeaderName,
} from '../../domain/webhook/webhook-signature.ts';
import {
  afterDead,
  afterFailedAttempt,
  afterSuccess,
  defaultDisableRule,
  subscribedTo,
  type DisableRule,
} from '../../domain/webhook/webhook-subscription.ts';
import { signWebhook } from './webhook-signer.ts';

export interface DispatcherOptions {
  readonly retryDelaysMs?: readonly number[];
  readonly disableRule?: DisableRule;
  readonly timeoutMs?: number;
  /** Events read from the log per queueing transaction. */
  readonly batch?: number;
}

const cursorName = 'webhooks';

export class WebhookDispatcher {
  private readonly retryDelaysMs: readonly number[];
  private readonly rule: DisableRule;
  private readonly timeoutMs: number;
  private readonly batch: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private unfollow: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private recovered = false;
  private stopped = false;

  constructor(
    private readonly deps: AppDeps,
    private readonly sender: WebhookSender,
    o: DispatcherOptions = {},
  ) {
    this.retryDelaysMs = o.retryDelaysMs ?? defaultRetryDelaysMs;
    this.rule = o.disableRule ?? defaultDisableRule;
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.batch = o.batch ?? 500;
  }

  /** Follows commits, and polls every `everyMs` for retries that fall due. */
  start(everyMs = 1000): void {
    if (this.timer) return;
    this.stopped = false;
    this.unfollow = this.deps.store.onCommit(() => this.kick());
    this.timer = setInterval(() => this.kick(), everyMs);
    this.timer.unref();
    this.kick();
  }

  /** After stop, `kick()` does nothing (a late commit must not send); `flush()` still works. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unfollow?.();
    this.unfollow = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((e) => console.error('webhook dispatch failed', e))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits for the current pass, then runs a whole one (tests await it). */
  async flush(): Promise<void> {
    await this.running;
    const pass = this.pass();
    this.running = pass.finally(() => (this.running = null));
    await pass;
  }

  /** Queues what the log holds beyond the cursor, without sending (tests stop here). */
  async queuePending(): Promise<number> {
    let queued = 0;
    for (;;) {
      const cur = await this.deps.store.stats.cursor(cursorName);
      if (!cur) {
        // First start: begin at the head; subscriptions see only what happens from now on.
        const seq = await this.deps.store.events.lastSeq();
        await this.deps.store.transaction((tx) =>
          tx.stats.saveCursor(cursorName, { seq, state: {} }),
        );
        continue;
      }
      const events = await this.deps.store.events.after(cur.seq, this.batch, null);
      if (events.length === 0) return queued;
      const last = events.at(-1)?.seq ?? cur.seq;
      const n = await this.deps.store.transaction(async (tx) => {
        // Another process may have moved the cursor meanwhile: then this batch is not ours.
        if ((await tx.stats.cursor(cursorName))?.seq !== cur.seq) return 0;
        const subs = (await tx.webhooks.listSubscriptions()).filter((s) => s.active);
        const now = this.deps.clock.now();
        const ds: WebhookDelivery[] = [];
        for (const e of events)
          for (const s of subs)
            if (e.seq > s.fromSeq && subscribedTo(s, e.type))
              ds.push(this.newDelivery(s.id, logEventId(e.seq), e.type, bodyOf(e), now));
        const added = await tx.webhooks.queue(ds);
        await tx.stats.saveCursor(cursorName, { seq: last, state: {} });
        return added;
      });
      queued += n;
    }
  }

  newDelivery(
    subscriptionId: string,
    eventId: string,
    eventType: string,
    body: string,
    now: Date,
    replayOf: string | null = null,
  ): WebhookDelivery {
    return {
      id: this.deps.ids.newId(),
      subscriptionId,
      eventId,
      eventType,
      body,
      state: 'pending',
      attempts: [],
      nextAttemptAt: now,
      replayOf,
      createdAt: now,
      updatedAt: now,
    };
  }

  private async pass(): Promise<void> {
    await this.queuePending();
    if (!this.recovered) {
      const n = await this.deps.store.webhooks.requeueStale(this.deps.clock.now());
      if (n > 0) console.warn(`webhooks: ${n} delivery(ies) cut off by a stop are sent again`);
      this.recovered = true;
    }
    for (;;) {
      const due = await this.deps.store.webhooks.due(this.deps.clock.now(), 20);
      if (due.length === 0) return;
      await Promise.all(due.map((d) => this.sendOne(d.id)));
    }
  }

  private async sendOne(id: string): Promise<void> {
    const claimed = await this.deps.store.transaction(async (tx) => {
      const d = await tx.webhooks.getDeliveryForUpdate(id);
      const s = d && (await tx.webhooks.getSubscription(d.subscriptionId));
      if (!d || !s?.active || (d.state !== 'pending' && d.state !== 'retrying')) return null;
      const now = this.deps.clock.now();
      const next = { ...d, state: moveDelivery(d.state, 'send'), updatedAt: now };
      await tx.webhooks.updateDelivery(next);
      return { d: next, url: s.url, secret: s.secret };
    });
    if (!claimed) return;
    const { d } = claimed;
    const sentAt = this.deps.clock.now();
    const answer = await this.sender.post(
      {
        url: claimed.url,
        body: d.body,
        timeoutMs: this.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'kefu-webhooks/1',
          [signatureHeaderName]: signWebhook(claimed.secret, d.body, sentAt),
          [eventIdHeaderName]: d.eventId,
          [eventTypeHeaderName]: d.eventType,
          [deliveryIdHeaderName]: d.id,
        },
      },
      responseSnippetChars,
    );
    await this.deps.store.transaction(async (tx) => {
      const cur = await tx.webhooks.getDeliveryForUpdate(id);
      if (!cur || cur.state !== 'delivering') return;
      const now = this.deps.clock.now();
      const attempts = [...cur.attempts, { at: sentAt, ...answer }];
      const ok = isSuccessStatus(answer.statusCode);
      const fate = ok ? null : afterFailure(attempts.length, now, this.retryDelaysMs);
      const move = ok ? 'succeed' : (fate?.move ?? 'give_up');
      await tx.webhooks.updateDelivery({
        ...cur,
        attempts,
        state: moveDelivery(cur.state, move),
        nextAttemptAt: fate?.move === 'fail' ? fate.nextAttemptAt : null,
        updatedAt: now,
      });
      const sub = await tx.webhooks.getSubscriptionForUpdate(cur.subscriptionId);
      if (!sub) return;
      let next = ok ? afterSuccess(sub, now) : afterFailedAttempt(sub, now, this.rule);
      if (move === 'give_up') next = afterDead(next, now, this.rule);
      if (next === sub) return;
      await tx.webhooks.updateSubscription(next);
      if (sub.active && !next.active)
        console.warn(`webhooks: subscription ${sub.id} disabled: ${next.disabledReason}`);
    });
  }
}

/** The JSON receivers get for a logged event (the visibility scope stays inside kefu). */
export function bodyOf(e: LoggedEvent): string {
  const b: WebhookEventBody = {
    id: logEventId(e.seq),
    type: e.type,
    at: e.at.toISOString(),
    seq: e.seq,
    subject: { type: e.subjectType, id: e.subjectId },
    actorId: e.actorId,
    data: e.payload,
  };
  return JSON.stringify(b);
}
