/**
 * RFC 4475 torture tests, one row per message of test/fixtures/sip-torture/rfc4475/MANIFEST.
 * Each row encodes what the RFC section says an element does with the message; where the RFC
 * leaves a choice, the comment names the one kefu makes.
 */
import { describe, expect, it } from 'vitest';
import {
  checkRequest,
  getContacts,
  getTo,
  parseMessage,
  parseNameAddr,
  parseSipDate,
  parseVia,
  serializeMessage,
  SipParseError,
  type CheckRequestOptions,
  type SipMessage,
  type SipRequest,
} from '../../../../src/voice/sip/message/index.ts';
import { messageShape } from './support/shape.ts';
import { loadTorture, tortureMessage, type TortureClass } from './support/torture.ts';

/** What the RFC says happens to each message. */
type Expectation =
  | { readonly parse: 'ok'; readonly check?: number | null; readonly why: string }
  | { readonly parse: 'error'; readonly reason: string; readonly why: string };

const ok = (check: number | null | undefined, why: string): Expectation => ({
  parse: 'ok',
  check,
  why,
});
const rejected = (reason: string, why: string): Expectation => ({ parse: 'error', reason, why });

const expectations: Record<string, Expectation> = {
  // 3.1.1 valid messages: parse; requests pass checkRequest
  wsinv: ok(null, 'short tortuous INVITE: LWS, folding, odd case, compact forms'),
  intmeth: ok(null, 'wide range of valid characters in method, URI, tokens'),
  esc01: ok(null, 'valid use of % escaping'),
  escnull: ok(null, 'escaped nulls in URIs'),
  esc02: ok(null, '% in method name and header name is a token character, not an escape'),
  lwsdisp: ok(null, 'no LWS between display name and <'),
  longreq: ok(null, 'long values, 34 Vias'),
  dblreq: ok(null, 'extra trailing octets in a UDP datagram are discarded'),
  semiuri: ok(null, 'semicolon-separated parameters in the URI user part'),
  transports: ok(null, 'Via with unusual transports'),
  mpart01: ok(null, 'multipart MIME message with binary body'),
  unreason: ok(undefined, 'unusual reason phrase (UTF-8)'),
  noreason: ok(undefined, 'empty reason phrase'),
  // 3.1.2 invalid messages
  badinv01: rejected('Bad Via', 'extraneous header field separators → 400'),
  clerr: rejected('Bad Content-Length', 'Content-Length larger than message (UDP) → 400'),
  ncl: rejected('Bad Content-Length', 'negative Content-Length → 400'),
  scalar02: rejected('Bad CSeq', 'request scalar fields with overlarge values → 400 (CSeq)'),
  scalarlg: rejected('Bad CSeq', 'response scalar fields with overlarge values → discard'),
  quotbal: rejected('Bad To', 'unterminated quoted string in display name → 400'),
  ltgtruri: rejected('Bad Request-URI', '<> enclosing Request-URI → 400'),
  lwsruri: rejected('Bad Request-Line', 'LWS within Request-URI → 400'),
  lwsstart: rejected('Bad Request-Line', 'multiple SP separating Request-Line elements → 400'),
  trws: rejected('Bad Request-Line', 'SP characters at end of Request-Line → 400'),
  escruri: ok(400, 'escaped headers in SIP Request-URI: may be rejected with 400 (we do)'),
  baddate: ok(
    null,
    'non-GMT Date: "shouldn\'t reject unless Date matters" — ignored, parseSipDate refuses it',
  ),
  regbadct: ok(400, 'Contact URI with escaped header not enclosed in <> → 400'),
  badaspec: rejected('Bad To', 'spaces within addr-spec: reasonable to reject with 400 (we do)'),
  baddn: rejected('Bad From', 'non-token characters in unquoted display name → 400'),
  badvers: ok(505, 'unknown protocol version → 505'),
  mismatch01: ok(400, 'CSeq method ≠ request method → 400'),
  mismatch02: ok(400, 'unknown method with CSeq method mismatch → 400'),
  bigcode: rejected('Bad Status-Code', 'status code beyond 699 → discard'),
  // 3.2 transaction layer
  badbranch: ok(
    null,
    'branch is the bare magic cookie: may 400 or fall back to RFC 2543 matching (we fall back)',
  ),
  // 3.3 application layer
  insuf: ok(400, 'missing Call-ID, From, To → 400'),
  unkscm: ok(416, 'unknown URI scheme in Request-URI → 416'),
  novelsc: ok(416, 'known but atypical scheme we never accept → 416'),
  unksm2: ok(
    400,
    'registrar: To must be a SIP or SIPS URI → 400 (the Request-URI is sip, so not 416)',
  ),
  bext01: ok(420, 'unknown Require option tags → 420 with Unsupported'),
  invut: ok(415, 'body of unknown type → 415'),
  regaut01: ok(
    null,
    'Authorization with unknown scheme: a registrar that does not care ignores it',
  ),
  multi01: ok(400, 'multiple Call-ID, To, From, Max-Forwards, CSeq → 400'),
  mcl01: ok(400, 'multiple different Content-Length values → 400'),
  bcast: ok(undefined, 'response with broadcast Via: parses; the transaction layer drops it'),
  zeromf: ok(483, 'Max-Forwards 0: a forwarding element answers 483; an endpoint processes it'),
  cparam01: ok(null, 'unknownparam is a contact-param, not a URI param'),
  cparam02: ok(null, 'unknownparam is a URI param inside <>'),
  regescrt: ok(null, 'escaped Route header in a bracketed Contact URI'),
  sdp01: ok(406, 'Accept without application/sdp on INVITE → 406'),
  // 3.4 backward compatibility
  inv2543: ok(null, 'RFC 2543 INVITE: no branch, no From tag, no Content-Length, no Max-Forwards'),
};

