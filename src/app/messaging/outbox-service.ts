/**
 * The one outbox of the center. A reply on any channel is written as an outbound message in
 * `queued` state inside the caller's transaction (so a reply and the case change it belongs to
 * commit together), then a dispatcher hands due messages to the channel's sender, records the
 * outcome and retries with backoff (outbox-status.ts). Receipts arriving later (SMS delivery
 * receipts, e-mail bounces) find the message by its transport id and move it on.
 */
import type { Actor, AppDeps } from '../app-context.ts';
import type { ChannelSender } from '../ports/channel-sender.ts';
import { SendFailure } from '../ports/channel-sender.ts';
import type { NewAttachment } from '../ports/message-repo.ts';
import type { StoreTx } from '../ports/store.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  assertOutboundText,
  messageEvent,
  type Message,
  type MessageChannel,
  type MessageMeta,
} from '../../domain/message/message.ts';
import {
  maxSendAttempts,
  moveOutbox,
  retryDelayMs,
  type OutboxMove,
} from '../../domain/message/outbox-status.ts';
import { resolveDraft, type OutboundDraft } from './outbound-draft.ts';

export type { OutboundDraft } from './outbound-draft.ts';

export interface OutboxAddresses {
  /** The center's sender address per channel: support@…, the SMS short code, the fax number. */
  readonly email: string;
  readonly sms: string;
  readonly fax: string;
  /** Domain part for the Message-IDs kefu makes. */
  readonly messageIdDomain: string;
}

export class OutboxService {
  private readonly senders = new Map<MessageChannel, ChannelSender>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private recovered = false;

  constructor(
    private readonly deps: AppDeps,
    readonly addresses: OutboxAddresses,
  ) {}

  register(channel: MessageChannel, sender: ChannelSender): void {
    this.senders.set(channel, sender);
  }

  has(channel: MessageChannel): boolean {
    return this.senders.has(channel);
  }

  /** Polls for due messages every `everyMs` (retries); new messages are sent at once anyway. */
  start(everyMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), everyMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Queues a message in the caller's transaction; call `kick()` after the commit. */
  async enqueueIn(tx: StoreTx, actor: Actor, d: OutboundDraft): Promise<Message> {
    if (!this.senders.has(d.channel))
      throw new DomainError('channel.unavailable', `the ${d.channel} channel is not configured`, {
        channel: d.channel,
      });
    assertOutboundText(d.channel, d.body);
    const now = this.deps.clock.now();
    const r = await resolveDraft(tx, this.deps, this.addresses, actor, d, now);
    const files: NewAttachment[] = (d.attachments ?? []).map((a) => ({
      ...a,
      id: this.deps.ids.newId(),
    }));
    const m: Message = {
      ...r.message,
      attachments: files.map((f) => ({
        id: f.id,
        filename: f.filename,
        contentType: f.contentType,
        size: f.data.byteLength,
      })),
    };
    await tx.messages.insert(m, files);
    tx.append([messageEvent(m, 'message.queued', r.scope)], this.meta(actor, now));
    return m;
  }

  /** Queues and sends: the convenience for callers with no transaction of their own. */
  async enqueue(actor: Actor, d: OutboundDraft): Promise<Message> {
    const m = await this.deps.store.transaction((tx) => this.enqueueIn(tx, actor, d));
    this.kick();
    return m;
  }

  /** Runs a dispatch pass now (or right after the current one). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.dispatch()
      .catch((e) => console.error('outbox dispatch failed', e))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends everything due; resolves when the pass is over (tests await it). */
  async flush(): Promise<void> {
    await this.running;
    await this.dispatch();
  }

  private async dispatch(): Promise<void> {
    if (!this.recovered) {
      const n = await this.deps.store.messages.requeueStale(this.deps.clock.now());
      if (n > 0) console.warn(`outbox: ${n} message(s) left sending by a stop are queued again`);
      this.recovered = true;
    }
    for (;;) {
      const due = await this.deps.store.messages.due(this.deps.clock.now(), 20);
      const mine = due.filter((m) => this.senders.has(m.channel));
      if (mine.length === 0) return;
      // Channels send in parallel; one slow SMSC does not hold up e-mail.
      await Promise.all(mine.map((m) => this.sendOne(m.id)));
    }
  }

