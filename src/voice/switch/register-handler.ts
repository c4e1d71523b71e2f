/**
 * REGISTER (RFC 3261 §10.3): phones register their extension with digest authentication
 * (§22; SHA-256 and MD5, RFC 8760). Unknown extensions get exactly the same 401 as a wrong
 * password, so a scanner cannot learn which extensions exist.
 */
import type { DeviceRepo } from '../../app/ports/device-repo.ts';
import type { DigestAuthenticator } from '../sip/auth/index.ts';
import { formatUri, getContacts, type SipRequest } from '../sip/message/index.ts';
import { makeResponse } from '../sip/core/make-response.ts';
import { newTag } from '../sip/core/sip-stack.ts';
import { contactHeaderValue, type Registrar } from '../sip/registrar/index.ts';
import type { ServerTransaction } from '../sip/transaction/server-transaction.ts';
import type { Destination } from '../sip/transport/destination.ts';

export interface RegisterContext {
  readonly auth: DigestAuthenticator;
  readonly registrar: Registrar;
  readonly devices: DeviceRepo;
  readonly realm: string;
  /** Called after each successful change (bindings added/removed) for events and health. */
  readonly onChange?: (extension: string, bound: boolean, source: Destination) => void;
}

export const aorOf = (extension: string, realm: string) => `sip:${extension}@${realm}`;

export async function handleRegister(
  ctx: RegisterContext,
  req: SipRequest,
  tx: ServerTransaction,
  source: Destination,
  now: number,
): Promise<void> {
  const toTag = newTag();
  const auth = await ctx.auth.authenticate(
    {
      method: 'REGISTER',
      uri: formatUri(req.uri),
      headerValue: req.headers.getAll('Authorization'),
      realm: ctx.realm,
      lookup: async (username) => {
        const d = await ctx.devices.get(username);
        return d && d.enabled ? { ha1Md5: d.ha1Md5, ha1Sha256: d.ha1Sha256 } : null;
      },
    },
    now,
  );
  if (!auth.ok)
    return tx.respond(
      makeResponse(req, 401, {
        toTag,
        headers: auth.challenge.map((c) => ['WWW-Authenticate', c] as [string, string]),
      }),
    );
  const toUser = /sips?:([^@;>]+)@/i.exec(req.headers.get('To') ?? '')?.[1];
  if (toUser !== auth.username)
    return tx.respond(makeResponse(req, 403, { toTag, reason: 'Register your own extension' }));
  let contacts;
  try {
    const c = getContacts(req.headers);
    contacts =
      c === '*'
        ? [{ uri: '*' }]
        : c.map((a) => ({
            uri: formatUri(a.uri),
            expires: a.params.get('expires') ?? undefined,
            q: a.params.get('q') ?? undefined,
            params: Object.fromEntries([...a.params].filter(([k]) => k !== 'expires' && k !== 'q')),
          }));
  } catch {
    return tx.respond(makeResponse(req, 400, { toTag, reason: 'Bad Contact' }));
  }
  const cseq = Number((req.headers.get('CSeq') ?? '0').trim().split(/\s+/)[0]);
  const result = await ctx.registrar.processRegister({
    aor: aorOf(auth.username, ctx.realm),
    contacts,
    expiresHeader: req.headers.get('Expires'),
    callId: req.headers.get('Call-ID') ?? '',
    cseq,
    source: {
      transport: source.transport.toLowerCase(),
      address: source.address,
      port: source.port,
    },
    userAgent: req.headers.get('User-Agent'),
    now,
  });
  if (result.status === 423)
    return tx.respond(
      makeResponse(req, 423, { toTag, headers: [['Min-Expires', String(result.minExpires)]] }),
    );
  if (result.status !== 200)
    return tx.respond(makeResponse(req, result.status, { toTag, reason: result.reason }));
  tx.respond(
    makeResponse(req, 200, {
      toTag,
      headers: [
        ...result.bindings.map((b) => ['Contact', contactHeaderValue(b, now)] as [string, string]),
        ['Date', new Date(now).toUTCString()],
      ],
    }),
  );
  if (result.added.length || result.removed.length || result.expired.length)
    ctx.onChange?.(auth.username, result.bindings.length > 0, source);
}
