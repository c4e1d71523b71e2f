/**
 * Keeps registered phones honest: every few seconds an out-of-dialog OPTIONS (RFC 3261 §11) goes
 * to each live binding, at the address its REGISTER came from (which also refreshes the NAT
 * mapping). Any response, even 404 or 405, proves the phone is there; none within the timeout
 * marks it unreachable, so the switch does not ring a phone that has gone away without
 * unregistering (Asterisk calls this "qualify", Kamailio "NAT ping").
 */
import type { SipStack } from '../sip/core/sip-stack.ts';
import type { Binding } from '../sip/registrar/binding.ts';
import type { Registrar } from '../sip/registrar/registrar.ts';
import { sendOptions } from './options-ping.ts';

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
  /** Every probe's result (health figures: round trip, last seen). */
  onProbe: (aor: string, reachable: boolean, rttMs: number | null) => void = () => {};

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
    const r = await sendOptions(this.stack, {
      target: b.contact.replace(/^<|>$/g, ''),
      dest: {
        transport: b.source.transport.toUpperCase() === 'TCP' ? 'TCP' : 'UDP',
        address: b.source.address,
        port: b.source.port,
      },
      fromHost: this.fromHost,
      timeoutMs: this.o.timeoutMs ?? 3000,
    });
    this.record(b, r.answered, r.rttMs);
  }

  private record(b: Binding, reachable: boolean, rttMs: number | null): void {
    const before = this.state.get(keyOf(b));
    this.state.set(keyOf(b), { reachable, rttMs, checkedAt: Date.now() });
    this.onProbe(b.aor, reachable, rttMs);
    if ((before?.reachable ?? true) !== reachable) this.onChange(b.aor, reachable);
  }
}
