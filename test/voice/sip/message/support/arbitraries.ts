/**
 * fast-check generators for the SIP grammar (RFC 3261 §25.1): URIs, addresses, Vias, whole
 * messages written in the many ways the grammar allows (compact names, odd case, folding, LF
 * line ends, comma lists, leading CRLFs, trailing datagram junk), and byte mutations of
 * existing messages.
 */
import fc from 'fast-check';
import {
  formatNameAddr,
  formatUri,
  formatVia,
  type NameAddr,
  type SipUri,
  type Via,
} from '../../../../../src/voice/sip/message/index.ts';

const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const tokenChars = [...alnum, ..."-.!%*_+`'~"];
const lowerChars = [...'abcdefghijklmnopqrstuvwxyz0123456789-'];

export const token = fc.string({
  unit: fc.constantFrom(...tokenChars),
  minLength: 1,
  maxLength: 12,
});
const lowerToken = fc.string({ unit: fc.constantFrom(...lowerChars), minLength: 1, maxLength: 10 });
const label = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'),
  minLength: 1,
  maxLength: 10,
});
/** Free text without CR/LF (what may sit in a header value or a decoded URI part). */
export const text = fc
  .string({ unit: 'grapheme', maxLength: 16 })
  .map((s) => s.replace(/[\r\n]/g, ''));

export const host = fc.oneof(
  fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.')),
  fc.ipV4(),
  fc.ipV6(),
);

const params = (key: fc.Arbitrary<string>, value: fc.Arbitrary<string | null>) =>
  fc
    .uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 4 })
    .map((es) => new Map(es));

export const sipUri: fc.Arbitrary<SipUri> = fc
  .record({
    scheme: fc.constantFrom('sip', 'sips'),
    user: fc.option(
      text.filter((s) => s.length > 0),
      { nil: null },
    ),
    password: fc.option(text, { nil: null }),
    host,
    port: fc.option(fc.integer({ min: 0, max: 65535 }), { nil: null }),
    params: params(
      lowerToken,
      fc.option(
        text.filter((s) => s.length > 0),
        { nil: null },
      ),
    ),
    headers: fc
      .uniqueArray(fc.tuple(token, text), { selector: ([k]) => k, maxLength: 3 })
      .map((es) => new Map(es)),
  })
  .map((u) => (u.user === null ? { ...u, password: null } : u));

export const telUri: fc.Arbitrary<SipUri> = fc
  .record({
    number: fc.string({
      unit: fc.constantFrom(...'0123456789-.()+*#'),
      minLength: 1,
      maxLength: 15,
    }),
    params: params(lowerToken, fc.option(token, { nil: null })),
  })
  .map(({ number, params }) => ({
    scheme: 'tel',
    user: number,
    password: null,
    host: '',
    port: null,
    params,
    headers: new Map(),
  }));

export const anyUri = fc.oneof({ weight: 4, arbitrary: sipUri }, { weight: 1, arbitrary: telUri });

/** gen-value: a token, or a quoted string with quoted-pairs. */
const genValue = fc.oneof(
  token,
  text.map(
    (t) =>
      `"${[...t].map((c) => (c === '"' || c === '\\' || c < ' ' || c === '\x7f' ? '\\' + c : c)).join('')}"`,
  ),
);

export const nameAddr: fc.Arbitrary<NameAddr> = fc.record({
  displayName: fc.option(text, { nil: null }),
  uri: anyUri,
  params: params(lowerToken, fc.option(genValue, { nil: null })),
});

export const via: fc.Arbitrary<Via> = fc
  .record({
    transport: fc.constantFrom('UDP', 'TCP', 'TLS', 'WS', 'WSS', 'SCTP'),
    host,
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
    branch: fc.option(
      token.map((t) => `z9hG4bK${t}`),
      { nil: null },
    ),
    received: fc.option(fc.oneof(fc.ipV4(), fc.ipV6()), { nil: null }),
    rport: fc.option(fc.oneof(fc.constant(true as const), fc.integer({ min: 1, max: 65535 })), {
      nil: null,
    }),
    extra: params(
      lowerToken.filter((k) => !['branch', 'received', 'rport'].includes(k)),
      fc.option(token, { nil: null }),
    ),
  })
  .map(({ extra, ...v }) => ({ protocol: 'SIP/2.0', ...v, params: extra }));

const methods = [
  'INVITE',
  'ACK',
  'BYE',
  'CANCEL',
  'OPTIONS',
  'REGISTER',
  'INFO',
  'UPDATE',
  'PRACK',
  'SUBSCRIBE',
  'NOTIFY',
  'REFER',
  'MESSAGE',
];
const compact: Record<string, string> = {
  Via: 'v',
  From: 'f',
  To: 't',
  'Call-ID': 'i',
  Contact: 'm',
  'Content-Type': 'c',
  Subject: 's',
  Supported: 'k',
  'Content-Length': 'l',
};

/** How the generated message is written: all the freedoms of RFC 3261 §7.3.1. */
const style = fc.record({
  compact: fc.boolean(),
  oddCase: fc.boolean(),
  spaceBeforeColon: fc.boolean(),
  fold: fc.boolean(),
  lf: fc.boolean(),
  leadingCrlf: fc.boolean(),
  joinLists: fc.boolean(),
  trailingJunk: fc.uint8Array({ maxLength: 8 }),
});

export interface GeneratedMessage {
  readonly data: Buffer;
  readonly method: string | null;
  readonly callId: string;
  readonly body: Buffer;
}

