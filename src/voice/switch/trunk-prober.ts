/**
 * Probes each trunk's outbound address with OPTIONS (RFC 3261 §11) every few seconds, as
 * carriers' session border controllers expect (Asterisk's qualify, Kamailio's dispatcher
 * probing). Results go to `onResult`; what they mean (up after one answer, down after several
 * silent probes) is the pure trunk-health machine's business.
 */
import type { SipStack } from '../sip/core/sip-stack.ts';
import type { Destination } from '../sip/transport/destination.ts';
import { sendOptions } from './options-ping.ts';

export interface ProbedTrunk {
  readonly name: string;
  readonly outbound?: Destination;
}

export class TrunkProber {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  onResult: (trunk: string, answered: boolean, rttMs: number | null) => void = () => {};

  constructor(
    private readonly stack: SipStack,
    private readonly trunks: () => readonly ProbedTrunk[],
    private readonly o: { everyMs: number; timeoutMs: number; fromHost: string },
  ) {}

  start(): void {
    if (this.o.everyMs <= 0) return;
    this.timer = setInterval(() => void this.run(), this.o.everyMs);
    this.timer.unref();
    void this.run();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Probes every trunk with an outbound address once (a round under way is joined). */
  run(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<void> {
    await Promise.all(
      this.trunks().map(async (t) => {
        if (!t.outbound) return;
        const host = t.outbound.address.includes(':')
          ? `[${t.outbound.address}]`
          : t.outbound.address;
        const r = await sendOptions(this.stack, {
          target: `sip:${host}:${t.outbound.port}`,
          dest: t.outbound,
          fromHost: this.o.fromHost,
          timeoutMs: this.o.timeoutMs,
        });
        this.onResult(t.name, r.answered, r.rttMs);
      }),
    );
  }
}
