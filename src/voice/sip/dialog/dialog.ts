/**
 * A SIP dialog (RFC 3261 §12): the peer-to-peer relationship an INVITE creates. It numbers our
 * requests (CSeq), checks the order of the peer's, and builds in-dialog requests with the route
 * set and the remote target. In-dialog requests go to where the peer's messages came from
 * (symmetric signalling), which is what works behind NAT.
 *
 * ```
 *   early ──2xx──▶ confirmed ──BYE sent/received──▶ terminated
 *     └──non-2xx final / CANCEL──────────────────────▶ terminated
 * ```
 */
import { parseNameAddr, SipHeaders, type SipRequest, type SipResponse } from '../message/index.ts';
import type { Destination } from '../transport/destination.ts';

export type DialogState = 'early' | 'confirmed' | 'terminated';

const table: Readonly<Record<DialogState, readonly DialogState[]>> = {
  early: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
};

const tagOf = (headerValue: string | undefined): string | null => {
  if (!headerValue) return null;
  try {
    return parseNameAddr(headerValue).params.get('tag') ?? null;
  } catch {
    return /;\s*tag=([^;\s>]+)/i.exec(headerValue)?.[1] ?? null;
  }
};

const contactUri = (m: SipRequest | SipResponse): string | null => {
  const c = m.headers.getAll('Contact')[0];
  if (!c) return null;
  const inner = /<([^>]+)>/.exec(c)?.[1] ?? c.split(';')[0]?.trim();
  return inner ?? null;
};

const withoutTag = (v: string) => v;

export class Dialog {
  state: DialogState = 'early';
  remoteSeq: number | null;

  private constructor(
    readonly callId: string,
    readonly localTag: string,
    public remoteTag: string | null,
    /** Our From/To header value (with our tag) for requests we send. */
    readonly local: string,
    /** The peer's header value for requests we send (their tag is added once known). */
    public remote: string,
    public remoteTarget: string,
    public routeSet: string[],
    public localSeq: number,
    remoteSeq: number | null,
    public dest: Destination,
  ) {
    this.remoteSeq = remoteSeq;
  }

  get id(): string {
    return `${this.callId}|${this.localTag}|${this.remoteTag ?? ''}`;
  }

  /** UAS side (§12.1.1): from the INVITE we answer with `localTag`. */
  static asUas(invite: SipRequest, localTag: string, source: Destination): Dialog {
    const from = invite.headers.get('From') ?? '';
    const to = invite.headers.get('To') ?? '';
    const cseq = Number((invite.headers.get('CSeq') ?? '0').trim().split(/\s+/)[0]);
    return new Dialog(
      invite.headers.get('Call-ID') ?? '',
      localTag,
      tagOf(from),
      /;\s*tag=/i.test(to) ? to : `${to};tag=${localTag}`,
      withoutTag(from),
      contactUri(invite) ?? '',
      invite.headers.getAll('Record-Route'),
      Math.floor(Math.random() * 10_000) + 1,
      Number.isFinite(cseq) ? cseq : null,
      source,
    );
  }

  /** UAC side (§12.1.2): from our INVITE and the peer's 1xx-with-tag or 2xx. */
  static asUac(invite: SipRequest, response: SipResponse, dest: Destination): Dialog {
    const cseq = Number((invite.headers.get('CSeq') ?? '1').trim().split(/\s+/)[0]);
    const from = invite.headers.get('From') ?? '';
    return new Dialog(
      invite.headers.get('Call-ID') ?? '',
      tagOf(from) ?? '',
      tagOf(response.headers.get('To')),
      from,
      response.headers.get('To') ?? invite.headers.get('To') ?? '',
      contactUri(response) ?? formatTarget(invite),
      [...response.headers.getAll('Record-Route')].reverse(),
      cseq,
      null,
      dest,
    );
  }

  /** A 2xx confirmed the dialog; on the UAC side the final 2xx sets tag, target and routes. */
  confirm(response?: SipResponse): void {
    if (response) {
      this.remoteTag = tagOf(response.headers.get('To')) ?? this.remoteTag;
      this.remote = response.headers.get('To') ?? this.remote;
      this.remoteTarget = contactUri(response) ?? this.remoteTarget;
    }
    if (this.state === 'early') this.move('confirmed');
  }

  terminate(): void {
    if (this.state !== 'terminated') this.move('terminated');
  }

  /**
   * Checks an in-dialog request's CSeq (§12.2.2): lower than the last one → 500. Target
   * refresh requests (re-INVITE) update the remote target.
   */
  acceptRequest(req: SipRequest): { ok: true } | { ok: false; status: 500 } {
    const seq = Number((req.headers.get('CSeq') ?? '').trim().split(/\s+/)[0]);
    if (req.method !== 'ACK' && req.method !== 'CANCEL') {
      if (this.remoteSeq !== null && seq < this.remoteSeq) return { ok: false, status: 500 };
      this.remoteSeq = seq;
    }
    if (req.method === 'INVITE' || req.method === 'UPDATE')
      this.remoteTarget = contactUri(req) ?? this.remoteTarget;
    return { ok: true };
  }

  /** A new request in this dialog (§12.2.1.1): Request-URI = remote target, Route = route set. */
  createRequest(
    method: string,
    o: { body?: Buffer; contentType?: string; headers?: [string, string][]; cseq?: number } = {},
  ): SipRequest {
    const h = new SipHeaders();
    for (const r of this.routeSet) h.append('Route', r);
    h.append('Max-Forwards', '70');
    h.append('From', this.local);
    h.append(
      'To',
      this.remoteTag && !/;\s*tag=/i.test(this.remote)
        ? `${this.remote};tag=${this.remoteTag}`
        : this.remote,
    );
    h.append('Call-ID', this.callId);
    const seq =
      o.cseq ?? (method === 'ACK' || method === 'CANCEL' ? this.localSeq : ++this.localSeq);
    h.append('CSeq', `${seq} ${method}`);
    for (const [k, v] of o.headers ?? []) h.append(k, v);
    if (o.body && o.body.length) h.append('Content-Type', o.contentType ?? 'application/sdp');
    return {
      kind: 'request',
      method,
      uri: parseTarget(this.remoteTarget),
      version: 'SIP/2.0',
      headers: h,
      body: o.body ?? Buffer.alloc(0),
    };
  }

  private move(to: DialogState): void {
    if (!table[this.state].includes(to))
      throw new Error(`dialog ${this.id}: ${this.state} → ${to} is not allowed`);
    this.state = to;
  }
}

import { formatUri, parseUri } from '../message/index.ts';
const formatTarget = (r: SipRequest) => formatUri(r.uri);
const parseTarget = (s: string) => parseUri(s);