export const message: fc.Arbitrary<GeneratedMessage> = fc
  .record({
    request: fc.boolean(),
    method: fc.oneof(fc.constantFrom(...methods), token),
    uri: anyUri,
    status: fc.integer({ min: 100, max: 699 }),
    reason: text,
    vias: fc.array(via, { minLength: 1, maxLength: 3 }),
    from: nameAddr,
    to: nameAddr,
    callId: fc
      .tuple(token, fc.option(token, { nil: null }))
      .map(([a, b]) => (b === null ? a : `${a}@${b}`)),
    seq: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    contacts: fc.array(nameAddr, { maxLength: 2 }),
    extra: fc.array(fc.tuple(token, text), { maxLength: 3 }),
    body: fc.uint8Array({ maxLength: 200 }),
    style,
  })
  .map((g) => {
    const method = g.request ? g.method : null;
    const lines: [string, string][] = [];
    const listed = (name: string, values: string[]) => {
      if (g.style.joinLists) lines.push([name, values.join(', ')]);
      else for (const v of values) lines.push([name, v]);
    };
    listed('Via', g.vias.map(formatVia));
    lines.push(
      ['Max-Forwards', '70'],
      ['From', formatNameAddr(g.from)],
      ['To', formatNameAddr(g.to)],
    );
    lines.push(['Call-ID', g.callId], ['CSeq', `${g.seq} ${method ?? g.method}`]);
    if (g.contacts.length > 0) listed('Contact', g.contacts.map(formatNameAddr));
    for (const [n, v] of g.extra) lines.push([`X-${n}`, v]);
    if (g.body.length > 0) lines.push(['Content-Type', 'application/octet-stream']);
    lines.push(['Content-Length', String(g.body.length)]);

    const nl = g.style.lf ? '\n' : '\r\n';
    const name = (n: string) => {
      const c = g.style.compact ? (compact[n] ?? n) : n;
      return g.style.oddCase
        ? [...c].map((ch, i) => (i % 2 ? ch.toLowerCase() : ch.toUpperCase())).join('')
        : c;
    };
    const value = (v: string) => (g.style.fold ? v.replace(/ (?=\S)/g, `${nl} `) : v);
    const start = g.request
      ? `${method} ${formatUri(g.uri)} SIP/2.0`
      : `SIP/2.0 ${g.status} ${g.reason}`.trimEnd();
    const head =
      (g.style.leadingCrlf ? nl + nl : '') +
      start +
      nl +
      lines
        .map(([n, v]) => `${name(n)}${g.style.spaceBeforeColon ? ' ' : ''}: ${value(v)}${nl}`)
        .join('') +
      nl;
    const body = Buffer.from(g.body);
    return {
      data: Buffer.concat([Buffer.from(head, 'utf8'), body, Buffer.from(g.style.trailingJunk)]),
      method,
      callId: g.callId,
      body,
    };
  });

const special = [
  0x0d, 0x0a, 0x20, 0x09, 0x3a, 0x3b, 0x2c, 0x22, 0x5c, 0x3c, 0x3e, 0x25, 0x40, 0x3d, 0x00, 0xff,
  0x5b, 0x5d,
];

type Mutation = (b: Buffer) => Buffer;

/** One byte-level change: flip, insert, delete, truncate, duplicate or swap lines. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([p, x]): Mutation => (b) => {
    if (b.length === 0) return b;
    const c = Buffer.from(b);
    c[p % c.length] = (c[p % c.length] ?? 0) ^ x;
    return c;
  }),
  fc
    .tuple(fc.nat(), fc.oneof(fc.constantFrom(...special), fc.integer({ min: 0, max: 255 })))
    .map(([p, x]): Mutation => (b) => {
      const i = b.length === 0 ? 0 : p % (b.length + 1);
      return Buffer.concat([b.subarray(0, i), Buffer.from([x]), b.subarray(i)]);
    }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 16 })).map(([p, n]): Mutation => (b) => {
    if (b.length === 0) return b;
    const i = p % b.length;
    return Buffer.concat([b.subarray(0, i), b.subarray(i + n)]);
  }),
  fc.nat().map(
    (p): Mutation =>
      (b) =>
        b.subarray(0, b.length === 0 ? 0 : p % b.length),
  ),
  fc.tuple(fc.nat(), fc.nat()).map(([a, c]): Mutation => (b) => {
    const lines = b.toString('latin1').split('\r\n');
    const line = lines[a % lines.length] ?? '';
    lines.splice(c % (lines.length + 1), 0, line);
    return Buffer.from(lines.join('\r\n'), 'latin1');
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, c]): Mutation => (b) => {
    const lines = b.toString('latin1').split('\r\n');
    const i = a % lines.length;
    const j = c % lines.length;
    [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    return Buffer.from(lines.join('\r\n'), 'latin1');
  }),
);

/** Text made of SIP-looking fragments, for the header-value parsers. */
export const sipish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'sip:',
        'sips:',
        'tel:',
        '<',
        '>',
        '"',
        '\\',
        ';',
        ',',
        ':',
        '@',
        '=',
        '%',
        '%4',
        '%41',
        '[',
        ']',
        '::1',
        ' ',
        '\t',
        'SIP/2.0/UDP ',
        'branch=',
        'rport',
        'tag=',
        '?',
        '&',
        '*',
        'a',
        '1',
        '5060',
      ),
      token,
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));
