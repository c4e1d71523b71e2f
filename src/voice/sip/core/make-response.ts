/**
 * Building responses to requests (RFC 3261 §8.2.6): Via, From, Call-ID and CSeq are copied;
 * To gets our tag unless the request already carried one (§8.2.6.2); Timestamp is echoed.
 */
import { SipHeaders, type SipRequest, type SipResponse } from '../message/index.ts';

export const reasonPhrases: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  181: 'Call Is Being Forwarded',
  182: 'Queued',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  415: 'Unsupported Media Type',
  416: 'Unsupported URI Scheme',
  420: 'Bad Extension',
  423: 'Interval Too Brief',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  483: 'Too Many Hops',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  491: 'Request Pending',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'Version Not Supported',
  603: 'Decline',
};

export function makeResponse(
  req: SipRequest,
  status: number,
  o: {
    reason?: string;
    toTag?: string | null;
    headers?: [string, string][];
    body?: Buffer;
    contentType?: string;
  } = {},
): SipResponse {
  const h = new SipHeaders();
  for (const v of req.headers.getAll('Via')) h.append('Via', v);
  for (const v of req.headers.getAll('Record-Route'))
    if (status > 100 && status < 300) h.append('Record-Route', v);
  h.append('From', req.headers.get('From') ?? '');
  let to = req.headers.get('To') ?? '';
  if (status > 100 && o.toTag && !/;\s*tag=/i.test(to)) to = `${to};tag=${o.toTag}`;
  h.append('To', to);
  h.append('Call-ID', req.headers.get('Call-ID') ?? '');
  h.append('CSeq', req.headers.get('CSeq') ?? '');
  const ts = req.headers.get('Timestamp');
  if (status === 100 && ts) h.append('Timestamp', ts); // §8.2.6.1
  for (const [k, v] of o.headers ?? []) h.append(k, v);
  if (o.body && o.body.length > 0) h.append('Content-Type', o.contentType ?? 'application/sdp');
  return {
    kind: 'response',
    status,
    reason: o.reason ?? reasonPhrases[status] ?? 'Unknown',
    version: 'SIP/2.0',
    headers: h,
    body: o.body ?? Buffer.alloc(0),
  };
}
