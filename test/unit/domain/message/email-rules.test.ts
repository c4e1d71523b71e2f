import { describe, expect, it } from 'vitest';
import {
  autoReplyVerdict,
  type AutoReplyInput,
} from '../../../../src/domain/message/auto-reply-policy.ts';
import {
  parseMessageIds,
  replyReferences,
  replySubject,
  threadCandidates,
} from '../../../../src/domain/message/email-threading.ts';
import { moveOutbox, retryDelayMs } from '../../../../src/domain/message/outbox-status.ts';

const now = new Date('2026-11-29T10:00:00Z');
const base: AutoReplyInput = {
  envelopeFrom: 'li@example.cn',
  headers: {},
  replyTo: 'li@example.cn',
  ownAddresses: ['support@kefu.local'],
  loopToken: 'kefu.local',
  lastAutoReplyAt: null,
  now,
};
const verdict = (o: Partial<AutoReplyInput>) => autoReplyVerdict({ ...base, ...o });

describe('RFC 3834 auto-reply policy', () => {
  it('answers an ordinary personal mail', () => {
    expect(verdict({})).toEqual({ send: true });
    expect(verdict({ headers: { 'auto-submitted': 'no' } })).toEqual({ send: true });
  });
  it.each([
    [{ envelopeFrom: '' }, 'bounce'],
    [{ envelopeFrom: '<>' }, 'bounce'],
    [{ replyTo: null }, 'no_sender'],
    [{ headers: { 'auto-submitted': 'auto-replied' } }, 'auto_submitted'],
    [{ headers: { 'auto-submitted': 'Auto-Generated' } }, 'auto_submitted'],
    [{ headers: { 'x-auto-response-suppress': 'OOF, AutoReply' } }, 'auto_submitted'],
    [{ headers: { precedence: 'bulk' } }, 'precedence'],
    [{ headers: { precedence: 'List' } }, 'precedence'],
    [{ headers: { precedence: 'junk' } }, 'precedence'],
    [{ headers: { 'list-id': '<x.example>' } }, 'list'],
    [{ headers: { 'list-unsubscribe': '<mailto:u@x>' } }, 'list'],
    [{ headers: { 'x-loop': 'KEFU.local' } }, 'loop'],
    [{ replyTo: 'Support@kefu.local' }, 'own_address'],
    [{ replyTo: 'MAILER-DAEMON@mx.example.cn' }, 'system_sender'],
    [{ replyTo: 'noreply@shop.example' }, 'system_sender'],
    [{ replyTo: 'news-request@lists.example' }, 'system_sender'],
    [{ lastAutoReplyAt: new Date(now.getTime() - 3600_000) }, 'recently_replied'],
  ] as [Partial<AutoReplyInput>, string][])('does not answer %j (%s)', (o, reason) => {
    expect(verdict(o)).toEqual({ send: false, reason });
  });
  it('answers the same address again after the window', () => {
    expect(verdict({ lastAutoReplyAt: new Date(now.getTime() - 25 * 3600_000) })).toEqual({
      send: true,
    });
  });
});

describe('e-mail threading', () => {
  it('reads Message-IDs from header values', () => {
    expect(parseMessageIds('<a@x> <b@y>\r\n <a@x>')).toEqual(['a@x', 'b@y']);
    expect(parseMessageIds(['<a@x>', '<c@z>'])).toEqual(['a@x', 'c@z']);
    expect(parseMessageIds('bare@id')).toEqual(['bare@id']);
    expect(parseMessageIds(undefined)).toEqual([]);
  });
  it('looks up In-Reply-To first, then References newest first', () => {
    expect(threadCandidates(['p@x'], ['root@x', 'mid@x', 'p@x'])).toEqual([
      'p@x',
      'mid@x',
      'root@x',
    ]);
  });
  it('builds reply subjects without piling prefixes or repeating the case number', () => {
    expect(replySubject('Bill', 'C-20261129-000001')).toBe('Re: Bill [C-20261129-000001]');
    expect(replySubject('RE: 回复：Bill [C-20261129-000001]', 'C-20261129-000001')).toBe(
      'Re: Bill [C-20261129-000001]',
    );
    expect(replySubject(null, null)).toBe('Re: (no subject)');
  });
  it('keeps the thread root and the newest references', () => {
    const refs = Array.from({ length: 30 }, (_, i) => `r${i}@x`);
    const out = replyReferences('p@x', refs);
    expect(out).toHaveLength(20);
    expect(out[0]).toBe('r0@x');
    expect(out.at(-1)).toBe('p@x');
  });
});

describe('outbox states', () => {
  it('moves along the table and rejects illegal moves with a code', () => {
    expect(moveOutbox('queued', 'send')).toBe('sending');
    expect(moveOutbox('sending', 'retry')).toBe('queued');
    expect(moveOutbox('sending', 'ok')).toBe('sent');
    expect(moveOutbox('sent', 'deliver')).toBe('delivered');
    expect(moveOutbox('sent', 'fail')).toBe('failed');
    expect(() => moveOutbox('delivered', 'fail')).toThrow(
      expect.objectContaining({ code: 'message.illegal_transition' }),
    );
    expect(() => moveOutbox('received', 'send')).toThrow(
      expect.objectContaining({ code: 'message.illegal_transition' }),
    );
  });
  it('backs off longer after each failed try, capped at an hour', () => {
    const d = [1, 2, 3, 4, 5, 9].map(retryDelayMs);
    expect(d).toEqual([30_000, 120_000, 480_000, 1_800_000, 3_600_000, 3_600_000]);
  });
});
