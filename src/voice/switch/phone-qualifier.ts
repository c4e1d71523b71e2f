/**
 * Keeps registered phones honest: every few seconds an out-of-dialog OPTIONS (RFC 3261 §11) goes
 * to each live binding, at the address its REGISTER came from (which also refreshes the NAT
 * mapping). Any response, even 404 or 405, proves the phone is there; none within the timeout
 * marks it unreachable, so the switch does not ring a phone that has gone away without
 * unregistering (Asterisk calls this "qualify", Kamailio "NAT ping").
 */
import type { SipRequest } from '../sip/message/index.ts';
import { parseUri, SipHeaders } from '../sip/message/index.ts';
import { newCallId, newTag, type SipStack } from '../sip/core/sip-stack.ts';
import type { Binding } from '../sip/registrar/binding.ts';
import type { Registrar } from '../sip/registrar/registrar.ts';
import type { Destination } from '../sip/transport/destination.ts';

export interface PhoneReachability {
  readonly reachable: boolean;
  /** Round trip of the last answered OPTIONS (ms). */
  readonly rttMs: number | null;
  readonly checkedAt: number;
}

export interface QualifierOptions {
  readonly everyMs: number;
  /** Without an answer in this time the phone counts as unreachable (default 3 s). */
  readonly timeoutMs?: number;
}

const keyOf = (b: Pick<Binding, 'aor' | 'contact'>) => `${b.aor}|${b.contact}`;

export class PhoneQualifier {
  private readonly state = new Map<string, PhoneReachability>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** A phone became reachable or unreachable. */
  onChange: (aor: string, reachable: boolean) => void = () => {};

  constructor(
    private readonly stack: SipStack,
    private readonly registrar: Registrar,
    private readonly fromHost: string,
    private readonly o: QualifierOptions,
  ) {}

  start(): void {
    if (this.o.everyMs <= 0) return;
    this.timer = setInterval(() => void this.run(), this.o.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** What is known of a binding; null before its first check. */
  statusOf(b: Pick<Binding, 'aor' | 'contact'>): PhoneReachability | null {
    return this.state.get(keyOf(b)) ?? null;
  }

  /** Probes every live binding once (a round already under way is joined, not doubled). */
  run(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<void> {
    const now = Date.now();
    const live: Binding[] = [];
    for (const aor of await this.registrar.aors())
      live.push(...(await this.registrar.lookup(aor, now)));
    const keep = new Set(live.map(keyOf));
    for (const k of this.state.keys()) if (!keep.has(k)) this.state.delete(k);
    await Promise.all(live.map((b) => this.probe(b)));
  }

  private async probe(b: Binding): Promise<void> {
    try {
      await this.send(b);
    } catch {
      this.record(b, false, null); // a Contact we cannot even address
    }
  }

  private send(b: Binding): Promise<void> {
    const dest: Destination = {
      transport: b.source.transport.toUpperCase() === 'TCP' ? 'TCP' : 'UDP',
      address: b.source.address,
      port: b.source.port,
    };
    const target = b.contact.replace(/^<|>$/g, '');
    const h = new SipHeaders();
    h.append('Max-Forwards', '70');
    h.append('From', `<sip:kefu@${this.fromHost}>;tag=${newTag()}`);
    h.append('To', `<${target}>`);
    h.append('Call-ID', newCallId(this.fromHost));
    h.append('CSeq', '1 OPTIONS');
    h.append('Accept', 'application/sdp');
    const req: SipRequest = {
      kind: 'request',
      method: 'OPTIONS',
      uri: parseUri(target),
      version: 'SIP/2.0',
      headers: h,
      body: Buffer.alloc(0),
    };
    const sent = Date.now();
    return new Promise((resolve) => {
      let done = false;
      const settle = (reachable: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timeout);
        this.record(b, reachable, reachable ? Date.now() - sent : null);
        resolve();
      };
      const timeout = setTimeout(() => settle(false), this.o.timeoutMs ?? 3000);
      this.stack.request(req, dest, {
        onResponse: (res) => {
          if (res.status >= 200) settle(true);
        },
        onTimeout: () => settle(false),
        onTransportError: () => settle(false),
      });
    });
  }

  private record(b: Binding, reachable: boolean, rttMs: number | null): void {
    const before = this.state.get(keyOf(b));
    this.state.set(keyOf(b), { reachable, rttMs, checkedAt: Date.now() });
    if ((before?.reachable ?? true) !== reachable) this.onChange(b.aor, reachable);
  }
}
