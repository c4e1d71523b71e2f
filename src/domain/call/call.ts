/**
 * A call as the agent desktop controls it (third-party call control): the customer's leg plus
 * the legs the center adds (the agent, a consulted party, supervisors). Pure: each command returns
 * the new call and the events it caused; the switch carries out the media and signalling.
 *
 * ```
 *            offer                answer              hold
 *  queued ─────────▶ ringing ──────────▶ established ◀──────▶ held
 *    ▲                  ▲                  │ ▲   │  retrieve    │
 *    │ blind transfer   │ blind transfer   │ │   │ consult      │ consult
 *    │ (to a queue)     │ (agent/number)   │ │   ▼              ▼
 *    └──────────────────┴──────────────────┤ │  consulting ◀────┘
 *                                          │ │ cancel │ │ complete (transfer): consulted
 *                                          │ └────────┘ │ party becomes the call's agent
 *                                          │            ▼ conference
 *                                          │        conferenced ── parties leave ──▶ established
 *                                          ▼
 *   any state ── customer hangs up / last agent leaves / force release ──▶ released
 * ```
 *
 * Supervisors' legs (listen, whisper, barge) come and go in any live state without changing it.
 * Illegal commands throw DomainError('call.illegal_command') and change nothing.
 */
import { DomainError } from '../errors.ts';

export const callStates = [
  'queued',
  'ringing',
  'established',
  'held',
  'consulting',
  'conferenced',
  'released',
] as const;
export type CallState = (typeof callStates)[number];

export type LegRole = 'customer' | 'agent' | 'consult' | 'supervisor';
export type LegState = 'ringing' | 'established' | 'held' | 'released';
export type MonitorMode = 'listen' | 'whisper' | 'barge';

/** Who is on a leg: a user of the center (agent, supervisor), or a phone number. */
export type Party =
  | { readonly kind: 'customer'; readonly number: string; readonly customerId: string | null }
  | { readonly kind: 'user'; readonly userId: string }
  | { readonly kind: 'number'; readonly number: string };

export interface CallLeg {
  readonly id: string;
  readonly role: LegRole;
  readonly party: Party;
  readonly state: LegState;
  readonly monitor: MonitorMode | null;
}

export interface Call {
  readonly id: string;
  readonly contactId: string;
  readonly state: CallState;
  readonly legs: readonly CallLeg[];
  /** When the last agent leaves a conference, the others carry on (true) or the call ends. */
  readonly continueWithoutAgent: boolean;
}

export type CallCommand =
  | 'offer'
  | 'answer'
  | 'hold'
  | 'retrieve'
  | 'consult'
  | 'complete_transfer'
  | 'conference'
  | 'cancel_consult'
  | 'blind_transfer'
  | 'add_party'
  | 'remove_party'
  | 'monitor'
  | 'release'
  | 'send_dtmf';

/** In which call states each command makes sense (the desktop greys out the rest). */
export const commandStates: Readonly<Record<CallCommand, readonly CallState[]>> = {
  offer: ['queued'],
  answer: ['ringing'],
  hold: ['established'],
  retrieve: ['held'],
  consult: ['established', 'held'],
  complete_transfer: ['consulting'],
  conference: ['consulting'],
  cancel_consult: ['consulting'],
  blind_transfer: ['established', 'held'],
  add_party: ['conferenced'],
  remove_party: ['conferenced'],
  monitor: ['ringing', 'established', 'held', 'consulting', 'conferenced'],
  release: ['queued', 'ringing', 'established', 'held', 'consulting', 'conferenced'],
  send_dtmf: ['established', 'consulting', 'conferenced'],
};

