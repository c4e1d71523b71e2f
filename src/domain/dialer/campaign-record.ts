/**
 * One number a campaign calls, with its attempts. Its life:
 *
 *   (import) ──▶ pending ──▶ dialing ──▶ connected ──▶ done
 *                  │           │
 *                  │           └─▶ busy | no_answer | failed | abandoned ──▶ pending (retry at nextAt)
 *                  │                                                     └─▶ exhausted
 *                  └─▶ dnc_blocked   (the number joined the do-not-call list before its turn)
 *
 * Rows rejected at import (bad number, duplicate, on the DNC list) are only in the import report.
 * `done`, `exhausted` and `dnc_blocked` are final. An abandoned call (answered, no agent
 * free) is retried by the no-answer rule: the customer never spoke to anyone.
 *
 * One exception, in the call-backs campaign only: a customer's new request renews their record
 * (`renewRecord`: done | exhausted ──▶ pending), and retries count from that request on.
 * And a preview record offered to an agent who had not taken it yet when the campaign was paused
 * goes back untried (`withdrawRecord`: dialing ──▶ pending, no attempt).
 */
import { normalizeMsisdn } from '../customer/customer.ts';
import { DomainError } from '../errors.ts';
import { isValidTimeZone } from '../sla/zoned-time.ts';
import type { Campaign, RetryResult } from './campaign.ts';

export const recordStates = [
  'pending',
  'dialing',
  'connected',
  'busy',
  'no_answer',
  'failed',
  'abandoned',
  'done',
  'exhausted',
  'dnc_blocked',
] as const;
export type RecordState = (typeof recordStates)[number];

const moves: Record<RecordState, readonly RecordState[]> = {
  pending: ['dialing', 'dnc_blocked'],
  dialing: ['connected', 'busy', 'no_answer', 'failed', 'abandoned'],
  connected: ['done'],
  busy: ['pending', 'exhausted'],
  no_answer: ['pending', 'exhausted'],
  failed: ['pending', 'exhausted'],
  abandoned: ['pending', 'exhausted'],
  done: [],
  exhausted: [],
  dnc_blocked: [],
};

/** What the line reported for one attempt. */
export const dialResults = ['connected', 'busy', 'no_answer', 'failed', 'abandoned'] as const;
export type DialResult = (typeof dialResults)[number];

export interface DialAttempt {
  readonly at: Date;
  readonly result: DialResult;
  /** The agent the call was put through to (connected only). */
  readonly agentId: string | null;
}

