/**
 * One Via value (RFC 3261 §20.42, §25.1; RFC 3581 rport):
 *
 *   via-parm      = sent-protocol LWS sent-by *( SEMI via-params )
 *   sent-protocol = protocol-name SLASH protocol-version SLASH transport
 *   sent-by       = host [ COLON port ]
 *
 * SLASH, COLON, SEMI and EQUAL allow white space around them (RFC 4475 §3.1.1.1 folds a Via
 * across three lines). `branch`, `received` and `rport` are also read into typed fields; when
 * formatting, the typed fields win over `params`.
 */
import { isIP, isIPv6 } from 'node:net';
import { HOST, TOKEN, parseBoundedInt } from './char-classes.ts';
import { formatParams, readParams } from './header-params.ts';
import { Scanner } from './scanner.ts';

export interface Via {
  /** protocol-name "/" protocol-version, e.g. 'SIP/2.0' (name uppercased). */
  protocol: string;
  /** Uppercased: 'UDP' | 'TCP' | 'TLS' | 'SCTP' | 'WS' | 'WSS' | other tokens. */
  transport: string;
  /** sent-by host; an IPv6 address without brackets. */
  host: string;
  port: number | null;
  /** All parameters by lowercase name, values as written (branch, received, rport included). */
  params: ReadonlyMap<string, string | null>;
  branch: string | null;
  received: string | null;
  /** RFC 3581: true for a bare ";rport" (please fill in), the port once filled, else null. */
  rport: number | true | null;
}

const REASON = 'Bad Via';

export function parseVia(s: string, reason = REASON): Via {
  const sc = new Scanner(typeof s === 'string' ? s : '', reason);
  sc.skipWs();
  const name = sc.need(TOKEN);
  sc.expectSep(0x2f);
  const version = sc.need(TOKEN);
  sc.expectSep(0x2f);
  const transport = sc.need(TOKEN).toUpperCase();
  if (!sc.skipWs()) sc.fail();
  let host: string;
  if (sc.eat(0x5b)) {
    const close = s.indexOf(']', sc.pos);
    if (close < 0) sc.fail();
    host = s.slice(sc.pos, close);
    if (!isIPv6(host)) sc.fail();
    sc.pos = close + 1;
  } else host = sc.need(HOST);
  let port: number | null = null;
  const beforeColon = sc.pos;
  sc.skipWs();
  if (sc.eat(0x3a)) {
    sc.skipWs();
    port = parseBoundedInt(sc.run(TOKEN), 65535);
    if (port === null) sc.fail();
  } else sc.pos = beforeColon;
  const params = readParams(sc);
  sc.end();

  const branch = params.get('branch');
  if (branch === null || (branch !== undefined && branch.startsWith('"'))) sc.fail();
  const received = params.get('received');
  if (received !== undefined && (received === null || !isAddress(received))) sc.fail();
  let rport: number | true | null = null;
  if (params.has('rport')) {
    const v = params.get('rport');
    rport = v === null || v === undefined ? true : (parseBoundedInt(v, 65535) ?? sc.fail());
  }
  return {
    protocol: `${name.toUpperCase()}/${version}`,
    transport,
    host,
    port,
    params,
    branch: branch ?? null,
    received: received ?? null,
    rport,
  };
}

/** received = IPv4address / IPv6address (RFC 3261 §20.42; brackets tolerated, RFC 5118 §4.5). */
function isAddress(v: string): boolean {
  return isIP(v.startsWith('[') && v.endsWith(']') ? v.slice(1, -1) : v) !== 0;
}

export function formatVia(v: Via): string {
  const typed: Record<'branch' | 'received' | 'rport', string | null | undefined> = {
    branch: v.branch,
    received: v.received,
    rport: v.rport === true ? null : v.rport === null ? undefined : String(v.rport),
  };
  const params = new Map<string, string | null>();
  for (const [k, value] of v.params) {
    if (k === 'branch' || k === 'received' || k === 'rport') {
      const t = typed[k];
      if (t === undefined || (t === null && k !== 'rport')) continue;
      params.set(k, t);
    } else params.set(k, value);
  }
  if (v.branch !== null && !params.has('branch')) params.set('branch', v.branch);
  if (v.received !== null && !params.has('received')) params.set('received', v.received);
  if (v.rport !== null && !params.has('rport')) params.set('rport', typed.rport ?? null);
  const host = v.host.includes(':') ? `[${v.host}]` : v.host;
  const port = v.port === null ? '' : `:${v.port}`;
  return `${v.protocol}/${v.transport} ${host}${port}${formatParams(params)}`;
}
