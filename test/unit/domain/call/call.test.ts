import { describe, expect, it } from 'vitest';
import { callAudio } from '../../../../src/domain/call/call-audio.ts';
import {
  addLeg,
  cancelConsult,
  commandStates,
  completeTransfer,
  conference,
  hold,
  legAnswered,
  newCall,
  releaseCall,
  releaseLeg,
  removeParty,
  requeue,
  retrieve,
  setMonitor,
  type Call,
  type CallStep,
} from '../../../../src/domain/call/call.ts';
import { DomainError } from '../../../../src/domain/errors.ts';

const agent = (userId: string) => ({ kind: 'user' as const, userId });

/** A call answered by agent A (leg "a"); the customer's leg is "c". */
function answered(): Call {
  let call = newCall({
    id: 'call-1',
    contactId: 'contact-1',
    customerLegId: 'c',
    customer: { kind: 'customer', number: '8613900139000', customerId: 'cu-1' },
  });
  call = addLeg(call, 'offer', { id: 'a', party: agent('A') }).call;
  return legAnswered(call, 'a').call;
}

const types = (s: CallStep) => s.events.map((e) => e.type);
const states = (c: Call) => Object.fromEntries(c.legs.map((l) => [l.id, `${l.role}:${l.state}`]));
const hears = (c: Call) => Object.fromEntries(callAudio(c).hears);
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return 'no error';
};

