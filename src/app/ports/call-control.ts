/**
 * Control of live calls from the desktop (CTI): the switch implements it; without a switch every
 * command answers `call.not_active`. A call's id is its contact's id.
 *
 * Behaviour owed: resolve once the command took effect (for commands that ring someone: once
 * they are being rung); reject with DomainError `call.not_active` when there is no such call in
 * progress, `call.not_yours` when an agent commands a call they are not on, `call.illegal_command`
 * when the call's state does not allow it (nothing changes then), `call.no_phone` when the actor
 * has no registered phone to be rung on, `call.target_unavailable` when the target cannot be rung.
 */
import { DomainError } from '../../domain/errors.ts';
import type { Call, MonitorMode } from '../../domain/call/call.ts';
import type { Actor } from '../app-context.ts';

export type CallTarget =
  | { readonly agentId: string }
  | { readonly extension: string }
  | { readonly number: string }
  | { readonly queueId: string };

export interface MakeCall {
  readonly number: string;
  readonly caseId?: string | null | undefined;
  readonly campaignId?: string | null | undefined;
  /** The call-back (or preview) task the agent accepted: the call is its work. */
  readonly taskId?: string | null | undefined;
  /** A dialer record in preview mode: the call's outcome goes back to its campaign. */
  readonly recordId?: string | null | undefined;
}

export interface CallControl {
  /** Calls the actor may see: their own, or every call for supervisors and admins. */
  list(actor: Actor): Promise<Call[]>;
  /** Click-to-dial: rings the actor's phone, then calls the number through the trunk. */
  makeCall(actor: Actor, o: MakeCall): Promise<Call>;
  get(actor: Actor, callId: string): Promise<Call>;
  hold(actor: Actor, callId: string): Promise<Call>;
  retrieve(actor: Actor, callId: string): Promise<Call>;
  /** Hangs up the actor's own leg (the model decides what follows), or the whole call. */
  hangup(actor: Actor, callId: string): Promise<Call>;
  /** Blind transfer to an agent, an extension, an outside number, or back to a queue. */
  transfer(actor: Actor, callId: string, to: CallTarget): Promise<Call>;
  consult(actor: Actor, callId: string, to: CallTarget): Promise<Call>;
  /** Conference: ring another party into it, or drop one (by leg id). */
  addParty(actor: Actor, callId: string, to: CallTarget): Promise<Call>;
  removeParty(actor: Actor, callId: string, legId: string): Promise<Call>;
  completeTransfer(actor: Actor, callId: string): Promise<Call>;
  conference(actor: Actor, callId: string): Promise<Call>;
  cancelConsult(actor: Actor, callId: string): Promise<Call>;
  sendDtmf(actor: Actor, callId: string, digits: string): Promise<Call>;
  /** Supervisor: join silently, whisper to the agent, or barge in; again to change the mode. */
  monitor(actor: Actor, callId: string, mode: MonitorMode): Promise<Call>;
  /** Supervisor: move a waiting or ringing call to another queue or straight to an agent. */
  route(
    actor: Actor,
    callId: string,
    to: { queueId?: string | null; agentId?: string | null },
  ): Promise<Call>;
  /** Supervisor: end the whole call. */
  forceRelease(actor: Actor, callId: string): Promise<Call>;
  /** Stops recording (e.g. while a card number is read out); the file keeps silence there. */
  pauseRecording(actor: Actor, contactId: string): Promise<void>;
  resumeRecording(actor: Actor, contactId: string): Promise<void>;
}

const inactive = () =>
  new DomainError('call.not_active', 'no call is in progress (the switch is not running)');

/** Delegates to the switch once it runs; until then no call is active. */
export class CallControlHub implements CallControl {
  private impl: CallControl | null = null;

  attach(impl: CallControl | null): void {
    this.impl = impl;
  }

  private get t(): CallControl {
    if (!this.impl) throw inactive();
    return this.impl;
  }

  list(actor: Actor) {
    return this.impl ? this.impl.list(actor) : Promise.resolve([]);
  }
  get(actor: Actor, callId: string) {
    return this.t.get(actor, callId);
  }
  makeCall(actor: Actor, o: MakeCall) {
    return this.t.makeCall(actor, o);
  }
  hold(actor: Actor, callId: string) {
    return this.t.hold(actor, callId);
  }
  retrieve(actor: Actor, callId: string) {
    return this.t.retrieve(actor, callId);
  }
  hangup(actor: Actor, callId: string) {
    return this.t.hangup(actor, callId);
  }
  transfer(actor: Actor, callId: string, to: CallTarget) {
    return this.t.transfer(actor, callId, to);
  }
  consult(actor: Actor, callId: string, to: CallTarget) {
    return this.t.consult(actor, callId, to);
  }
  completeTransfer(actor: Actor, callId: string) {
    return this.t.completeTransfer(actor, callId);
  }
  addParty(actor: Actor, callId: string, to: CallTarget) {
    return this.t.addParty(actor, callId, to);
  }
  removeParty(actor: Actor, callId: string, legId: string) {
    return this.t.removeParty(actor, callId, legId);
  }
  conference(actor: Actor, callId: string) {
    return this.t.conference(actor, callId);
  }
  cancelConsult(actor: Actor, callId: string) {
    return this.t.cancelConsult(actor, callId);
  }
  sendDtmf(actor: Actor, callId: string, digits: string) {
    return this.t.sendDtmf(actor, callId, digits);
  }
  monitor(actor: Actor, callId: string, mode: MonitorMode) {
    return this.t.monitor(actor, callId, mode);
  }
  route(actor: Actor, callId: string, to: { queueId?: string | null; agentId?: string | null }) {
    return this.t.route(actor, callId, to);
  }
  forceRelease(actor: Actor, callId: string) {
    return this.t.forceRelease(actor, callId);
  }
  pauseRecording(actor: Actor, contactId: string) {
    return this.t.pauseRecording(actor, contactId);
  }
  resumeRecording(actor: Actor, contactId: string) {
    return this.t.resumeRecording(actor, contactId);
  }
}