  private async sendOne(id: string): Promise<void> {
    const m = await this.transition(id, 'send', (cur) => ({ attempts: cur.attempts + 1 }));
    if (!m) return;
    const sender = this.senders.get(m.channel);
    if (!sender) return;
    try {
      const files = m.attachments.length ? await this.deps.store.messages.attachmentsOf(m.id) : [];
      const r = await sender.send(m, files);
      const now = this.deps.clock.now();
      await this.transition(id, r.delivered ? 'deliver' : 'ok', () => ({
        externalId: r.externalId ?? m.externalId,
        sentAt: now,
        deliveredAt: r.delivered ? now : null,
        meta: { ...m.meta, ...(r.meta ?? {}), error: undefined },
      }));
    } catch (e) {
      const permanent = e instanceof SendFailure ? e.permanent : false;
      const error = e instanceof Error ? e.message : String(e);
      const giveUp = permanent || m.attempts >= maxSendAttempts;
      if (!(e instanceof SendFailure)) console.error(`outbox: ${m.channel} send crashed`, e);
      const now = this.deps.clock.now();
      await this.transition(id, giveUp ? 'fail' : 'retry', () => ({
        meta: { ...m.meta, error },
        nextAttemptAt: giveUp ? null : new Date(now.getTime() + retryDelayMs(m.attempts)),
      }));
    }
  }

  /** The newest outbound message of a kind (meta.kind) to an address: rate limits. */
  lastOutbound(channel: MessageChannel, to: string, kind: string): Promise<Message | null> {
    return this.deps.store.messages.lastOutboundTo(channel, to, kind);
  }

  /** A delivery receipt: the message reached the customer. */
  async delivered(channel: MessageChannel, externalId: string): Promise<Message | null> {
    const m = await this.deps.store.messages.byExternalId(channel, externalId, 'outbound');
    if (!m || m.status === 'delivered') return m;
    const now = this.deps.clock.now();
    return this.transition(m.id, 'deliver', () => ({ deliveredAt: now }));
  }

  /** A bounce or a negative receipt: the message did not reach the customer. */
  async failed(channel: MessageChannel, externalId: string, why: string): Promise<Message | null> {
    const m = await this.deps.store.messages.byExternalId(channel, externalId, 'outbound');
    if (!m || m.status === 'failed') return m;
    return this.transition(m.id, 'fail', (cur) => ({ meta: { ...cur.meta, error: why } }));
  }

  /** Applies one outbox move to the stored message, with its event; null if it cannot move. */
  private async transition(
    id: string,
    move: OutboxMove,
    patch: (cur: Message) => Partial<Pick<Message, PatchKeys>>,
  ): Promise<Message | null> {
    return this.deps.store.transaction(async (tx) => {
      const cur = await tx.messages.getForUpdate(id);
      if (!cur) return null;
      let status;
      try {
        status = moveOutbox(cur.status, move);
      } catch (e) {
        if (move === 'send' || move === 'deliver' || move === 'fail') return null; // raced
        throw e;
      }
      const now = this.deps.clock.now();
      const next: Message = {
        ...cur,
        ...patch(cur),
        status,
        updatedAt: now,
        ...(move === 'send' ? { nextAttemptAt: null } : {}),
      };
      await tx.messages.update(next);
      await tx.cases.setReplyStatus(next.id, status);
      if (move !== 'send' && move !== 'requeue' && move !== 'retry') {
        const contact = await tx.contacts.get(cur.contactId);
        const type =
          status === 'delivered'
            ? 'message.delivered'
            : status === 'failed'
              ? 'message.failed'
              : 'message.sent';
        const error = (next.meta as MessageMeta).error;
        tx.append(
          [
            messageEvent(
              next,
              type,
              { agentId: contact?.agentId ?? null, teamId: contact?.teamId ?? null },
              status === 'failed' ? { error } : {},
            ),
          ],
          { actorId: null, at: now },
        );
      }
      return next;
    });
  }

  private meta(actor: Actor, at: Date) {
    return { actorId: actor.id === 'system' ? null : actor.id, at };
  }
}

type PatchKeys = 'attempts' | 'externalId' | 'sentAt' | 'deliveredAt' | 'meta' | 'nextAttemptAt';
