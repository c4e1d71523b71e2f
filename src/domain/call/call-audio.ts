/**
 * Who hears whom on a call, derived from the call model alone, so the switch's media room and
 * the tests agree on it:
 *
 * - the customer hears the agents and consulted parties who are talking with them, and a barging
 *   supervisor; on hold (or while the agent consults) the customer hears music instead;
 * - the agent hears the customer unless the customer is on hold, the consulted party while
 *   consulting, everyone in a conference, and a whispering or barging supervisor;
 * - a supervisor hears every other established party; a listening one is heard by nobody, a
 *   whispering one by the agents only, a barging one by everyone.
 */
import { liveLegs, type Call, type CallLeg } from './call.ts';

export interface CallAudio {
  /** For each established leg, the legs whose audio it receives. */
  readonly hears: ReadonlyMap<string, readonly string[]>;
  /** Legs that hear music on hold instead of people. */
  readonly music: readonly string[];
}

const talking = (l: CallLeg) => l.state === 'established';

export function callAudio(call: Call): CallAudio {
  const hears = new Map<string, string[]>();
  const music: string[] = [];
  if (call.state === 'released') return { hears, music };
  const live = liveLegs(call);
  const customer = live.find((l) => l.role === 'customer');
  const agents = live.filter((l) => l.role === 'agent' && talking(l));
  const consults = live.filter((l) => l.role === 'consult' && talking(l));
  const supervisors = live.filter((l) => l.role === 'supervisor' && talking(l));
  const conferenced = call.state === 'conferenced';
  const customerOnHold =
    call.state === 'held' || call.state === 'consulting' || customer?.state === 'held';
  const add = (who: CallLeg, ...heard: (CallLeg | undefined)[]) => {
    const list = hears.get(who.id) ?? [];
    for (const h of heard) if (h && h.id !== who.id && !list.includes(h.id)) list.push(h.id);
    hears.set(who.id, list);
  };

  if (customer) {
    if (customerOnHold || (agents.length === 0 && consults.length === 0)) {
      if (customerOnHold || call.state === 'ringing' || call.state === 'queued')
        music.push(customer.id);
      hears.set(customer.id, []);
    } else {
      add(customer, ...agents, ...(conferenced ? consults : []));
    }
  }
  for (const a of agents) {
    hears.set(a.id, []);
    if (customer && !customerOnHold) add(a, customer);
    if (call.state === 'consulting' || conferenced) add(a, ...consults);
    if (conferenced) add(a, ...agents);
  }
  for (const c of consults) {
    hears.set(c.id, []);
    if (call.state === 'consulting') add(c, ...agents);
    if (conferenced) add(c, customer, ...agents, ...consults);
  }
  for (const s of supervisors) {
    hears.set(s.id, []);
    add(s, customer?.state === 'established' ? customer : undefined, ...agents, ...consults);
    if (s.monitor === 'listen') continue;
    for (const a of agents) add(a, s);
    if (s.monitor === 'barge') {
      if (customer && !customerOnHold) add(customer, s);
      for (const c of consults) add(c, s);
    }
  }
  // A customer on hold is held for everyone: nobody hears them but supervisors.
  return { hears, music };
}