export interface CampaignRecord {
  readonly id: string;
  readonly campaignId: string;
  /** E.164 digits without '+', as customers' numbers are stored. */
  readonly number: string;
  /** Its place in the campaign's lists (import order), the order records are dialed in. */
  readonly position: number;
  readonly name: string;
  /** Free fields shown to the agent (the screen pop). */
  readonly data: Readonly<Record<string, string>>;
  /** The customer's own IANA zone; null uses the campaign's. */
  readonly timeZone: string | null;
  readonly state: RecordState;
  /** Not to be dialed before this instant (the list's not-before, or a retry's time). */
  readonly nextAt: Date | null;
  readonly attempts: readonly DialAttempt[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface RecordInput {
  readonly number: string;
  readonly name?: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly timeZone?: string | null;
  readonly notBefore?: Date | null;
}

/** Normalises the number (default country 86) or throws `dialer.invalid_record`. */
export function normalizeDialNumber(raw: string, defaultCountryCode = '86'): string {
  try {
    return normalizeMsisdn(raw, defaultCountryCode);
  } catch (e) {
    if (e instanceof DomainError)
      throw new DomainError('dialer.invalid_record', `bad number: ${e.message}`, {
        field: 'number',
      });
    throw e;
  }
}

/** A new pending record, or `dialer.invalid_record` naming the bad field. */
export function newRecord(
  id: string,
  campaignId: string,
  input: RecordInput,
  now: Date,
  position = 0,
): CampaignRecord {
  const number = normalizeDialNumber(input.number);
  const tz = input.timeZone?.trim() || null;
  if (tz !== null && !isValidTimeZone(tz))
    throw new DomainError('dialer.invalid_record', `unknown time zone ${tz}`, {
      field: 'timeZone',
    });
  if (input.notBefore && Number.isNaN(input.notBefore.getTime()))
    throw new DomainError('dialer.invalid_record', 'notBefore is not a date', {
      field: 'notBefore',
    });
  return {
    id,
    campaignId,
    number,
    position,
    name: (input.name ?? '').trim(),
    data: input.data ?? {},
    timeZone: tz,
    state: 'pending',
    nextAt: input.notBefore ?? null,
    attempts: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** The record in state `to`, or `dialer.illegal_transition` listing the legal targets. */
export function moveRecord(r: CampaignRecord, to: RecordState, now: Date): CampaignRecord {
  const allowed = moves[r.state];
  if (!allowed.includes(to))
    throw new DomainError(
      'dialer.illegal_transition',
      `a record cannot move from ${r.state} to ${to}`,
      {
        from: r.state,
        to,
        allowed: [...allowed],
      },
    );
  return { ...r, state: to, updatedAt: now };
}

export const isFinalRecord = (s: RecordState): boolean => moves[s].length === 0;

/**
 * Applies one attempt's result: connected stays connected until `finishRecord`; any other result
 * schedules a retry by the campaign's rule for it, or exhausts the record once the rule's attempts
 * are used up (attempts with that result are counted, so busy and no-answer retries are separate).
 */
export function recordResult(
  r: CampaignRecord,
  result: DialResult,
  campaign: Campaign,
  now: Date,
  agentId: string | null = null,
): CampaignRecord {
  const tried = moveRecord(r, result, now);
  const attempts = [
    ...r.attempts,
    { at: now, result, agentId: result === 'connected' ? agentId : null },
  ];
  const withAttempt = { ...tried, attempts };
  if (result === 'connected') return withAttempt;
  const ruleFor: RetryResult = result === 'abandoned' ? 'no_answer' : result;
  const rule = campaign.retry[ruleFor];
  // A renewed call-back request starts its count afresh.
  const since = Date.parse(r.data['requestedAt'] ?? '') || -Infinity;
  const sameResult = attempts.filter(
    (a) =>
      a.at.getTime() >= since && (a.result === 'abandoned' ? 'no_answer' : a.result) === ruleFor,
  ).length;
  if (sameResult >= rule.maxAttempts)
    return { ...moveRecord(withAttempt, 'exhausted', now), nextAt: null };
  return {
    ...moveRecord(withAttempt, 'pending', now),
    nextAt: new Date(now.getTime() + rule.retryAfterMinutes * 60_000),
  };
}

/**
 * A customer asked again to be called back (call-backs campaign): a waiting record takes the new
 * time and details; a finished one is pending again, its retries counted from now. A record
 * being called keeps its call; a number on the do-not-call list stays blocked.
 */
export function renewRecord(
  r: CampaignRecord,
  request: { readonly name: string; readonly data: Readonly<Record<string, string>> },
  at: Date | null,
  now: Date,
): CampaignRecord {
  if (r.state === 'dnc_blocked')
    throw new DomainError('dialer.dnc', 'this number is on the do-not-call list', {
      number: r.number,
    });
  if (r.state === 'dialing' || r.state === 'connected') return r;
  const data = { ...r.data, ...request.data, requestedAt: now.toISOString() };
  const name = request.name || r.name;
  return { ...r, name, data, state: 'pending', nextAt: at, updatedAt: now };
}

/**
 * A preview offer taken back before any agent accepted it (the campaign was paused or stopped):
 * nobody was called, so no attempt is counted and the record waits for its turn again.
 */
export function withdrawRecord(r: CampaignRecord, now: Date): CampaignRecord {
  if (r.state !== 'dialing')
    throw new DomainError(
      'dialer.illegal_transition',
      `a ${r.state} record has no offer to withdraw`,
      {
        from: r.state,
        to: 'pending',
        allowed: [],
      },
    );
  return { ...r, state: 'pending', updatedAt: now };
}

/** The connected call ended: the record is done. */
export function finishRecord(r: CampaignRecord, now: Date): CampaignRecord {
  return { ...moveRecord(r, 'done', now), nextAt: null };
}
