/**
 * A webhook subscription: where to POST which events, the secret that signs them, and whether it
 * is active. Event type patterns are generic so any part of kefu (resource alarms too) can be
 * subscribed to: `*` is every event, `case.*` every type starting with `case.`, anything else an
 * exact type. A subscription that keeps failing is disabled automatically (see `afterDead`,
 * `afterFailedAttempt`) and re-enabled by an administrator.
 */
import { DomainError } from '../errors.ts';

export interface WebhookSubscription {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  /** The HMAC key; shown to the administrator only when created or rotated. */
  readonly secret: string;
  readonly active: boolean;
  /** Why it is disabled: 'manual', or the failure rule that disabled it. */
  readonly disabledReason: string | null;
  readonly disabledAt: Date | null;
  /** Deliveries that died one after another with no success in between. */
  readonly consecutiveDead: number;
  /** The first failed attempt since the last success; null while healthy. */
  readonly failingSince: Date | null;
  /** The log position when it was created: only later events are delivered to it. */
  readonly fromSeq: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** When to disable a failing subscription. */
export interface DisableRule {
  /** Consecutive dead deliveries. */
  readonly deadLimit: number;
  /** Failing without one success for this long. */
  readonly failingMs: number;
}
export const defaultDisableRule: DisableRule = { deadLimit: 5, failingMs: 24 * 3_600_000 };

const maxUrlLength = 2000;

/**
 * Only http: and https: URLs without credentials (a secret in the URL would show in every log
 * and screen). Private addresses are allowed: the operator's systems are usually internal.
 */
export function assertWebhookUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new DomainError('webhook.invalid_url', 'the URL is not a valid absolute URL', {
      url: raw.slice(0, 200),
    });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new DomainError('webhook.invalid_url', 'webhooks are sent only to http(s) URLs', {
      protocol: u.protocol,
    });
  if (u.username || u.password)
    throw new DomainError('webhook.invalid_url', 'put no user name or password in the URL', {});
  if (raw.length > maxUrlLength)
    throw new DomainError('webhook.invalid_url', `URLs are limited to ${maxUrlLength} characters`);
  return u.toString();
}

const patternSyntax = /^(\*|[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*(\.\*)?)$/;

/** Checks and de-duplicates event type patterns; at least one is required. */
export function assertEventPatterns(patterns: readonly string[]): string[] {
  const out = [...new Set(patterns.map((p) => p.trim()))];
  if (out.length === 0)
    throw new DomainError('webhook.invalid_pattern', 'subscribe to at least one event type');
  const bad = out.filter((p) => !patternSyntax.test(p));
  if (bad.length > 0)
    throw new DomainError(
      'webhook.invalid_pattern',
      `not an event type pattern: ${bad.join(', ')} (use case.created, case.* or *)`,
      { patterns: bad },
    );
  return out;
}

/** Whether an event type matches one pattern (`*`, `prefix.*`, or exact). */
export function patternMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function subscribedTo(s: Pick<WebhookSubscription, 'eventTypes'>, type: string): boolean {
  return s.eventTypes.some((p) => patternMatches(p, type));
}

/** A delivery succeeded: the failure counters start again. */
export function afterSuccess(s: WebhookSubscription, now: Date): WebhookSubscription {
  if (s.consecutiveDead === 0 && s.failingSince === null) return s;
  return { ...s, consecutiveDead: 0, failingSince: null, updatedAt: now };
}

/** An attempt failed: remember since when, and disable after `failingMs` without success. */
export function afterFailedAttempt(
  s: WebhookSubscription,
  now: Date,
  rule: DisableRule = defaultDisableRule,
): WebhookSubscription {
  const since = s.failingSince ?? now;
  const next = { ...s, failingSince: since, updatedAt: now };
  if (s.active && now.getTime() - since.getTime() >= rule.failingMs)
    return disable(next, `failing for ${Math.round(rule.failingMs / 3_600_000)} h`, now);
  return next;
}

/** A delivery gave up: disable after `deadLimit` of them in a row. */
export function afterDead(
  s: WebhookSubscription,
  now: Date,
  rule: DisableRule = defaultDisableRule,
): WebhookSubscription {
  const next = { ...s, consecutiveDead: s.consecutiveDead + 1, updatedAt: now };
  if (s.active && next.consecutiveDead >= rule.deadLimit)
    return disable(next, `${next.consecutiveDead} failed deliveries in a row`, now);
  return next;
}

export function disable(s: WebhookSubscription, reason: string, now: Date): WebhookSubscription {
  return { ...s, active: false, disabledReason: reason, disabledAt: now, updatedAt: now };
}

/** Re-enabling forgives past failures, so one more failure does not disable it again at once. */
export function enable(s: WebhookSubscription, now: Date): WebhookSubscription {
  return {
    ...s,
    active: true,
    disabledReason: null,
    disabledAt: null,
    consecutiveDead: 0,
    failingSince: null,
    updatedAt: now,
  };
}