const options: CheckRequestOptions = {
  supportedExtensions: [],
  acceptedBodyTypes: ['application/sdp'],
};
/** The valid messages exercise parsing, not body types: accept the multipart one. */
const validOptions: CheckRequestOptions = {
  ...options,
  acceptedBodyTypes: ['application/sdp', 'multipart/mixed'],
};

const cases = loadTorture();
const request = (m: SipMessage): SipRequest => {
  if (m.kind !== 'request') throw new Error('expected a request');
  return m;
};

describe('RFC 4475 torture messages', () => {
  it('has an expectation for every MANIFEST row (49 messages)', () => {
    expect(cases).toHaveLength(49);
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(expectations).sort());
  });

  const mustParse: readonly TortureClass[] = [
    'valid',
    'rfc2543-compat',
    'transaction',
    'application',
  ];

  describe.each(cases)('§$section $name ($cls)', ({ name, section, cls, data }) => {
    const e = expectations[name]!;

    if (e.parse === 'error') {
      it(`is rejected by the parser: ${e.why}`, () => {
        expect(cls).toBe('invalid');
        let thrown: unknown;
        try {
          parseMessage(data);
        } catch (err) {
          thrown = err;
        }
        expect(thrown).toBeInstanceOf(SipParseError);
        const err = thrown as SipParseError;
        expect(err.reason).toBe(e.reason);
        expect(err.cause).toBeUndefined();
        // Enough is known to answer 400 to a request (§8.2.6), never to a response.
        const isRequest = !data.toString('latin1').startsWith('SIP/');
        expect(err.isRequest).toBe(isRequest);
        expect(err.callId).toBeTruthy();
        expect(err.via).toBeTruthy();
        expect(err.cseq).toBeTruthy();
      });
      return;
    }

    it(`parses, and re-serialises to an equivalent message: ${e.why}`, () => {
      const m = parseMessage(data);
      const again = parseMessage(serializeMessage(m));
      expect(messageShape(again)).toEqual(messageShape(m));
      expect(serializeMessage(again).equals(serializeMessage(m))).toBe(true);
    });

    if (e.check !== undefined) {
      it(`checkRequest answers ${e.check ?? 'nothing (fine)'}`, () => {
        const m = request(parseMessage(data));
        const result = checkRequest(m, cls === 'valid' ? validOptions : options);
        expect(result?.status ?? null).toBe(e.check);
      });
    } else {
      it('is a response', () => expect(parseMessage(data).kind).toBe('response'));
    }
    if (mustParse.includes(cls))
      it('belongs to a class that must parse', () => expect(e.parse).toBe('ok'));
    void section;
  });
});

