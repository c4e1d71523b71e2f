/**
 * kefu's built-in switch: the SIP stack with a registrar for agents' phones, trunks for calls
 * from and to the network, and call legs with RTP media. What happens to an inbound call (IVR,
 * queue, agent) is decided by the handler the application installs (`onInboundCall`).
 */
import type { DeviceRepo } from '../../app/ports/device-repo.ts';
import { DomainError } from '../../domain/errors.ts';
import { DigestAuthenticator } from '../sip/auth/index.ts';
import { FloodGuard } from '../sip/flood/index.ts';
import { formatUri, parseUri, type SipRequest, type SipResponse } from '../sip/message/index.ts';
import { makeResponse } from '../sip/core/make-response.ts';
import { newTag, SipStack, type InboundRequest } from '../sip/core/sip-stack.ts';
import { MemoryRegistrationStore, Registrar, type Binding } from '../sip/registrar/index.ts';
import type { ServerTransaction } from '../sip/transaction/server-transaction.ts';
import type { Destination } from '../sip/transport/destination.ts';
import { MediaClock } from '../rtp/media-clock.ts';
import { PortPool } from '../rtp/port-pool.ts';
import { InboundLeg } from './inbound-leg.ts';
import { MediaSession, type MediaHost } from './media-session.ts';
import { OutboundLeg, type OutboundCall } from './outbound-leg.ts';
import { aorOf, handleRegister } from './register-handler.ts';
import type { PhoneDirectory, PhoneRegistration } from '../../app/ports/phone-directory.ts';
import type { MediaFigures, VoiceResources } from '../../app/ports/voice-resources.ts';
import { PhoneQualifier } from './phone-qualifier.ts';
import { MediaMeter } from './media-meter.ts';
import { TrunkChannels } from './trunk-channels.ts';
import { TrunkProber } from './trunk-prober.ts';
import { allow, type SipLeg } from './sip-leg.ts';

export interface TrunkConfig {
  readonly name: string;
  /** Source addresses calls from this trunk come from (exact IPs). */
  readonly addresses: readonly string[];
  /** Where outbound calls go (the carrier's SIP address). */
  readonly outbound?: Destination;
  /**
   * Caller ID on outbound calls: a fixed number (the center's published number), or 'original'
   * to present the number of the caller being transferred (when the carrier allows it).
   */
  readonly callerId?: string;
  /** Prefix added to dialled numbers (e.g. a carrier's routing prefix). */
  readonly dialPrefix?: string;
  /**
   * Digest credentials a carrier that cannot be listed by address (changing IPs) answers our
   * 401 with (RFC 3261 §22.2); calls from the listed addresses are not challenged.
   */
  readonly auth?: { readonly username: string; readonly password: string };
  /** Calls at once over this trunk, both directions (null/absent: no limit). */
  readonly channelLimit?: number | null;
  /**
   * Probe the outbound address with OPTIONS (trunk up/down). Opt-in per trunk, like Asterisk's
   * `qualify`: some carriers rate-limit or drop OPTIONS from customers.
   */
  readonly probe?: boolean;
}

export interface SwitchOptions {
  readonly bindAddress?: string;
  readonly publicAddress: string;
  readonly sipPort: number;
  readonly rtpPorts?: { readonly min: number; readonly max: number };
  readonly realm?: string;
  readonly trunks?: readonly TrunkConfig[];
  /** Demo: calls to these numbers are accepted from any source. */
  readonly openNumbers?: readonly string[];
  /**
   * Digest algorithms challenged (RFC 8760: SHA-256 is sent first, then MD5). Some older phones
   * (baresip 1.0's libre) give up on the SHA-256 challenge instead of using the MD5 one after
   * it; a center with such phones challenges with ['MD5'] only.
   */
  readonly digestAlgorithms?: readonly ('SHA-256' | 'MD5')[];
  /** Flood guard: requests per source per 2 s before blocking. */
  readonly floodLimit?: number;
  /** OPTIONS to every registered phone this often (default 30 s; 0 turns it off). */
  readonly qualifyEverySeconds?: number;
  /** Without an answer to a qualify OPTIONS in this time the phone is unreachable (3 s). */
  readonly qualifyTimeoutMs?: number;
  /** OPTIONS to every trunk's outbound address this often (default 30 s; 0 turns it off). */
  readonly trunkProbeEverySeconds?: number;
  readonly trunkProbeTimeoutMs?: number;
  readonly log?: (
    level: 'debug' | 'info' | 'warn',
    msg: string,
    extra?: Record<string, unknown>,
  ) => void;
}

