/**
 * SIP messages (RFC 3261 §7): a request or a response, header fields, and a body kept as bytes
 * (Content-Length counts octets, §20.14; bodies may be binary, RFC 4475 §3.1.1.11).
 */
import type { SipHeaders } from './sip-headers.ts';
import type { SipUri } from './sip-uri.ts';

/** INVITE ACK BYE CANCEL OPTIONS REGISTER INFO UPDATE PRACK SUBSCRIBE NOTIFY REFER MESSAGE, or
 * any extension token (methods are case-sensitive, §7.1). */
export type SipMethod = string;

export interface SipRequest {
  readonly kind: 'request';
  method: SipMethod;
  uri: SipUri;
  /** 'SIP/2.0' (uppercased as read; other versions parse and get 505 from checkRequest). */
  version: string;
  headers: SipHeaders;
  body: Buffer;
}

export interface SipResponse {
  readonly kind: 'response';
  /** 100–699 (§7.2). */
  status: number;
  reason: string;
  version: string;
  headers: SipHeaders;
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;