describe('RFC 4475 details', () => {
  const parse = (name: string) => parseMessage(tortureMessage(name));

  it('§3.1.1.1 wsinv: folded and spaced values read as the RFC describes', () => {
    const m = request(parse('wsinv'));
    expect(m.method).toBe('INVITE');
    expect(getTo(m.headers)?.params.get('tag')).toBe('1918181833n');
    const from = parseNameAddr(m.headers.get('From')!);
    expect(from.displayName).toBe('J Rosenberg \\"');
    expect(from.params.get('tag')).toBe('98asjd8');
    expect(m.headers.get('Max-Forwards')).toBe('0068');
    expect(m.headers.get('CSeq')).toBe('0009 INVITE');
    expect(m.headers.get('Subject')).toBe('');
    expect(m.headers.get('NewFangledHeader')).toBe('newfangled value continued newfangled value');
    expect(m.headers.get('UnknownHeaderWithUnusualValue')).toBe(';;,,;;,;');
    const vias = m.headers.getAll('Via').map((v) => parseVia(v));
    expect(vias.map((v) => [v.protocol, v.transport, v.host, v.branch])).toEqual([
      ['SIP/2.0', 'UDP', '192.0.2.2', '390skdjuw'],
      ['SIP/2.0', 'TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['SIP/2.0', 'UDP', '192.168.255.111', 'z9hG4bK30239'],
    ]);
    const contacts = getContacts(m.headers);
    expect(contacts).not.toBe('*');
    const [c] = contacts as Exclude<typeof contacts, '*'>;
    expect(c?.displayName).toBe('Quoted string ""');
    expect([...c!.params]).toEqual([
      ['newparam', 'newvalue'],
      ['secondparam', null],
      ['q', '0.33'],
    ]);
    expect(m.body).toHaveLength(150);
  });

  it('§3.1.1.2 intmeth: unusual characters in tokens, URI user and password', () => {
    const m = request(parse('intmeth'));
    expect(m.method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
    expect(m.uri.user).toBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    expect(m.uri.password).toBe("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    expect(m.uri.host).toBe('example.com');
    expect(getTo(m.headers)?.displayName).toBe('BEL:\x07 NUL:\x00 DEL:\x7f');
    expect(m.headers.get('Call-ID')).toBe('intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
    expect(m.headers.get("extensionHeader-!.%*+_`'~")).toBe('\uFEFF大停電');
    const from = parseNameAddr(m.headers.get('From')!);
    expect(from.displayName).toBe("token1~` token2'+_ token3*%!.-");
    expect(from.params.get("fromparam''~+*_!.-%")).toBe('"работающий"');
  });

  it('§3.1.1.3 esc01: escapes are resolved in user parts and URI parameters', () => {
    const m = request(parse('esc01'));
    expect(m.uri.user).toBe('sips:user@example.com');
    expect(getTo(m.headers)?.uri.user).toBe('user');
    expect(parseNameAddr(m.headers.get('From')!).uri.user).toBe('I have spaces');
    const [contact] = getContacts(m.headers) as {
      uri: { user: string | null; params: ReadonlyMap<string, string | null> };
    }[];
    expect(contact?.uri.user).toBe('caller');
    expect([...contact!.uri.params]).toEqual([
      ['lr', null],
      ['name', 'value%41'],
    ]);
  });

  it('§3.1.1.4 escnull: %00 in user parts', () => {
    const m = request(parse('escnull'));
    expect(getTo(m.headers)?.uri.user).toBe('null-\0-null');
    const contacts = getContacts(m.headers) as { uri: { user: string | null } }[];
    expect(contacts.map((c) => c.uri.user)).toEqual(['\0', '\0\0']);
  });

  it('§3.1.1.5 esc02: % in method and header names is not an escape', () => {
    const m = request(parse('esc02'));
    expect(m.method).toBe('RE%47IST%45R');
    expect(m.headers.getAll('Contact')).toHaveLength(2);
    expect(m.headers.get('C%6Fntact')).toBe('<sip:alias2@host2.example.com>');
    expect(parseNameAddr(m.headers.get('To')!).displayName).toBe('%Z%45');
  });

  it('§3.1.1.6 lwsdisp: display name directly before <', () => {
    expect(parseNameAddr(parse('lwsdisp').headers.get('From')!).displayName).toBe('caller');
  });

  it('§3.1.1.7 longreq: 34 Vias in order, compact and odd-case names', () => {
    const m = parse('longreq');
    const vias = m.headers.getAll('v').map((v) => parseVia(v).host);
    expect(vias).toHaveLength(34);
    expect(vias[0]).toBe('sip33.example.com');
    expect(vias[33]).toBe('host.example.com');
    expect(m.body).toHaveLength(150);
  });

  it('§3.1.1.8 dblreq: only the REGISTER is read, the rest of the datagram is ignored', () => {
    const m = request(parse('dblreq'));
    expect(m.method).toBe('REGISTER');
    expect(m.body).toHaveLength(0);
  });

  it('§3.1.1.9 semiuri: ; in the user part stays in the user part', () => {
    const m = request(parse('semiuri'));
    expect(m.uri.user).toBe('user;par=u@example.net');
    expect(m.uri.host).toBe('example.com');
    expect(m.uri.params.size).toBe(0);
    expect(m.headers.getAll('Accept')).toHaveLength(6);
  });

  it('§3.1.1.10 transports: any transport token', () => {
    const m = parse('transports');
    expect(m.headers.getAll('Via').map((v) => parseVia(v).transport)).toEqual([
      'UDP',
      'SCTP',
      'TLS',
      'UNKNOWN',
      'TCP',
    ]);
  });

  it('§3.1.1.11 mpart01: the binary body comes through byte for byte', () => {
    const data = tortureMessage('mpart01');
    const m = parseMessage(data);
    expect(m.body).toHaveLength(553);
    expect(m.body.equals(data.subarray(data.indexOf('\r\n\r\n') + 4))).toBe(true);
  });

  it('§3.1.1.12 unreason / §3.1.1.13 noreason: reason phrases', () => {
    const u = parse('unreason');
    expect(u.kind === 'response' && u.reason).toBe(
      '= 2**3 * 5**2 но сто девяносто девять - простое',
    );
    const n = parse('noreason');
    expect(n.kind === 'response' && [n.status, n.reason]).toEqual([100, '']);
  });

  it('§3.1.2.12 baddate: the Date value itself is refused when read', () => {
    expect(() => parseSipDate(parse('baddate').headers.get('Date')!)).toThrow(SipParseError);
    expect(parseSipDate('Sat, 13 Nov 2010 23:29:00 GMT').toISOString()).toBe(
      '2010-11-13T23:29:00.000Z',
    );
  });

  it('§3.3.5 bext01: Unsupported lists the Require tags (UAS) or Proxy-Require tags (proxy)', () => {
    const m = request(parse('bext01'));
    expect(checkRequest(m, options)?.unsupported).toEqual([
      'nothingSupportsThis',
      'nothingSupportsThisEither',
    ]);
    expect(checkRequest(m, { ...options, role: 'proxy' })?.unsupported).toEqual([
      'noProxiesSupportThis',
      'norDoAnyProxiesSupportThis',
    ]);
    expect(
      checkRequest(m, {
        ...options,
        supportedExtensions: ['NOTHINGSUPPORTSTHIS', 'nothingsupportsthiseither'],
      }),
    ).toBeNull();
  });

  it('§3.3.10 bcast: the second Via names the broadcast address', () => {
    expect(parseVia(parse('bcast').headers.getAll('Via')[1]!).host).toBe('255.255.255.255');
  });

  it('§3.3.11 zeromf: an endpoint processes Max-Forwards 0 as if positive', () => {
    expect(checkRequest(request(parse('zeromf')), { ...options, role: 'uas' })).toBeNull();
  });

  it('§3.3.12 cparam01 / §3.3.13 cparam02: contact-param versus URI param', () => {
    const [c1] = getContacts(parse('cparam01').headers) as {
      params: ReadonlyMap<string, unknown>;
      uri: { params: ReadonlyMap<string, unknown> };
    }[];
    expect(c1!.params.has('unknownparam')).toBe(true);
    expect(c1!.uri.params.has('unknownparam')).toBe(false);
    const [c2] = getContacts(parse('cparam02').headers) as (typeof c1)[];
    expect(c2!.params.has('unknownparam')).toBe(false);
    expect(c2!.uri.params.has('unknownparam')).toBe(true);
  });

  it('§3.3.14 regescrt: the escaped Route header is kept (decoded) in the Contact URI', () => {
    const [c] = getContacts(parse('regescrt').headers) as {
      uri: { headers: ReadonlyMap<string, string> };
    }[];
    expect([...c!.uri.headers]).toEqual([['Route', '<sip:sip.example.com>']]);
  });

  it('§3.1.2.1 badinv01: the raw Via lines are echoed as received in the partial result', () => {
    try {
      parseMessage(tortureMessage('badinv01'));
      expect.unreachable();
    } catch (e) {
      expect((e as SipParseError).partial?.via).toBe('SIP/2.0/UDP 192.0.2.15;;,;,,');
      expect((e as SipParseError).partial?.from).toBe('sip:caller@example.net;tag=134161461246');
    }
  });
});
