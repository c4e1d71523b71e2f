import { describe, expect, it } from 'vitest';
import {
  afterDead,
  afterFailedAttempt,
  afterSuccess,
  assertEventPatterns,
  assertWebhookUrl,
  enable,
  subscribedTo,
  type WebhookSubscription,
} from '../../../../src/domain/webhook/webhook-subscription.ts';
import {
  afterFailure,
  defaultRetryDelaysMs,
  isSuccessStatus,
  moveDelivery,
} from '../../../../src/domain/webhook/webhook-delivery.ts';
import {
  formatSignature,
  isFreshTimestamp,
  parseSignature,
  signedPayload,
} from '../../../../src/domain/webhook/webhook-signature.ts';
import { expectDomainError } from '../expect-domain-error.ts';

const t0 = new Date('2026-11-30T02:00:00Z');
const sub: WebhookSubscription = {
  id: 's1',
  name: 'BOSS',
  url: 'https://boss.example/hook',
  eventTypes: ['case.*', 'message.delivered'],
  secret: 'whsec_x',
  active: true,
  disabledReason: null,
  disabledAt: null,
  consecutiveDead: 0,
  failingSince: null,
  fromSeq: 0,
  createdAt: t0,
  updatedAt: t0,
};

describe('webhook subscription', () => {
  it('accepts http and https URLs, private addresses included', () => {
    expect(assertWebhookUrl('https://boss.example/hook')).toBe('https://boss.example/hook');
    expect(assertWebhookUrl('http://10.0.0.5:8080/x?a=1')).toBe('http://10.0.0.5:8080/x?a=1');
  });

  it('refuses other schemes, credentials and junk with a coded error', () => {
    expectDomainError(() => assertWebhookUrl('file:///etc/passwd'), 'webhook.invalid_url', {
      protocol: 'file:',
    });
    expectDomainError(() => assertWebhookUrl('gopher://x/'), 'webhook.invalid_url');
    expectDomainError(() => assertWebhookUrl('https://u:p@x.example/'), 'webhook.invalid_url');
    expectDomainError(() => assertWebhookUrl('not a url'), 'webhook.invalid_url');
  });

  it('matches exact types, prefixes and everything', () => {
    expect(subscribedTo(sub, 'case.created')).toBe(true);
    expect(subscribedTo(sub, 'case.stage_changed')).toBe(true);
    expect(subscribedTo(sub, 'message.delivered')).toBe(true);
    expect(subscribedTo(sub, 'message.queued')).toBe(false);
    expect(subscribedTo(sub, 'caseX.created')).toBe(false);
    expect(subscribedTo({ eventTypes: ['*'] }, 'alarm.disk_full')).toBe(true);
  });

  it('checks patterns', () => {
    expect(assertEventPatterns([' case.* ', 'case.*', 'alarm.disk_full'])).toEqual([
      'case.*',
      'alarm.disk_full',
    ]);
    expectDomainError(() => assertEventPatterns([]), 'webhook.invalid_pattern');
    expectDomainError(
      () => assertEventPatterns(['case.*', 'ca*e', '.x']),
      'webhook.invalid_pattern',
      {
        patterns: ['ca*e', '.x'],
      },
    );
  });

  it('disables after 5 dead deliveries in a row; a success resets the count', () => {
    let s = sub;
    for (let i = 0; i < 4; i++) s = afterDead(s, t0);
    expect(s.active).toBe(true);
    expect(afterSuccess(s, t0).consecutiveDead).toBe(0);
    s = afterDead(s, t0);
    expect(s.active).toBe(false);
    expect(s.disabledReason).toBe('5 failed deliveries in a row');
    const again = enable(s, t0);
    expect(again).toMatchObject({ active: true, disabledReason: null, consecutiveDead: 0 });
  });

  it('disables after failing for 24 hours without a success', () => {
    let s = afterFailedAttempt(sub, t0);
    expect(s.failingSince).toEqual(t0);
    s = afterFailedAttempt(s, new Date(t0.getTime() + 23 * 3_600_000));
    expect(s.active).toBe(true);
    s = afterFailedAttempt(s, new Date(t0.getTime() + 24 * 3_600_000));
    expect(s).toMatchObject({ active: false, disabledReason: 'failing for 24 h' });
  });
});

describe('webhook delivery', () => {
  it('follows its state table', () => {
    expect(moveDelivery('pending', 'send')).toBe('delivering');
    expect(moveDelivery('delivering', 'fail')).toBe('retrying');
    expect(moveDelivery('retrying', 'send')).toBe('delivering');
    expect(moveDelivery('delivering', 'succeed')).toBe('delivered');
    expect(moveDelivery('delivering', 'requeue')).toBe('pending');
    expectDomainError(() => moveDelivery('delivered', 'send'), 'webhook.illegal_transition', {
      from: 'delivered',
      move: 'send',
      allowed: [],
    });
    expectDomainError(() => moveDelivery('dead', 'fail'), 'webhook.illegal_transition');
  });

  it('backs off 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, then gives up', () => {
    const waits = [];
    for (let n = 1; ; n++) {
      const r = afterFailure(n, t0);
      if (r.move === 'give_up') break;
      waits.push(r.nextAttemptAt.getTime() - t0.getTime());
    }
    expect(waits).toEqual([10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000]);
    expect(waits).toEqual(defaultRetryDelaysMs);
  });

  it('counts only 2xx as delivered', () => {
    expect([200, 204, 299].every(isSuccessStatus)).toBe(true);
    expect([null, 199, 301, 404, 500].some(isSuccessStatus)).toBe(false);
  });
});

describe('webhook signature header', () => {
  const hex = 'ab'.repeat(32);
  it('formats and parses t and v1', () => {
    const h = formatSignature(1764468000, [hex]);
    expect(h).toBe(`t=1764468000,v1=${hex}`);
    expect(parseSignature(h)).toEqual({ t: 1764468000, v1: [hex] });
    expect(parseSignature(`t=1,v0=zz,v1=${hex},v1=${'cd'.repeat(32)}`)?.v1).toHaveLength(2);
    expect(signedPayload(5, '{"a":1}')).toBe('5.{"a":1}');
  });

  it('rejects malformed headers', () => {
    expect(parseSignature('v1=' + hex)).toBeNull();
    expect(parseSignature('t=1')).toBeNull();
    expect(parseSignature('t=abc,v1=' + hex)).toBeNull();
    expect(parseSignature('t=1,v1=XYZ')).toBeNull();
    expect(parseSignature('garbage')).toBeNull();
  });

  it('accepts timestamps within 5 minutes only', () => {
    const now = Math.floor(t0.getTime() / 1000);
    expect(isFreshTimestamp(now - 300, t0)).toBe(true);
    expect(isFreshTimestamp(now + 299, t0)).toBe(true);
    expect(isFreshTimestamp(now - 301, t0)).toBe(false);
  });
});
