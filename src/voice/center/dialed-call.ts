/**
 * A call the dialer placed that the customer answered, as the voice center carries it: queued at
 * once for the campaign's agents, and abandoned — the required message played, then hung up — if
 * no agent is on the line within the connect deadline. The campaign hears of each outcome once:
 *
 *   waiting ──agent answered──▶ connected ──call ended──▶ ended
 *      └──deadline passed, or the customer hung up first──▶ abandoned
 */
import { DomainError } from '../../domain/errors.ts';
import type { IvrFlow } from '../../domain/ivr/ivr-flow.ts';
import type { IvrLanguage } from '../../domain/ivr/ivr-language.ts';

export type DialedState = 'waiting' | 'connected' | 'abandoned' | 'ended';

const moves: Readonly<Record<DialedState, readonly DialedState[]>> = {
  waiting: ['connected', 'abandoned'],
  connected: ['ended'],
  abandoned: [],
  ended: [],
};

/** What the campaign is told. */
export interface DialedCallHooks {
  /** An agent answered: the customer is through to them. */
  connected(agentId: string, contactId: string): void;
  /** No agent in time (the message was played), or the customer hung up before one answered. */
  abandoned(contactId: string): void;
  /** The connected call ended. */
  ended(contactId: string): void;
}

export interface AnsweredDial {
  /** The customer's number (E.164 digits). */
  readonly number: string;
  /** The number presented to them. */
  readonly callerId: string;
  readonly queueId: string;
  /** Router task attributes (campaign, record, name, free data): what the screen pop shows. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly caseId: string | null;
  readonly language: IvrLanguage;
  /** An agent must be on the line within this time of the answer, or the call is abandoned. */
  readonly connectWithinMs: number;
  readonly hooks: DialedCallHooks;
}

export class DialedCall {
  state: DialedState = 'waiting';
  timer: NodeJS.Timeout | null = null;

  constructor(readonly hooks: DialedCallHooks) {}

  /** Moves on; false when the move is not allowed now (the outcome was already settled). */
  settle(to: DialedState): boolean {
    if (!moves[this.state].includes(to)) return false;
    this.state = to;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return true;
  }

  /** Like settle, for moves that must be legal. */
  move(to: DialedState): void {
    if (!this.settle(to))
      throw new DomainError('call.illegal_command', `dialed call cannot go ${this.state} → ${to}`);
  }
}

/**
 * The IVR runner of a dialed call only plays (the abandon message, music on hold) and collects
 * keys; it never runs a flow, but needs one to exist.
 */
export const dialedCallFlow = (language: IvrLanguage): IvrFlow => ({
  id: 'dialer',
  name: 'dialer',
  version: 1,
  language,
  start: 'end',
  nodes: { end: { type: 'hangup' } },
});
