/**
 * The SMS channel over one SMPP link. Outbound: the outbox's message is cut into parts
 * (sms-text.ts) and each is a submit_sm (§4.4) asking for a receipt; the message's external id
 * is the message_id of its last part. Inbound: every deliver_sm (§4.6) is either a delivery
 * receipt (Appendix B), which moves the outbound message on, or a text part, put back together
 * with the others of its message and then handed to the inbox. deliver_sm_resp goes out only
 * after that (a failure to store answers ESME_RSYSERR so the SMSC delivers again).
 */
import { randomInt } from 'node:crypto';
import type { PDU } from 'smpp';
import type { InboundMessage, InboxService } from '../../app/messaging/inbox-service.ts';
import type { OutboxService } from '../../app/messaging/outbox-service.ts';
import type { ChannelSender, SendResult } from '../../app/ports/channel-sender.ts';
import { SendFailure } from '../../app/ports/channel-sender.ts';
import type { Message } from '../../domain/message/message.ts';
import { buildSmsParts, type SmsPart } from '../../domain/message/sms-text.ts';
import { SmsReassembler } from '../../domain/message/sms-reassembler.ts';
import { receiptOutcome, type DeliveryReceipt } from './delivery-receipt.ts';
import type { SmppLink, SmsLog } from './smpp-link.ts';
import { isPermanentSubmitError, smppStatus, statusName } from './smpp-status.ts';
import { isReceipt, readDeliverSm, receiptOf, smppAddress, submitFields } from './sms-pdu.ts';

export interface SmsChannelOptions {
  readonly inbox: Pick<InboxService, 'receive'>;
  readonly outbox: Pick<OutboxService, 'delivered' | 'failed'>;
  /** The center's number customers write to and see replies from (a short code: 10086). */
  readonly sourceAddr: string;
  readonly log: SmsLog;
  /** Added to national numbers received (default '86'). */
  readonly countryCode?: string;
  /** An incomplete concatenated message is stored as it is after this (default 10 min). */
  readonly reassemblyTimeoutMs?: number;
  /** How often expired parts, failed stores and early receipts are looked at (default 30 s). */
  readonly sweepEveryMs?: number;
  readonly now?: () => number;
}

/** The part ids of one sent message; receipts may name any of them. */
interface Tracked {
  readonly lastId: string;
  readonly ids: readonly string[];
  readonly waiting: Set<string>;
}

type FinalOutcome = 'delivered' | 'failed';

/** In-memory part-id index size: older entries fall back to matching the last part's id. */
const maxTracked = 100_000;
/** How long a receipt that came before its message's id was recorded is tried again. */
const earlyReceiptMs = 60_000;

export class SmsChannel implements ChannelSender {
  readonly #o: SmsChannelOptions & { readonly countryCode: string; readonly timeoutMs: number };
  readonly #now: () => number;
  readonly #reassembler = new SmsReassembler();
  readonly #parts = new Map<string, Tracked>();
  /** Where each sender's latest parts went, to store an expired message with its address. */
  readonly #senders = new Map<string, { to: string; dataCoding: number; at: number }>();
  /** Complete texts the inbox failed to take: tried again at each sweep and on a resent part. */
  readonly #unstored = new Map<string, InboundMessage>();
  #early: { receipt: DeliveryReceipt; outcome: FinalOutcome; until: number }[] = [];
  #chain: Promise<unknown> = Promise.resolve();
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(
    readonly link: SmppLink,
    options: SmsChannelOptions,
  ) {
    this.#o = {
      ...options,
      countryCode: options.countryCode ?? '86',
      timeoutMs: options.reassemblyTimeoutMs ?? 600_000,
    };
    this.#now = options.now ?? Date.now;
    // One at a time: parts of a message, and a customer's messages, are threaded in order.
    link.onDeliver((pdu) => this.#serial(() => this.#deliver(pdu)));
    this.#timer = setInterval(() => void this.sweep(), options.sweepEveryMs ?? 30_000);
    this.#timer.unref();
  }

