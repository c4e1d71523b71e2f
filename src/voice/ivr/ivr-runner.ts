/**
 * Runs an IVR flow on a call: feeds the pure step function (src/domain/ivr) with the caller's
 * keys, timeouts and lookup answers, and carries out its actions on the leg — playing prompts
 * (with barge-in), collecting keys, calling connectors — until the flow hands the call on
 * (queue, call-back, transfer) or ends it.
 */
import type { IvrAction, IvrInput } from '../../domain/ivr/ivr-action.ts';
import type { IvrFlow } from '../../domain/ivr/ivr-flow.ts';
import { newIvrSession, type IvrSession } from '../../domain/ivr/ivr-session.ts';
import { step } from '../../domain/ivr/ivr-step.ts';
import { closeTrail, extendTrail, type IvrVisit } from '../../domain/ivr/ivr-trail.ts';
import type { MediaClock } from '../rtp/media-clock.ts';
import { Player } from '../rtp/player.ts';
import type { SipLeg } from '../switch/sip-leg.ts';
import { DigitBuffer } from './digit-buffer.ts';
import type { PromptStore } from './prompt-store.ts';

export interface IvrHost {
  now(): Date;
  isOpen(calendarId: string, now: Date): boolean;
  /** Calls a connector (e.g. 'billing.balance'); rejects on failure. */
  lookup(
    connector: string,
    input: Readonly<Record<string, string>>,
  ): Promise<Readonly<Record<string, string>>>;
  /** Node visits, for IVR statistics. */
  visit?(nodeId: string): void;
}

type Handoff<T extends IvrAction['type']> = Extract<IvrAction, { type: T }>;

export type IvrOutcome =
  | { readonly kind: 'queue'; readonly action: Handoff<'queue'>; readonly session: IvrSession }
  | {
      readonly kind: 'callback';
      readonly action: Handoff<'callback'>;
      readonly session: IvrSession;
    }
  | {
      readonly kind: 'transfer';
      readonly action: Handoff<'transfer'>;
      readonly session: IvrSession;
    }
  | { readonly kind: 'hangup'; readonly session: IvrSession }
  | { readonly kind: 'caller_hangup'; readonly session: IvrSession };

export class IvrRunner {
  readonly digits = new DigitBuffer();
  readonly player: Player;
  private hungUp = false;
  private session: IvrSession;
  private visits: IvrVisit[] = [];
  private runs = 0;

  constructor(
    private readonly leg: SipLeg,
    private readonly flow: IvrFlow,
    private readonly prompts: PromptStore,
    clock: MediaClock,
    private readonly host: IvrHost,
    variables: Readonly<Record<string, string>>,
  ) {
    this.player = new Player(leg.media.endpoint, clock);
    this.session = newIvrSession(flow, { variables });
    leg.on('dtmf', (d) => this.digits.push(d));
    leg.once('ended', () => {
      this.hungUp = true;
      this.player.stop();
      this.digits.cancel();
    });
  }

  get current(): IvrSession {
    return this.session;
  }

  /** The nodes the last `run()` went through and how it left each (for the IVR report). */
  get trail(): readonly IvrVisit[] {
    return this.visits;
  }

  /** How many times the flow has run on this call (2 after a caller left the queue …). */
  get segment(): number {
    return this.runs;
  }

  /** Runs the flow until it hands the call on or ends; `resume` re-enters after a queue exit. */
  async run(first: IvrInput = { type: 'start' }): Promise<IvrOutcome> {
    this.visits = [];
    this.runs++;
    const outcome = await this.steps(first);
    this.visits = closeTrail(this.visits, outcome.kind);
    return outcome;
  }

  private async steps(first: IvrInput): Promise<IvrOutcome> {
    let input: IvrInput = first;
    let lastWasKey = false;
    for (let guard = 0; guard < 10_000; guard++) {
      if (this.hungUp) return { kind: 'caller_hangup', session: this.session };
      const r = step(this.flow, this.session, input, {
        now: this.host.now(),
        isOpen: (c, n) => this.host.isOpen(c, n),
      });
      this.session = r.session;
      const entered = r.actions.flatMap((a) => (a.type === 'visit' ? [a.nodeId] : []));
      this.visits = extendTrail(this.flow, this.visits, input, entered);
      let next: IvrInput | null = null;
      for (const a of r.actions) {
        if (this.hungUp) return { kind: 'caller_hangup', session: this.session };
        switch (a.type) {
          case 'visit':
            this.host.visit?.(a.nodeId);
            break;
          case 'play':
            await this.play(a.prompts, a.bargeIn);
            break;
          case 'collect': {
            const typed = this.digits.drain();
            if (typed) {
              next = { type: 'digits', digits: typed };
              lastWasKey = true;
              break;
            }
            const key = await this.digits.next(
              1000 * (lastWasKey ? a.interDigitSeconds : a.timeoutSeconds),
            );
            lastWasKey = key !== null;
            next = key === null ? { type: 'timeout' } : { type: 'digits', digits: key };
            break;
          }
          case 'lookup':
            next = await this.host.lookup(a.connector, a.input).then(
              (values) => ({ type: 'lookup_result', ok: true, values }) as const,
              (e: unknown) => ({ type: 'lookup_result', ok: false, error: String(e) }) as const,
            );
            break;
          case 'queue':
            return { kind: 'queue', action: a, session: this.session };
          case 'callback':
            return { kind: 'callback', action: a, session: this.session };
          case 'transfer':
            return { kind: 'transfer', action: a, session: this.session };
          case 'hangup':
            return { kind: 'hangup', session: this.session };
          case 'error':
            break; // logged by the caller through the session; a hangup action follows
        }
        if (next) break;
      }
      if (!next) return { kind: 'hangup', session: this.session };
      if (next.type !== 'digits') lastWasKey = false;
      input = next;
    }
    return { kind: 'hangup', session: this.session };
  }

  /** Plays prompts; with barge-in a key stops the prompt (the key stays buffered). */
  async play(names: readonly string[], bargeIn: boolean): Promise<void> {
    const clips = await this.prompts.loadAll(names);
    if (this.hungUp) return;
    const off = bargeIn ? this.digits.onKey(() => void this.player.stop()) : () => {};
    try {
      await this.player.play(clips);
    } finally {
      off();
    }
  }
}
