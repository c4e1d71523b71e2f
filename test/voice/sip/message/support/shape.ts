/**
 * A plain-data picture of a parsed message for structural comparison: Maps become arrays,
 * the body becomes hex. Content-Length lines are left out because serializeMessage rewrites
 * them from the body (the body itself is compared).
 */
import type {
  NameAddr,
  SipMessage,
  SipUri,
  Via,
} from '../../../../../src/voice/sip/message/index.ts';

export const uriShape = (u: SipUri) => ({
  scheme: u.scheme,
  user: u.user,
  password: u.password,
  host: u.host,
  port: u.port,
  params: [...u.params],
  headers: [...u.headers],
  opaque: u.opaque,
});

export const nameAddrShape = (a: NameAddr) => ({
  displayName: a.displayName,
  uri: uriShape(a.uri),
  params: [...a.params],
});

export const viaShape = (v: Via) => ({ ...v, params: [...v.params] });

export function messageShape(m: SipMessage) {
  const common = {
    version: m.version,
    headers: m.headers.entries().filter(([n]) => n !== 'Content-Length'),
    body: m.body.toString('hex'),
  };
  return m.kind === 'request'
    ? { kind: m.kind, method: m.method, uri: uriShape(m.uri), ...common }
    : { kind: m.kind, status: m.status, reason: m.reason, ...common };
}