export interface InboundCallInfo {
  readonly leg: InboundLeg;
  readonly trunk: TrunkConfig | null;
}

export class VoiceSwitch implements PhoneDirectory, VoiceResources {
  readonly stack: SipStack;
  readonly registrar = new Registrar(new MemoryRegistrationStore());
  readonly auth: DigestAuthenticator;
  readonly flood: FloodGuard;
  readonly clock = new MediaClock();
  readonly ports: PortPool;
  readonly realm: string;
  readonly qualifier: PhoneQualifier;
  /** Channels in use per trunk against its limit. */
  readonly trunkChannels = new TrunkChannels();
  readonly trunkProber: TrunkProber;
  /** Trunks stored through the API, served next to the configured ones (`setStoredTrunks`). */
  private storedTrunks: readonly TrunkConfig[] = [];
  private readonly mediaMeter = new MediaMeter(() =>
    [...this.legs.values()].map((l) => l.media.endpoint.stats),
  );
  private readonly legs = new Map<string, SipLeg>();
  private readonly inviteTx = new WeakMap<ServerTransaction, InboundLeg>();
  private inboundHandler: (call: InboundCallInfo) => void = ({ leg }) => leg.reject(480);
  private readonly legObservers = new Set<(leg: SipLeg) => void>();
  private readonly media: MediaHost;
  private sweepTimer: NodeJS.Timeout | null = null;
  /** Extension registered/unregistered (agent desktop shows the phone's state). */
  onRegistration: (extension: string, registered: boolean) => void = () => {};
  /** Each qualify probe of a phone (health: reachability, round trip, last seen). */
  onPhoneProbe: (extension: string, reachable: boolean, rttMs: number | null) => void = () => {};

  constructor(
    private readonly devices: DeviceRepo,
    readonly o: SwitchOptions,
  ) {
    this.realm = o.realm ?? 'kefu';
    this.auth = new DigestAuthenticator({ algorithms: o.digestAlgorithms ?? ['SHA-256', 'MD5'] });
    this.ports = new PortPool(o.rtpPorts?.min ?? 20_000, o.rtpPorts?.max ?? 29_998);
    this.media = {
      ports: this.ports,
      bindAddress: o.bindAddress ?? '0.0.0.0',
      publicAddress: o.publicAddress,
    };
    const trunkIps = (o.trunks ?? []).flatMap((t) => t.addresses);
    this.flood = new FloodGuard({ maxRequests: o.floodLimit ?? 200, allowlist: trunkIps });
    this.stack = new SipStack({
      host: o.bindAddress ?? '0.0.0.0',
      udpPort: o.sipPort,
      tcpPort: o.sipPort,
      publicAddress: o.publicAddress,
      admit: (src) => {
        const r = this.flood.check(src.address, Date.now());
        if (r.verdict === 'blocked' && r.newlyBlocked)
          this.log('warn', 'SIP flood: source blocked', { address: src.address });
        return r.verdict === 'ok';
      },
      ...(o.log ? { log: o.log } : {}),
    });
    this.qualifier = new PhoneQualifier(this.stack, this.registrar, o.publicAddress, {
      everyMs: (o.qualifyEverySeconds ?? 30) * 1000,
      ...(o.qualifyTimeoutMs !== undefined ? { timeoutMs: o.qualifyTimeoutMs } : {}),
    });
    this.qualifier.onProbe = (aor, reachable, rttMs) =>
      this.onPhoneProbe(extensionOfAor(aor), reachable, rttMs);
    this.trunkProber = new TrunkProber(this.stack, () => this.trunkList().filter((t) => t.probe), {
      everyMs: (o.trunkProbeEverySeconds ?? 30) * 1000,
      timeoutMs: o.trunkProbeTimeoutMs ?? 3000,
      fromHost: o.publicAddress,
    });
    this.qualifier.onChange = (aor, reachable) =>
      this.log(reachable ? 'info' : 'warn', reachable ? 'phone reachable' : 'phone unreachable', {
        aor,
      });
    this.stack.onRequest((r) => this.onRequest(r));
    this.stack.onStrayResponse((res) => this.onStrayResponse(res));
  }

