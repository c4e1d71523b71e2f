/**
 * One out-of-dialog OPTIONS request (RFC 3261 §11) used as a health probe: any final response,
 * even 404 or 405, proves the peer is there (§11.2 lets a UA answer OPTIONS as it would an
 * INVITE); no final response within the timeout, or a transport error, means it is not.
 */
import type { SipRequest } from '../sip/message/index.ts';
import { parseUri, SipHeaders } from '../sip/message/index.ts';
import { newCallId, newTag, type SipStack } from '../sip/core/sip-stack.ts';
import type { Destination } from '../sip/transport/destination.ts';

export interface PingResult {
  readonly answered: boolean;
  /** Round trip of the answered request (ms). */
  readonly rttMs: number | null;
  readonly status: number | null;
}

/** Never rejects: a target that cannot even be addressed is not answered. */
export function sendOptions(
  stack: SipStack,
  p: { target: string; dest: Destination; fromHost: string; timeoutMs: number },
): Promise<PingResult> {
  let req: SipRequest;
  try {
    const h = new SipHeaders();
    h.append('Max-Forwards', '70');
    h.append('From', `<sip:kefu@${p.fromHost}>;tag=${newTag()}`);
    h.append('To', `<${p.target}>`);
    h.append('Call-ID', newCallId(p.fromHost));
    h.append('CSeq', '1 OPTIONS');
    h.append('Accept', 'application/sdp');
    req = {
      kind: 'request',
      method: 'OPTIONS',
      uri: parseUri(p.target),
      version: 'SIP/2.0',
      headers: h,
      body: Buffer.alloc(0),
    };
  } catch {
    return Promise.resolve({ answered: false, rttMs: null, status: null });
  }
  const sent = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const settle = (status: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timeout);
      resolve(
        status === null
          ? { answered: false, rttMs: null, status }
          : { answered: true, rttMs: Date.now() - sent, status },
      );
    };
    const timeout = setTimeout(() => settle(null), p.timeoutMs);
    try {
      stack.request(req, p.dest, {
        onResponse: (res) => {
          if (res.status >= 200) settle(res.status);
        },
        onTimeout: () => settle(null),
        onTransportError: () => settle(null),
      });
    } catch {
      settle(null);
    }
  });
}
