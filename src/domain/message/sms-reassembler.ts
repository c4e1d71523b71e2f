/**
 * Reassembles concatenated SMS (3GPP TS 23.040 §9.2.3.24.1) whatever order the parts arrive
 * in; parts that never complete are handed back by `expire` so nothing received is lost.
 */
import type { ConcatInfo } from './sms-text.ts';
import { DomainError } from '../errors.ts';

/** Most parts a concatenated message can have (one octet of count). */
const maxParts = 255;

const invalid = (message: string, details: Record<string, unknown>) =>
  new DomainError('sms.invalid', message, details);

export interface ReceivedSmsPart extends ConcatInfo {
  readonly text: string;
}

/** An incomplete message given up on: the parts that came, each gap shown as '…'. */
export interface ExpiredSms {
  readonly from: string;
  readonly text: string;
  /** seq numbers that never arrived. */
  readonly missing: number[];
}

interface Pending {
  readonly from: string;
  readonly total: number;
  readonly firstAt: number;
  readonly parts: Map<number, string>;
}

/**
 * Puts concatenated parts back together, keyed by (sender, ref, total) as 23.040 §9.2.3.24.1
 * says a message is identified. Parts may come in any order and twice (an SMSC resends when our
 * deliver_sm_resp is lost). Holds at most `maxPending` messages.
 */
export class SmsReassembler {
  readonly #pending = new Map<string, Pending>();
  /** Completed messages' parts, so a resent part does not start a message that never ends. */
  readonly #completed = new Map<string, { readonly at: number; readonly parts: string[] }>();
  readonly #evicted: ExpiredSms[] = [];

  constructor(private readonly maxPending = 1000) {}

  /** Messages waiting for parts. */
  get size(): number {
    return this.#pending.size;
  }

  /** The whole text once the last missing part arrives, else null (duplicates give null). */
  add(key: { from: string }, part: ReceivedSmsPart, now: number): string | null {
    const { ref, total, seq, text } = part;
    if (![ref, total, seq].every(Number.isInteger) || ref < 0 || ref > 0xffff) {
      throw invalid('bad concatenation reference or part numbers', { ref, total, seq });
    }
    if (total < 1 || total > maxParts || seq < 1 || seq > total) {
      throw invalid('bad concatenation reference or part numbers', { ref, total, seq });
    }
    if (total === 1) return text;
    const id = JSON.stringify([key.from, ref, total]);
    const done = this.#completed.get(id);
    if (done) {
      if (done.parts[seq - 1] === text) return null;
      // Same reference, different text: the sender has reused the reference for a new message.
      this.#completed.delete(id);
    }
    let pending = this.#pending.get(id);
    if (!pending) {
      pending = { from: key.from, total, firstAt: now, parts: new Map() };
      this.#pending.set(id, pending);
      this.#evict();
    }
    if (pending.parts.has(seq)) return null;
    pending.parts.set(seq, text);
    if (pending.parts.size < total) return null;
    this.#pending.delete(id);
    const parts = Array.from({ length: total }, (_, i) => pending.parts.get(i + 1) ?? '');
    this.#completed.set(id, { at: now, parts });
    if (this.#completed.size > this.maxPending) this.#completed.delete(first(this.#completed));
    return parts.join('');
  }

  /**
   * Gives up on messages whose first part came more than maxAgeMs ago, and returns them with
   * those evicted by add() since the last call (call it periodically), oldest first.
   */
  expire(now: number, maxAgeMs: number): ExpiredSms[] {
    const out = this.#evicted.splice(0);
    for (const [id, pending] of this.#pending) {
      if (now - pending.firstAt > maxAgeMs) {
        this.#pending.delete(id);
        out.push(incomplete(pending));
      }
    }
    for (const [id, done] of this.#completed) {
      if (now - done.at > maxAgeMs) this.#completed.delete(id);
    }
    return out;
  }

  // Maps iterate in insertion order, so the first entry is the oldest message.
  #evict(): void {
    while (this.#pending.size > this.maxPending) {
      const id = first(this.#pending);
      const oldest = this.#pending.get(id);
      this.#pending.delete(id);
      if (oldest) this.#evicted.push(incomplete(oldest));
    }
  }
}

function first(map: Map<string, unknown>): string {
  return map.keys().next().value ?? '';
}

function incomplete({ from, total, parts }: Pending): ExpiredSms {
  const missing: number[] = [];
  let text = '';
  for (let seq = 1; seq <= total; seq++) {
    const part = parts.get(seq);
    if (part !== undefined) {
      text += part;
      continue;
    }
    // One mark per gap, however many parts in a row are missing.
    if (missing.at(-1) !== seq - 1) text += '…';
    missing.push(seq);
  }
  return { from, text, missing };
}