describe('call model', () => {
  it('offers, rings and establishes, with events in order', () => {
    let call = newCall({
      id: 'call-1',
      contactId: 'contact-1',
      customerLegId: 'c',
      customer: { kind: 'customer', number: '1', customerId: null },
    });
    expect(call.state).toBe('queued');
    expect(callAudio(call).music).toEqual(['c']);
    const offered = addLeg(call, 'offer', { id: 'a', party: agent('A') });
    expect(types(offered)).toEqual(['call.ringing']);
    expect(offered.call.state).toBe('ringing');
    const up = legAnswered(offered.call, 'a');
    expect(types(up)).toEqual(['call.established']);
    call = up.call;
    expect(call.state).toBe('established');
    expect(hears(call)).toEqual({ c: ['a'], a: ['c'] });
    expect(callAudio(call).music).toEqual([]);
    expect(up.events[0]!.payload).toMatchObject({
      callId: 'call-1',
      contactId: 'contact-1',
      legId: 'a',
    });
  });

  it('an unanswered offer puts the customer back in the queue', () => {
    let call = newCall({
      id: 'x',
      contactId: 'y',
      customerLegId: 'c',
      customer: { kind: 'customer', number: '1', customerId: null },
    });
    call = addLeg(call, 'offer', { id: 'a', party: agent('A') }).call;
    const s = releaseLeg(call, 'a', 'no_answer');
    expect(s.call.state).toBe('queued');
    expect(types(s)).toEqual(['call.leg_released']);
  });

  it('holds and retrieves: the customer hears music, nobody hears the customer', () => {
    const held = hold(answered());
    expect(types(held)).toEqual(['call.held']);
    expect(held.call.state).toBe('held');
    expect(callAudio(held.call).music).toEqual(['c']);
    expect(hears(held.call)).toEqual({ c: [], a: [] });
    const back = retrieve(held.call);
    expect(types(back)).toEqual(['call.retrieved']);
    expect(hears(back.call)).toEqual({ c: ['a'], a: ['c'] });
  });

  it('consults then completes the transfer: the consulted party becomes the agent', () => {
    const s1 = addLeg(answered(), 'consult', { id: 'b', party: agent('B') });
    expect(types(s1)).toEqual(['call.held', 'call.consulting', 'call.ringing']);
    expect(code(() => completeTransfer(s1.call))).toBe('call.illegal_command'); // B still ringing
    const s2 = legAnswered(s1.call, 'b');
    expect(hears(s2.call)).toEqual({ c: [], a: ['b'], b: ['a'] });
    expect(callAudio(s2.call).music).toEqual(['c']);
    const s3 = completeTransfer(s2.call);
    expect(types(s3)).toEqual(['call.transferred']);
    expect(s3.events[0]!.payload).toMatchObject({ mode: 'consult', fromLegId: 'a', toLegId: 'b' });
    expect(states(s3.call)).toEqual({
      c: 'customer:established',
      a: 'agent:released',
      b: 'agent:established',
    });
    expect(hears(s3.call)).toEqual({ c: ['b'], b: ['c'] });
  });

  it('consults then conferences: all three hear each other', () => {
    let call = addLeg(answered(), 'consult', {
      id: 'b',
      party: { kind: 'number', number: '13700001111' },
    }).call;
    call = legAnswered(call, 'b').call;
    const s = conference(call);
    expect(types(s)).toEqual(['call.conferenced']);
    expect(hears(s.call)).toEqual({ c: ['a', 'b'], a: ['c', 'b'], b: ['c', 'a'] });
    // The agent leaves: customer and the other party carry on only if the setting says so.
    expect(releaseLeg(s.call, 'a', 'hangup').call.state).toBe('released');
    const carry = releaseLeg({ ...s.call, continueWithoutAgent: true }, 'a', 'hangup');
    expect(carry.call.state).toBe('established');
    expect(hears(carry.call)).toEqual({ c: ['b'], b: ['c'] });
    // The consulted party leaves: back to a two-party call.
    const two = releaseLeg(s.call, 'b', 'hangup');
    expect(two.call.state).toBe('established');
    expect(hears(two.call)).toEqual({ c: ['a'], a: ['c'] });
  });

  it('adds and removes conference parties', () => {
    let call = addLeg(answered(), 'consult', { id: 'b', party: agent('B') }).call;
    call = conference(legAnswered(call, 'b').call).call;
    const added = addLeg(call, 'add_party', {
      id: 'd',
      party: { kind: 'number', number: '10010' },
    });
    expect(added.call.state).toBe('conferenced');
    const joined = legAnswered(added.call, 'd');
    expect(types(joined)).toEqual(['call.conferenced']);
    expect(hears(joined.call)['c']).toEqual(['a', 'b', 'd']);
    const removed = removeParty(joined.call, 'b');
    expect(removed.call.state).toBe('conferenced');
    expect(hears(removed.call)['c']).toEqual(['a', 'd']);
    expect(code(() => removeParty(removed.call, 'c'))).toBe('call.illegal_command');
    expect(code(() => removeParty(answered(), 'a'))).toBe('call.illegal_command');
  });

  it('cancels a consultation and returns to the customer', () => {
    const call = addLeg(answered(), 'consult', { id: 'b', party: agent('B') }).call;
    const s = cancelConsult(call);
    expect(types(s)).toEqual(['call.consult_canceled', 'call.retrieved']);
    expect(states(s.call)).toEqual({
      c: 'customer:established',
      a: 'agent:established',
      b: 'consult:released',
    });
  });

  it('the consulted party hanging up leaves the customer on hold; the agent hanging up with the consulted party connected completes the transfer', () => {
    let call = addLeg(answered(), 'consult', { id: 'b', party: agent('B') }).call;
    call = legAnswered(call, 'b').call;
    expect(releaseLeg(call, 'b', 'hangup').call.state).toBe('held');
    const t = releaseLeg(call, 'a', 'hangup');
    expect(types(t)).toEqual(['call.leg_released', 'call.transferred']);
    expect(t.call.state).toBe('established');
  });

  it('blind transfer: the agent leaves at once, the customer waits for the target', () => {
    const s = addLeg(answered(), 'blind_transfer', { id: 'b', party: agent('B') });
    expect(types(s)).toEqual(['call.transferred', 'call.ringing']);
    expect(s.call.state).toBe('ringing');
    expect(callAudio(s.call).music).toEqual(['c']);
    const up = legAnswered(s.call, 'b');
    expect(up.call.state).toBe('established');
    expect(hears(up.call)).toEqual({ c: ['b'], b: ['c'] });
    const q = requeue(answered());
    expect(q.call.state).toBe('queued');
    expect(q.events[0]!.payload).toMatchObject({ mode: 'router', queueId: null });
  });

  it('supervisors listen, whisper and barge', () => {
    let call = addLeg(answered(), 'monitor', {
      id: 's',
      party: agent('S'),
      monitor: 'listen',
    }).call;
    call = legAnswered(call, 's').call;
    expect(call.state).toBe('established');
    expect(hears(call)).toEqual({ c: ['a'], a: ['c'], s: ['c', 'a'] });
    call = setMonitor(call, 's', 'whisper').call;
    expect(hears(call)).toEqual({ c: ['a'], a: ['c', 's'], s: ['c', 'a'] });
    call = setMonitor(call, 's', 'barge').call;
    expect(hears(call)).toEqual({ c: ['a', 's'], a: ['c', 's'], s: ['c', 'a'] });
    // The supervisor leaving changes nothing else.
    const gone = releaseLeg(call, 's', 'hangup');
    expect(gone.call.state).toBe('established');
    expect(hears(gone.call)).toEqual({ c: ['a'], a: ['c'] });
    expect(code(() => setMonitor(call, 'a', 'barge'))).toBe('call.illegal_command');
  });

  it('force release ends every leg', () => {
    const s = releaseCall(answered(), 'supervisor_release');
    expect(s.call.state).toBe('released');
    expect(s.call.legs.every((l) => l.state === 'released')).toBe(true);
    expect(types(s)).toEqual(['call.leg_released', 'call.released']);
    expect(s.events[1]!.payload).toMatchObject({ reason: 'supervisor_release' });
  });

  it('rejects commands in states where they make no sense, changing nothing', () => {
    const released = releaseCall(answered(), 'x').call;
    const before = JSON.stringify(released);
    expect(code(() => hold(released))).toBe('call.illegal_command');
    expect(code(() => retrieve(answered()))).toBe('call.illegal_command');
    expect(code(() => conference(answered()))).toBe('call.illegal_command');
    expect(code(() => addLeg(released, 'consult', { id: 'b', party: agent('B') }))).toBe(
      'call.illegal_command',
    );
    expect(code(() => legAnswered(answered(), 'a'))).toBe('call.illegal_command');
    expect(JSON.stringify(released)).toBe(before);
    // The table covers every command, and no command applies to a released call.
    for (const states of Object.values(commandStates)) expect(states).not.toContain('released');
  });
});