  private log(level: 'debug' | 'info' | 'warn', msg: string, extra?: Record<string, unknown>) {
    this.o.log?.(level, msg, extra);
  }

  async start(): Promise<void> {
    await this.stack.start();
    this.sweepTimer = setInterval(() => {
      void this.registrar
        .sweep(Date.now())
        .then((gone) => gone.forEach((b) => this.onRegistration(extensionOf(b), false)));
    }, 5000);
    this.sweepTimer.unref();
    this.qualifier.start();
    this.trunkProber.start();
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.qualifier.stop();
    this.trunkProber.stop();
    for (const leg of this.legs.values()) leg.media.close();
    this.legs.clear();
    this.clock.stop();
    await this.stack.stop();
  }

  /** Decides what happens to each new inbound call. */
  onInboundCall(h: (call: InboundCallInfo) => void): void {
    this.inboundHandler = h;
  }

  /** Sees every new leg, inbound and outbound (monitoring, tests); returns an unsubscribe. */
  onLeg(observer: (leg: SipLeg) => void): () => void {
    this.legObservers.add(observer);
    return () => this.legObservers.delete(observer);
  }

  private track(leg: SipLeg): void {
    const key = `${leg.callId}|${leg.localTag}`;
    this.legs.set(key, leg);
    leg.once('ended', () => {
      if (this.legs.delete(key)) this.mediaMeter.closed(leg.media.endpoint.stats);
    });
    for (const o of this.legObservers) o(leg);
  }

  get sipPort(): number {
    return this.stack.udpPort;
  }

  get activeLegs(): number {
    return this.legs.size;
  }

  openCalls(): number {
    return this.legs.size;
  }

  mediaFigures(): MediaFigures {
    return this.mediaMeter.sample();
  }

  // ── requests ─────────────────────────────────────────────────────────────

  private onRequest({ request: req, tx, source }: InboundRequest): void {
    const toTag = /;\s*tag=([^;\s>]+)/i.exec(req.headers.get('To') ?? '')?.[1] ?? null;
    const leg = toTag ? this.legs.get(`${req.headers.get('Call-ID')}|${toTag}`) : undefined;
    if (req.method === 'ACK') {
      if (leg instanceof InboundLeg) leg.onAck();
      return;
    }
    if (!tx) return;
    if (req.method === 'CANCEL') {
      const invTx = this.stack.inviteFor(req);
      const pending = invTx ? this.inviteTx.get(invTx) : undefined;
      if (pending) return pending.onCancel(tx, req);
      return tx.respond(makeResponse(req, 481, { toTag: newTag() }));
    }
    if (toTag) {
      if (leg) return leg.onRequest(req, tx);
      return tx.respond(makeResponse(req, 481)); // §12.2.2: no such dialog
    }
    switch (req.method) {
      case 'REGISTER':
        void handleRegister(
          {
            auth: this.auth,
            registrar: this.registrar,
            devices: this.devices,
            realm: this.realm,
            onChange: (ext, bound) => this.onRegistration(ext, bound),
          },
          req,
          tx,
          source,
          Date.now(),
        ).catch((e: unknown) => {
          this.log('warn', 'REGISTER failed', { error: String(e) });
          tx.respond(makeResponse(req, 500, { toTag: newTag() }));
        });
        return;
      case 'OPTIONS':
        // Keep-alive / health probe outside a dialog (§11).
        return tx.respond(
          makeResponse(req, 200, {
            toTag: newTag(),
            headers: [
              ['Allow', allow],
              ['Accept', 'application/sdp'],
            ],
          }),
        );
      case 'INVITE':
        void this.onInvite(req, tx, source).catch((e: unknown) => {
          this.log('warn', 'INVITE failed', { error: String(e) });
          tx.respond(makeResponse(req, 500, { toTag: newTag() }));
        });
        return;
      case 'BYE':
      case 'INFO':
      case 'UPDATE':
        return tx.respond(makeResponse(req, 481, { toTag: newTag() }));
      default:
        return tx.respond(makeResponse(req, 405, { toTag: newTag(), headers: [['Allow', allow]] }));
    }
  }