  async send(m: Message): Promise<SendResult> {
    if (this.link.state !== 'bound') throw new SendFailure('SMPP link is down', false);
    let parts: SmsPart[];
    try {
      // A random reference per message, so a handset never joins parts of two messages.
      parts = buildSmsParts(m.body, randomInt(256));
    } catch (e) {
      throw new SendFailure(`cannot make an SMS of the text: ${errorText(e)}`, true);
    }
    const source = smppAddress(this.#o.sourceAddr);
    const dest = smppAddress(m.to);
    const ids: string[] = [];
    // Parts go in order; one refused part fails the message (parts before it have gone out).
    for (const part of parts) {
      let resp: PDU;
      try {
        resp = await this.link.submit(submitFields(source, dest, part));
      } catch (e) {
        throw new SendFailure(errorText(e), false);
      }
      const status = resp.command_status;
      if (status !== smppStatus.ok) {
        const where = parts.length > 1 ? ` (part ${ids.length + 1} of ${parts.length})` : '';
        throw new SendFailure(
          `SMSC refused submit_sm: ${statusName(status)}${where}`,
          isPermanentSubmitError(status),
        );
      }
      ids.push(typeof resp.message_id === 'string' ? resp.message_id : '');
    }
    const lastId = ids.at(-1) ?? '';
    this.#track(lastId, ids);
    return {
      externalId: lastId,
      meta: { parts: parts.length, dataCoding: parts[0]?.dataCoding ?? 0, partIds: ids },
    };
  }

  /**
   * Stores incomplete messages older than the reassembly timeout (gaps marked '…'), retries
   * stores that failed and receipts that came early. Runs periodically; tests call it.
   */
  sweep(): Promise<void> {
    return this.#serial(async () => {
      const now = this.#now();
      const expired = this.#reassembler.expire(now, this.#o.timeoutMs);
      for (const [i, e] of expired.entries()) {
        const seen = this.#senders.get(e.from);
        this.#o.log('warn', 'incomplete SMS stored after the reassembly timeout', {
          from: e.from,
          missing: e.missing,
        });
        this.#unstored.set(`expired:${now}:${i}`, {
          channel: 'sms',
          from: e.from,
          to: seen?.to ?? this.#o.sourceAddr,
          body: e.text,
          meta: { dataCoding: seen?.dataCoding ?? 0, incomplete: true, missingParts: e.missing },
        });
      }
      for (const [key, input] of [...this.#unstored]) await this.#store(key, input);
      const early = this.#early;
      this.#early = [];
      for (const e of early) {
        if (!(await this.#apply(e.receipt, e.outcome)) && now < e.until) this.#early.push(e);
      }
      for (const [from, s] of this.#senders) {
        if (now - s.at > 2 * this.#o.timeoutMs) this.#senders.delete(from);
      }
    }).catch((e: unknown) => this.#o.log('error', 'SMS sweep failed', { error: errorText(e) }));
  }

  /** Stops the sweep timer (the link is closed by its owner). */
  close(): void {
    clearInterval(this.#timer);
  }

  async #deliver(pdu: PDU): Promise<number> {
    if (isReceipt(pdu)) {
      await this.#receipt(pdu);
      return smppStatus.ok;
    }
    const part = readDeliverSm(pdu, this.#o.countryCode);
    const meta = (parts: number) => ({ parts, dataCoding: part.dataCoding });
    const message = (body: string, parts: number): InboundMessage => ({
      channel: 'sms',
      from: part.from,
      to: part.to,
      body,
      meta: meta(parts),
    });
    if (!part.concat || part.concat.total === 1) {
      return this.#store(null, message(part.text, 1));
    }
    const now = this.#now();
    const { ref, total } = part.concat;
    const key = JSON.stringify([part.from, ref, total]);
    this.#senders.set(part.from, { to: part.to, dataCoding: part.dataCoding, at: now });
    const text = this.#reassembler.add(
      { from: part.from },
      { ...part.concat, text: part.text },
      now,
    );
    if (text !== null) return this.#store(key, message(text, total));
    // A part sent again after we failed to store its message: the SMSC retries, so do we.
    const unstored = this.#unstored.get(key);
    return unstored ? this.#store(key, unstored) : smppStatus.ok;
  }

  /** Hands a message to the inbox; on failure keeps it (under `key`) for another try. */
  async #store(key: string | null, input: InboundMessage): Promise<number> {
    try {
      await this.#o.inbox.receive(input);
      if (key) this.#unstored.delete(key);
      return smppStatus.ok;
    } catch (e) {
      this.#o.log('error', 'storing an inbound SMS failed; it will be tried again', {
        from: input.from,
        error: errorText(e),
      });
      if (key) this.#unstored.set(key, input);
      return smppStatus.systemError;
    }
  }

  async #receipt(pdu: PDU): Promise<void> {
    const r = receiptOf(pdu);
    if (!r) {
      this.#o.log('warn', 'delivery receipt without a message id or state', {
        text: pdu.short_message,
      });
      return;
    }
    const outcome = receiptOutcome(r.stat);
    if (outcome === 'pending') return;
    // A receipt can beat the outbox to recording the message id: keep it for the sweep.
    if (!(await this.#apply(r, outcome)) && this.#parts.has(r.id)) {
      this.#early.push({ receipt: r, outcome, until: this.#now() + earlyReceiptMs });
    }
  }

  /**
   * A message is delivered when every part is (known parts in memory; after a restart, the
   * last part's receipt stands for the message); one failed part fails it. False when the
   * outbox has no sent message with that id (yet).
   */
  async #apply(r: DeliveryReceipt, outcome: FinalOutcome): Promise<boolean> {
    const tracked = this.#parts.get(r.id);
    const lastId = tracked?.lastId ?? r.id;
    if (outcome === 'delivered') {
      tracked?.waiting.delete(r.id);
      if (tracked && tracked.waiting.size > 0) return true;
      const m = await this.#o.outbox.delivered('sms', lastId);
      if (m) this.#untrack(tracked);
      return m !== null;
    }
    const why = `SMSC receipt ${r.stat}${r.err ? ` err:${r.err}` : ''}`;
    const m = await this.#o.outbox.failed('sms', lastId, why);
    if (m) this.#untrack(tracked);
    return m !== null;
  }

  #track(lastId: string, ids: readonly string[]): void {
    const tracked: Tracked = { lastId, ids, waiting: new Set(ids) };
    for (const id of ids) this.#parts.set(id, tracked);
    // Maps keep insertion order: the first keys are the oldest messages' parts.
    for (const id of this.#parts.keys()) {
      if (this.#parts.size <= maxTracked) break;
      this.#parts.delete(id);
    }
  }

  #untrack(tracked: Tracked | undefined): void {
    for (const id of tracked?.ids ?? []) this.#parts.delete(id);
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(task, task);
    this.#chain = run.catch(() => undefined);
    return run;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
