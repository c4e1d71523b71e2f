import { describe, expect, it } from 'vitest';
import {
  frameStreamMessage,
  parseMessage,
  SipParseError,
} from '../../../../src/voice/sip/message/index.ts';

const msg = (callId: string, body = '') =>
  Buffer.from(
    `OPTIONS sip:kefu.example.cn SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK${callId}\r\n` +
      `From: <sip:a@b>;tag=1\r\nTo: <sip:kefu.example.cn>\r\nCall-ID: ${callId}\r\nCSeq: 1 OPTIONS\r\n` +
      `Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );

/** Frames everything framable; returns the messages (keep-alives left out) and the remainder. */
function frameAll(buf: Buffer): { messages: Buffer[]; keepAlives: number; rest: Buffer } {
  const messages: Buffer[] = [];
  let keepAlives = 0;
  for (let f = frameStreamMessage(buf); f; f = frameStreamMessage(buf)) {
    if (f.message.length === 0) keepAlives++;
    else messages.push(f.message);
    buf = f.rest;
  }
  return { messages, keepAlives, rest: buf };
}

describe('frameStreamMessage (RFC 3261 §18.3)', () => {
  it('splits several messages in one buffer by Content-Length, bodies included', () => {
    const a = msg('one', 'hello\r\n\r\nworld');
    const b = msg('two');
    const c = msg('three', '第三');
    const { messages, rest } = frameAll(Buffer.concat([a, b, c]));
    expect(messages.map((m) => m.toString())).toEqual([a.toString(), b.toString(), c.toString()]);
    expect(rest.length).toBe(0);
    expect(messages.map((m) => parseMessage(m).headers.get('Call-ID'))).toEqual([
      'one',
      'two',
      'three',
    ]);
    expect(parseMessage(messages[0]!).body.toString()).toBe('hello\r\n\r\nworld');
  });

  it('returns null until a message is complete, fed byte by byte', () => {
    const a = msg('partial', 'some body');
    for (let i = 0; i < a.length; i++) expect(frameStreamMessage(a.subarray(0, i))).toBeNull();
    const f = frameStreamMessage(Buffer.concat([a, Buffer.from('INVITE sip:x SIP/2.0\r\n')]));
    expect(f?.message.equals(a)).toBe(true);
    expect(f?.rest.toString()).toBe('INVITE sip:x SIP/2.0\r\n');
  });

  it('hands back CRLF keep-alives (RFC 5626 §3.5.1) as empty messages, before and between messages', () => {
    const a = msg('ka1');
    const b = msg('ka2');
    const { messages, keepAlives, rest } = frameAll(
      Buffer.concat([Buffer.from('\r\n\r\n'), a, Buffer.from('\r\n'), b, Buffer.from('\r\n\r\n')]),
    );
    expect(messages).toHaveLength(2);
    expect(keepAlives).toBe(3);
    expect(rest.length).toBe(0);
    const ping = frameStreamMessage(Buffer.from('\r\n\r\n'));
    expect([ping?.message.length, ping?.rest.length]).toEqual([0, 0]);
  });

  it('reads the compact form and a folded value', () => {
    const m = Buffer.from('OPTIONS sip:a SIP/2.0\r\nL:\r\n  3\r\n\r\nabcdef');
    expect(frameStreamMessage(m)?.message.toString()).toBe(
      'OPTIONS sip:a SIP/2.0\r\nL:\r\n  3\r\n\r\nabc',
    );
  });

  it.each([
    ['OPTIONS sip:a SIP/2.0\r\nVia: x\r\n\r\n', 'Missing Content-Length'],
    ['OPTIONS sip:a SIP/2.0\r\nContent-Length: -999\r\n\r\n', 'Bad Content-Length'],
    ['OPTIONS sip:a SIP/2.0\r\nContent-Length: 13\r\nl: 5\r\n\r\nabc', 'Bad Content-Length'],
    ['OPTIONS sip:a SIP/2.0\r\nContent-Length: 1000000\r\n\r\n', 'Message Too Large'],
  ])('throws SipParseError on broken framing: %j', (text, reason) => {
    expect(() => frameStreamMessage(Buffer.from(text))).toThrow(SipParseError);
    expect(() => frameStreamMessage(Buffer.from(text))).toThrow(reason);
  });

  it('gives up on a header section that never ends', () => {
    const endless = Buffer.from(
      'OPTIONS sip:a SIP/2.0\r\n' + 'X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(2000),
    );
    expect(() => frameStreamMessage(endless)).toThrow('Message Too Large');
    expect(frameStreamMessage(endless.subarray(0, 1000))).toBeNull();
    expect(() => frameStreamMessage(endless.subarray(0, 1000), { maxBytes: 500 })).toThrow(
      'Message Too Large',
    );
  });
});