export interface CallEvent {
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

export interface CallStep {
  readonly call: Call;
  readonly events: readonly CallEvent[];
}

export function assertCommand(call: Call, command: CallCommand): void {
  if (!commandStates[command].includes(call.state))
    throw new DomainError(
      'call.illegal_command',
      `cannot ${command.replace('_', ' ')} a call that is ${call.state}`,
      { callId: call.id, state: call.state, command },
    );
}

export const liveLegs = (call: Call, role?: LegRole) =>
  call.legs.filter((l) => l.state !== 'released' && (!role || l.role === role));

export const legOf = (call: Call, legId: string): CallLeg => {
  const leg = call.legs.find((l) => l.id === legId);
  if (!leg) throw new DomainError('not_found', 'no such leg on this call', { legId });
  return leg;
};

/** The agent in charge of the call (the one who answered, or took it by transfer). */
export const controllingLeg = (call: Call): CallLeg | undefined => liveLegs(call, 'agent')[0];

const parties = (call: Call) =>
  call.legs.map((l) => ({ legId: l.id, role: l.role, state: l.state, party: l.party }));

const event = (call: Call, type: string, extra: Record<string, unknown> = {}): CallEvent => ({
  type,
  payload: { callId: call.id, contactId: call.contactId, ...extra, legs: parties(call) },
});

const withLeg = (call: Call, legId: string, patch: Partial<CallLeg>): Call => ({
  ...call,
  legs: call.legs.map((l) => (l.id === legId ? { ...l, ...patch } : l)),
});

const setState = (call: Call, state: CallState): Call => ({ ...call, state });

const customerLeg = (call: Call) => call.legs.find((l) => l.role === 'customer')!;

/** A new call: the customer, answered by the switch, waiting for an agent. */
export function newCall(o: {
  id: string;
  contactId: string;
  customerLegId: string;
  customer: Party;
  continueWithoutAgent?: boolean;
}): Call {
  return {
    id: o.id,
    contactId: o.contactId,
    state: 'queued',
    continueWithoutAgent: o.continueWithoutAgent ?? false,
    legs: [
      {
        id: o.customerLegId,
        role: 'customer',
        party: o.customer,
        state: 'established',
        monitor: null,
      },
    ],
  };
}

/** A leg is being rung for the call (agent offer, consult target, transfer target, supervisor). */
export function addLeg(
  call: Call,
  command: 'offer' | 'consult' | 'blind_transfer' | 'add_party' | 'monitor',
  leg: { id: string; party: Party; monitor?: MonitorMode },
): CallStep {
  assertCommand(call, command);
  const role: LegRole =
    command === 'monitor'
      ? 'supervisor'
      : command === 'consult' || command === 'add_party'
        ? 'consult'
        : 'agent';
  if (command === 'monitor' && !leg.monitor)
    throw new DomainError('validation.failed', 'a monitoring leg needs a mode');
  let next: Call = {
    ...call,
    legs: [
      ...call.legs,
      { id: leg.id, role, party: leg.party, state: 'ringing', monitor: leg.monitor ?? null },
    ],
  };
  const events: CallEvent[] = [];
  if (command === 'offer') next = setState(next, 'ringing');
  if (command === 'blind_transfer') {
    // The transferring agent leaves at once; the customer waits (music) for the target.
    const from = controllingLeg(call);
    if (from) next = withLeg(next, from.id, { state: 'released' });
    next = withLeg(setState(next, 'ringing'), customerLeg(next).id, { state: 'held' });
    events.push(
      event(next, 'call.transferred', {
        mode: 'blind',
        fromLegId: from?.id ?? null,
        toLegId: leg.id,
      }),
    );
  }
  if (command === 'consult') {
    next = withLeg(setState(next, 'consulting'), customerLeg(next).id, { state: 'held' });
    if (call.state !== 'held')
      events.push(event(next, 'call.held', { legId: customerLeg(next).id }));
    events.push(event(next, 'call.consulting', { legId: leg.id }));
  }
  events.push(event(next, 'call.ringing', { legId: leg.id, role, monitor: leg.monitor ?? null }));
  return { call: next, events };
}

/** A rung leg answered. */
export function legAnswered(call: Call, legId: string): CallStep {
  const leg = legOf(call, legId);
  if (leg.state !== 'ringing')
    throw new DomainError('call.illegal_command', 'that leg is not ringing', {
      legId,
      state: leg.state,
    });
  let next = withLeg(call, legId, { state: 'established' });
  if (leg.role === 'agent' && call.state === 'ringing') {
    next = withLeg(setState(next, 'established'), customerLeg(next).id, { state: 'established' });
  }
  if (leg.role === 'consult' && call.state === 'conferenced') {
    return { call: next, events: [event(next, 'call.conferenced', { legId })] };
  }
  return { call: next, events: [event(next, 'call.established', { legId, role: leg.role })] };
}

export function hold(call: Call): CallStep {
  assertCommand(call, 'hold');
  const c = customerLeg(call);
  const next = setState(withLeg(call, c.id, { state: 'held' }), 'held');
  return { call: next, events: [event(next, 'call.held', { legId: c.id })] };
}

export function retrieve(call: Call): CallStep {
  assertCommand(call, 'retrieve');
  const c = customerLeg(call);
  const next = setState(withLeg(call, c.id, { state: 'established' }), 'established');
  return { call: next, events: [event(next, 'call.retrieved', { legId: c.id })] };
}

const consultLeg = (call: Call) => liveLegs(call, 'consult')[0];

function requireAnsweredConsult(call: Call): CallLeg {
  const leg = consultLeg(call);
  if (!leg || leg.state !== 'established')
    throw new DomainError('call.illegal_command', 'the consulted party has not answered yet', {
      callId: call.id,
    });
  return leg;
}

/** The consulted party takes over; the consulting agent leaves (attended transfer). */
export function completeTransfer(call: Call): CallStep {
  assertCommand(call, 'complete_transfer');
  const target = requireAnsweredConsult(call);
  const from = controllingLeg(call);
  let next = from ? withLeg(call, from.id, { state: 'released' }) : call;
  next = withLeg(next, target.id, { role: 'agent' });
  next = setState(withLeg(next, customerLeg(next).id, { state: 'established' }), 'established');
  return {
    call: next,
    events: [
      event(next, 'call.transferred', {
        mode: 'consult',
        fromLegId: from?.id ?? null,
        toLegId: target.id,
      }),
    ],
  };
}

/** Customer, agent and consulted party all talk together. */
export function conference(call: Call): CallStep {
  assertCommand(call, 'conference');
  requireAnsweredConsult(call);
  const next = setState(
    withLeg(call, customerLeg(call).id, { state: 'established' }),
    'conferenced',
  );
  return { call: next, events: [event(next, 'call.conferenced', {})] };
}

/** Drops the consulted party and goes back to the customer. */
export function cancelConsult(call: Call): CallStep {
  assertCommand(call, 'cancel_consult');
  const target = consultLeg(call);
  let next = target ? withLeg(call, target.id, { state: 'released' }) : call;
  next = setState(withLeg(next, customerLeg(next).id, { state: 'established' }), 'established');
  return {
    call: next,
    events: [
      event(next, 'call.consult_canceled', { legId: target?.id ?? null }),
      event(next, 'call.retrieved', { legId: customerLeg(next).id }),
    ],
  };
}

/** Changes what a supervisor's leg does (listen ⇄ whisper ⇄ barge). */
export function setMonitor(call: Call, legId: string, mode: MonitorMode): CallStep {
  assertCommand(call, 'monitor');
  const leg = legOf(call, legId);
  if (leg.role !== 'supervisor' || leg.state === 'released')
    throw new DomainError('call.illegal_command', 'that leg is not a monitoring supervisor', {
      legId,
    });
  const next = withLeg(call, legId, { monitor: mode });
  return { call: next, events: [event(next, 'call.monitor_changed', { legId, monitor: mode })] };
}

/**
 * A leg hung up or was dropped. What happens to the call depends on who left:
 * the customer ends it; the last agent ends it (unless others carry on in a conference); the
 * consulting agent leaving with the consulted party connected completes the transfer; a
 * consulted party leaving puts the agent back with the customer on hold.
 */
export function releaseLeg(call: Call, legId: string, reason: string): CallStep {
  if (call.state === 'released') return { call, events: [] };
  const leg = legOf(call, legId);
  if (leg.state === 'released') return { call, events: [] };
  let next = withLeg(call, legId, { state: 'released' });
  const events: CallEvent[] = [event(next, 'call.leg_released', { legId, role: leg.role, reason })];
  const end = (why: string): CallStep => {
    const done: Call = {
      ...next,
      state: 'released',
      legs: next.legs.map((l) => ({ ...l, state: 'released' as const })),
    };
    return {
      call: done,
      events: [...events, event(done, 'call.released', { reason: why, byLegId: legId })],
    };
  };
  if (leg.role === 'customer') return end(reason);
  if (leg.role === 'supervisor') return { call: next, events };
  const agents = liveLegs(next, 'agent');
  const consults = liveLegs(next, 'consult');
  if (call.state === 'consulting') {
    if (leg.role === 'consult') {
      next = setState(next, 'held');
      return { call: next, events: [...events, event(next, 'call.consult_canceled', { legId })] };
    }
    const target = consults[0];
    if (target?.state === 'established') {
      next = withLeg(next, target.id, { role: 'agent' });
      next = setState(withLeg(next, customerLeg(next).id, { state: 'established' }), 'established');
      return {
        call: next,
        events: [
          ...events,
          event(next, 'call.transferred', {
            mode: 'consult',
            fromLegId: legId,
            toLegId: target.id,
          }),
        ],
      };
    }
    return end('agent_left');
  }
  if (call.state === 'conferenced') {
    const others = [...agents, ...consults].filter((l) => l.state === 'established');
    if (others.length >= 2) return { call: next, events };
    if (others.length === 1) {
      if (agents.length === 0 && !call.continueWithoutAgent) return end('agent_left');
      // The one left becomes the party the customer talks with.
      const only = others[0]!;
      next = setState(withLeg(next, only.id, { role: 'agent' }), 'established');
      return {
        call: next,
        events: [...events, event(next, 'call.established', { legId: only.id, role: 'agent' })],
      };
    }
    return end('agent_left');
  }
  if (call.state === 'ringing' && leg.role === 'agent') {
    // The offered agent did not answer: the customer waits again.
    next = setState(withLeg(next, customerLeg(next).id, { state: 'established' }), 'queued');
    return { call: next, events };
  }
  if (agents.length === 0) return end('agent_left');
  return { call: next, events };
}

/** Drops one party from a conference (the customer is not a party to drop: end the call). */
export function removeParty(call: Call, legId: string): CallStep {
  assertCommand(call, 'remove_party');
  const leg = legOf(call, legId);
  if (leg.role === 'customer' || leg.state === 'released')
    throw new DomainError('call.illegal_command', 'that leg cannot be removed', { legId });
  return releaseLeg(call, legId, 'removed');
}

/** Force release by a supervisor, or the switch shutting down. */
export function releaseCall(call: Call, reason: string): CallStep {
  assertCommand(call, 'release');
  return releaseLeg(call, customerLeg(call).id, reason);
}

/** Back to waiting for an agent (blind transfer to a queue). */
export function requeue(call: Call, to: { queueId?: string; agentId?: string } = {}): CallStep {
  assertCommand(call, 'blind_transfer');
  const from = controllingLeg(call);
  let next = from ? withLeg(call, from.id, { state: 'released' }) : call;
  next = setState(withLeg(next, customerLeg(next).id, { state: 'established' }), 'queued');
  return {
    call: next,
    events: [
      event(next, 'call.transferred', {
        mode: 'router',
        fromLegId: from?.id ?? null,
        queueId: to.queueId ?? null,
        agentId: to.agentId ?? null,
      }),
    ],
  };
}
