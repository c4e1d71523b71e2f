import { describe, expect, it } from 'vitest';
import { SipHeaders, parseMessage } from '../../../../src/voice/sip/message/index.ts';

describe('SipHeaders (RFC 3261 §7.3)', () => {
  it('maps compact forms to full names (§7.3.3) and looks names up case-insensitively', () => {
    const h = new SipHeaders([
      ['i', 'abc@host'],
      ['m', '<sip:a@b>'],
      ['e', 'gzip'],
      ['l', '0'],
      ['f', '<sip:f@x>;tag=1'],
      ['t', '<sip:t@x>'],
      ['s', 'hello'],
      ['k', '100rel'],
      ['v', 'SIP/2.0/UDP h;branch=z9hG4bK1'],
      ['c', 'application/sdp'],
      ['o', 'presence'],
      ['r', '<sip:refer@x>'],
      ['b', '<sip:by@x>'],
      ['u', 'dialog'],
      ['x', '1800'],
    ]);
    expect(h.entries().map(([n]) => n)).toEqual([
      'Call-ID',
      'Contact',
      'Content-Encoding',
      'Content-Length',
      'From',
      'To',
      'Subject',
      'Supported',
      'Via',
      'Content-Type',
      'Event',
      'Refer-To',
      'Referred-By',
      'Allow-Events',
      'Session-Expires',
    ]);
    expect(h.get('CALL-id')).toBe('abc@host');
    expect(h.get('I')).toBe('abc@host');
    expect(h.get('call-id')).toBe('abc@host');
    expect(h.has('Max-Forwards')).toBe(false);
    expect(h.get('Max-Forwards')).toBeUndefined();
  });

  it('gives known headers their RFC spelling and keeps unknown names as written', () => {
    const h = new SipHeaders([
      ['cseq', '1 INVITE'],
      ['www-authenticate', 'Digest realm="x"'],
      ['X-Customer-Id', '42'],
      ['x-customer-id', '43'],
    ]);
    expect(h.entries()).toEqual([
      ['CSeq', '1 INVITE'],
      ['WWW-Authenticate', 'Digest realm="x"'],
      ['X-Customer-Id', '42'],
      ['x-customer-id', '43'],
    ]);
    expect(h.getAll('X-CUSTOMER-ID')).toEqual(['42', '43']);
  });

  it('treats comma lists and repeated lines alike for list headers (§7.3.1)', () => {
    const one = new SipHeaders([
      ['Via', 'SIP/2.0/UDP a;branch=z9hG4bK1 ,SIP/2.0/TCP b;branch=z9hG4bK2'],
    ]);
    const two = new SipHeaders([
      ['Via', 'SIP/2.0/UDP a;branch=z9hG4bK1'],
      ['v', 'SIP/2.0/TCP b;branch=z9hG4bK2'],
    ]);
    expect(one.getAll('via')).toEqual(two.getAll('Via'));
    expect(one.getAll('Via')).toHaveLength(2);
    expect(new SipHeaders([['Allow', 'INVITE, ACK,BYE , CANCEL']]).getAll('Allow')).toEqual([
      'INVITE',
      'ACK',
      'BYE',
      'CANCEL',
    ]);
    expect(new SipHeaders([['Supported', '']]).getAll('Supported')).toEqual([]);
  });

  it('does not split at commas inside quoted strings or <…>', () => {
    const h = new SipHeaders([
      [
        'Contact',
        '"Bell, Alexander" <sip:a.g.bell@example.com;x=a,b>;q=0.5, <sip:two@example.com>',
      ],
      ['Contact', '"a \\" , b" <sip:three@example.com>'],
    ]);
    expect(h.getAll('Contact')).toEqual([
      '"Bell, Alexander" <sip:a.g.bell@example.com;x=a,b>;q=0.5',
      '<sip:two@example.com>',
      '"a \\" , b" <sip:three@example.com>',
    ]);
  });

  it('never splits headers that are not lists', () => {
    const h = new SipHeaders([
      ['Date', 'Sat, 13 Nov 2010 23:29:00 GMT'],
      ['WWW-Authenticate', 'Digest realm="a", nonce="b"'],
      ['Subject', 'one, two'],
    ]);
    expect(h.getAll('Date')).toEqual(['Sat, 13 Nov 2010 23:29:00 GMT']);
    expect(h.getAll('WWW-Authenticate')).toHaveLength(1);
    expect(h.getAll('Subject')).toEqual(['one, two']);
  });

  it('set replaces every line in place; append, prepend, remove, count, has', () => {
    const h = new SipHeaders([
      ['Via', 'v1'],
      ['To', 't'],
      ['Via', 'v2'],
      ['From', 'f'],
    ]);
    h.set('via', 'only');
    expect(h.entries()).toEqual([
      ['Via', 'only'],
      ['To', 't'],
      ['From', 'f'],
    ]);
    h.prepend('Via', 'top').append('Route', '<sip:r1>').append('Route', '<sip:r2>');
    expect(h.getAll('Via')).toEqual(['top', 'only']);
    expect(h.count('Route')).toBe(2);
    expect(h.remove('route')).toBe(true);
    expect(h.remove('Route')).toBe(false);
    expect(h.has('Route')).toBe(false);
    h.set('Subject', '  spaced  ');
    expect(h.get('Subject')).toBe('spaced');
    expect(h.size).toBe(5);
    expect([...h].map(([n]) => n)).toEqual(['Via', 'Via', 'To', 'From', 'Subject']);
  });

  it('clone is independent', () => {
    const h = new SipHeaders([['To', 'a']]);
    const c = h.clone();
    c.set('To', 'b');
    c.append('From', 'f');
    expect(h.entries()).toEqual([['To', 'a']]);
    expect(c.entries()).toEqual([
      ['To', 'b'],
      ['From', 'f'],
    ]);
  });

  it('refuses header injection: invalid names, CR or LF in values', () => {
    const h = new SipHeaders();
    expect(() => h.append('Bad Name', 'x')).toThrow(TypeError);
    expect(() => h.append('', 'x')).toThrow(TypeError);
    expect(() => h.append('X-A', 'x\r\nVia: evil')).toThrow(TypeError);
    expect(() => h.set('X-A', 'x\n')).toThrow(TypeError);
    expect(h.size).toBe(0);
  });

  it('keeps raw values as received, for a proxy to forward', () => {
    const m = parseMessage(
      Buffer.from(
        'OPTIONS sip:a@b SIP/2.0\r\nVia:  SIP/2.0/UDP h ; branch = z9hG4bK1\r\nX-Odd:  a   b  \r\n\r\n',
      ),
    );
    expect(m.headers.get('Via')).toBe('SIP/2.0/UDP h ; branch = z9hG4bK1');
    expect(m.headers.get('X-Odd')).toBe('a   b');
  });
});
