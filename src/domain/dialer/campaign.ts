/**
 * An outbound campaign: who to call (its records), how (mode, caller ID, queue of agents), when
 * (dialing windows per weekday in local time) and what to do after a busy, unanswered or failed
 * attempt (retry rules). Its life:
 *
 *   draft ──start──▶ running ◀──resume/pause──▶ paused
 *     │                 │                         │
 *     └──stop──▶ stopped ◀──────stop──────────────┘
 *                       running | paused ──complete──▶ completed
 *
 * `completed` (every record finished) and `stopped` (an administrator ended it) are final.
 */
import { DomainError } from '../errors.ts';
import { validateCalendar, type TimeInterval } from '../sla/business-calendar.ts';
import { isValidLocalDate, isValidTimeZone, type Weekday } from '../sla/zoned-time.ts';

export const dialerModes = ['preview', 'progressive', 'predictive'] as const;
export type DialerMode = (typeof dialerModes)[number];

/**
 * `list`: an administrator's campaign over imported numbers. `callbacks`: the standing campaign
 * that dials customers' call-back requests (IVR, portal, case) at their time; it is never
 * completed, since new requests keep coming.
 */
export const campaignKinds = ['list', 'callbacks'] as const;
export type CampaignKind = (typeof campaignKinds)[number];

export const campaignStates = ['draft', 'running', 'paused', 'completed', 'stopped'] as const;
export type CampaignState = (typeof campaignStates)[number];

const moves: Record<CampaignState, readonly CampaignState[]> = {
  draft: ['running', 'stopped'],
  running: ['paused', 'completed', 'stopped'],
  paused: ['running', 'completed', 'stopped'],
  completed: [],
  stopped: [],
};

/** The results after which a record may be called again. */
export const retryResults = ['busy', 'no_answer', 'failed'] as const;
export type RetryResult = (typeof retryResults)[number];

export interface RetryRule {
  /** Attempts in all (the first included) after which this result exhausts the record. */
  readonly maxAttempts: number;
  readonly retryAfterMinutes: number;
}

export interface Campaign {
  readonly id: string;
  readonly kind: CampaignKind;
  readonly name: string;
  readonly mode: DialerMode;
  readonly queueId: string;
  /** E.164 with '+', e.g. '+861012345678'; presented as the calling number. */
  readonly callerId: string;
  /** IANA zone for records that carry none. */
  readonly timeZone: string;
  /** Local dialing hours per weekday; a weekday absent means no dialing that day. */
  readonly windows: Readonly<Partial<Record<Weekday, readonly TimeInterval[]>>>;
  /** Local dates with no dialing. */
  readonly holidays: readonly string[];
  readonly retry: Readonly<Record<RetryResult, RetryRule>>;
  /** Abandoned ÷ connected the predictive pacer keeps under, 0..0.2 (regulators use 3 %). */
  readonly maxAbandonRate: number;
  readonly state: CampaignState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const defaultRetry: Campaign['retry'] = {
  busy: { maxAttempts: 3, retryAfterMinutes: 10 },
  no_answer: { maxAttempts: 3, retryAfterMinutes: 60 },
  failed: { maxAttempts: 2, retryAfterMinutes: 30 },
};
export const defaultMaxAbandonRate = 0.03;

const e164 = /^\+[1-9]\d{5,14}$/;

function invalid(message: string, field: string): DomainError {
  return new DomainError('dialer.invalid_campaign', message, { field });
}

/**
 * Returns the campaign unchanged when its settings are coherent; otherwise throws
 * `dialer.invalid_campaign` naming the field.
 */
export function validateCampaign(c: Campaign): Campaign {
  if (c.name.trim() === '') throw invalid('name is required', 'name');
  if (!(dialerModes as readonly string[]).includes(c.mode))
    throw invalid(`unknown mode ${String(c.mode)}`, 'mode');
  if (!e164.test(c.callerId))
    throw invalid('caller ID must be E.164: + and 6–15 digits, e.g. +861012345678', 'callerId');
  if (!isValidTimeZone(c.timeZone)) throw invalid(`unknown time zone ${c.timeZone}`, 'timeZone');
  c.holidays.forEach((d, i) => {
    if (!isValidLocalDate(d)) throw invalid(`bad date ${d}`, `holidays[${i}]`);
  });
  try {
    // The windows are weekly business hours: the SLA calendar checks the same shape.
    validateCalendar(windowCalendar(c, c.timeZone));
  } catch (e) {
    if (e instanceof DomainError && e.code === 'calendar.invalid')
      throw invalid(
        e.message,
        `windows${String(e.details?.['field'] ?? '').replace(/^weekly/, '')}`,
      );
    throw e;
  }
  for (const r of retryResults) {
    const rule = c.retry[r];
    if (!Number.isInteger(rule.maxAttempts) || rule.maxAttempts < 1 || rule.maxAttempts > 20)
      throw invalid('maxAttempts is a whole number from 1 to 20', `retry.${r}.maxAttempts`);
    if (
      !Number.isFinite(rule.retryAfterMinutes) ||
      rule.retryAfterMinutes < 1 ||
      rule.retryAfterMinutes > 10080
    )
      throw invalid(
        'retryAfterMinutes is from 1 to 10080 (a week)',
        `retry.${r}.retryAfterMinutes`,
      );
  }
  if (!Number.isFinite(c.maxAbandonRate) || c.maxAbandonRate < 0 || c.maxAbandonRate > 0.2)
    throw invalid('maxAbandonRate is from 0 to 0.2', 'maxAbandonRate');
  return c;
}

/** The campaign's windows as a business calendar in `timeZone` (a record's own, or the campaign's). */
export function windowCalendar(c: Campaign, timeZone: string) {
  return {
    id: `dialer-${c.id}`,
    name: c.name || 'campaign',
    timeZone,
    weekly: c.windows,
    holidays: c.holidays,
    specialDays: [],
  };
}

/** The campaign in state `to`, or `dialer.illegal_transition` listing the legal targets. */
export function moveCampaign(c: Campaign, to: CampaignState, now: Date): Campaign {
  const allowed = moves[c.state];
  if (!allowed.includes(to))
    throw new DomainError(
      'dialer.illegal_transition',
      `a campaign cannot move from ${c.state} to ${to}`,
      { from: c.state, to, allowed: [...allowed] },
    );
  return { ...c, state: to, updatedAt: now };
}

/** Settings can change until the campaign has ended. */
export function assertEditable(c: Campaign): void {
  if (c.state === 'completed' || c.state === 'stopped')
    throw new DomainError('dialer.illegal_transition', `a ${c.state} campaign cannot change`, {
      from: c.state,
      allowed: [],
    });
}