  /** The configured trunks, then the stored ones. */
  trunkList(): readonly TrunkConfig[] {
    return [...(this.o.trunks ?? []), ...this.storedTrunks];
  }

  /** Replaces the stored trunks (the configured ones stay); their addresses skip the flood guard. */
  setStoredTrunks(trunks: readonly TrunkConfig[]): void {
    const configured = new Set((this.o.trunks ?? []).map((t) => t.name));
    this.storedTrunks = trunks.filter((t) => !configured.has(t.name));
    for (const t of this.storedTrunks) for (const a of t.addresses) this.flood.allow(a);
  }

  /** Channels in use, limit and refusals of every trunk. */
  trunkUsage() {
    return this.trunkChannels.usage(
      new Map(this.trunkList().map((t) => [t.name, t.channelLimit ?? null])),
    );
  }

  private trunkFor(source: Destination): TrunkConfig | null {
    return this.trunkList().find((t) => t.addresses.includes(source.address)) ?? null;
  }

  private async onInvite(
    req: SipRequest,
    tx: ServerTransaction,
    source: Destination,
  ): Promise<void> {
    const called = req.uri.user ?? '';
    let trunk = this.trunkFor(source);
    if (!trunk && !(this.o.openNumbers ?? []).includes(called)) {
      const byDigest = this.trunkList().filter((t) => t.auth);
      if (byDigest.length === 0) {
        this.log('info', 'INVITE refused: not from a trunk', { source: source.address, called });
        return tx.respond(makeResponse(req, 403, { toTag: newTag(), reason: 'Not a trunk' }));
      }
      const auth = await this.auth.authenticate(
        {
          method: 'INVITE',
          uri: formatUri(req.uri),
          headerValue: req.headers.getAll('Authorization'),
          realm: this.realm,
          lookup: async (username) => {
            const t = byDigest.find((x) => x.auth?.username === username);
            return t?.auth ? { password: t.auth.password } : null;
          },
        },
        Date.now(),
      );
      if (!auth.ok) {
        if (auth.reason !== 'missing')
          this.log('warn', 'INVITE digest failed', {
            source: source.address,
            reason: auth.reason,
            username: auth.username,
          });
        return tx.respond(
          makeResponse(req, 401, {
            toTag: newTag(),
            headers: auth.challenge.map((c) => ['WWW-Authenticate', c] as [string, string]),
          }),
        );
      }
      trunk = byDigest.find((x) => x.auth?.username === auth.username) ?? null;
    }
    // A trunk at its channel limit: 503 (RFC 3261 §21.5.4), so the carrier tries another route;
    // Retry-After tells it when this one may have room again.
    const release = trunk
      ? this.trunkChannels.acquire(trunk.name, trunk.channelLimit, 'inbound')
      : null;
    if (trunk && !release) {
      this.log('warn', 'INVITE refused: trunk at its channel limit', { trunk: trunk.name, called });
      return tx.respond(
        makeResponse(req, 503, {
          toTag: newTag(),
          reason: 'Channel limit reached',
          headers: [['Retry-After', '30']],
        }),
      );
    }
    let media: MediaSession;
    try {
      media = await MediaSession.open(this.media);
    } catch (e) {
      release?.();
      throw e;
    }
    const leg = new InboundLeg(this.stack, req, tx, source, media);
    if (release) leg.once('ended', release);
    this.inviteTx.set(tx, leg);
    this.track(leg);
    this.inboundHandler({ leg, trunk });
  }

  /** 2xx retransmitted after the INVITE client transaction ended: re-ACK via the leg. */
  private onStrayResponse(res: SipResponse): void {
    const fromTag = /;\s*tag=([^;\s>]+)/i.exec(res.headers.get('From') ?? '')?.[1];
    const leg = fromTag ? this.legs.get(`${res.headers.get('Call-ID')}|${fromTag}`) : undefined;
    if (leg instanceof OutboundLeg) leg.reack(res);
  }

  // ── outbound ─────────────────────────────────────────────────────────────

  /** Where an extension's phone can be reached now (freshest binding first). */
  async phoneOf(extension: string): Promise<{ target: string; dest: Destination } | null> {
    // A phone that stopped answering OPTIONS is not rung (its registration may still run).
    const b = (await this.registrar.lookup(aorOf(extension, this.realm), Date.now())).find(
      (x) => this.qualifier.statusOf(x)?.reachable !== false,
    );
    if (!b) return null;
    const transport = b.source.transport.toUpperCase() === 'TCP' ? 'TCP' : 'UDP';
    return {
      target: b.contact.replace(/^<|>$/g, ''),
      dest: { transport, address: b.source.address, port: b.source.port },
    };
  }

  /** Live registrations of an extension, with what the qualifier last saw. */
  async registrations(extension: string): Promise<PhoneRegistration[]> {
    const live = await this.registrar.lookup(aorOf(extension, this.realm), Date.now());
    return live.map((b) => {
      const q = this.qualifier.statusOf(b);
      return {
        contact: b.contact.replace(/^<|>$/g, ''),
        source: `${b.source.transport}:${b.source.address}:${b.source.port}`,
        userAgent: b.userAgent ?? null,
        expiresAt: new Date(b.expiresAt),
        reachable: q?.reachable ?? null,
        rttMs: q?.rttMs ?? null,
      };
    });
  }

  /** The first trunk that can place outbound calls, if any. */
  outboundTrunk(): (TrunkConfig & { outbound: Destination }) | null {
    const t = this.trunkList().find((x) => x.outbound);
    return t?.outbound ? { ...t, outbound: t.outbound } : null;
  }

  /**
   * Calls `number` through `trunk`, presenting the caller ID its rule gives, or `presentAs` when
   * the call has its own (a dialer campaign's number). A trunk at its channel limit rejects with
   * `trunk.channel_limit` (counted) before anything is sent.
   */
  async dialTrunk(
    trunk: TrunkConfig & { outbound: Destination },
    number: string,
    originalCaller: string,
    presentAs?: string,
  ): Promise<OutboundLeg> {
    const release = this.trunkChannels.acquire(trunk.name, trunk.channelLimit, 'outbound');
    if (!release)
      throw new DomainError('trunk.channel_limit', `trunk ${trunk.name} is at its channel limit`, {
        trunk: trunk.name,
        limit: trunk.channelLimit ?? null,
      });
    try {
      const leg = await this.placeTrunkCall(trunk, number, originalCaller, presentAs);
      leg.once('ended', release);
      return leg;
    } catch (e) {
      release();
      throw e;
    }
  }

  private placeTrunkCall(
    trunk: TrunkConfig & { outbound: Destination },
    number: string,
    originalCaller: string,
    presentAs?: string,
  ): Promise<OutboundLeg> {
    const digits = number.replace(/[^0-9+*#]/g, '');
    const callerId = presentAs
      ? presentAs.replace(/[^0-9+]/g, '')
      : !trunk.callerId || trunk.callerId === 'original'
        ? originalCaller || 'anonymous'
        : trunk.callerId;
    const host = trunk.outbound.address.includes(':')
      ? `[${trunk.outbound.address}]`
      : trunk.outbound.address;
    return this.dial({
      target: parseUri(`sip:${trunk.dialPrefix ?? ''}${digits}@${host}:${trunk.outbound.port}`),
      dest: trunk.outbound,
      fromUser: callerId,
      headers: [['P-Asserted-Identity', `<sip:${callerId}@${this.o.publicAddress}>`]],
    });
  }

  /** Places a call (to a phone or through a trunk); the leg reports progress through `start`. */
  async dial(call: Omit<OutboundCall, 'fromHost'> & { fromHost?: string }): Promise<OutboundLeg> {
    const media = await MediaSession.open(this.media);
    const leg = new OutboundLeg(this.stack, media, {
      ...call,
      fromHost: call.fromHost ?? this.o.publicAddress,
    });
    this.track(leg);
    return leg;
  }
}

const extensionOfAor = (aor: string) => /sip:([^@]+)@/.exec(aor)?.[1] ?? aor;
const extensionOf = (b: Binding) => extensionOfAor(b.aor);
