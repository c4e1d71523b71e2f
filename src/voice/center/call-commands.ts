/**
 * The CTI commands on connected calls (third-party call control): each checks who may give it,
 * applies the call model's step through the LiveCall (which carries out media and signalling),
 * and rings whoever the command brings in. The model rejects commands the call's state does not
 * allow before anything is dialled.
 */
import type { Actor } from '../../app/app-context.ts';
import type { CallTarget } from '../../app/ports/call-control.ts';
import {
  addLeg,
  assertCommand,
  cancelConsult,
  completeTransfer,
  conference,
  controllingLeg,
  hold,
  legAnswered,
  liveLegs,
  releaseCall,
  releaseLeg,
  removeParty,
  retrieve,
  setMonitor,
  type Call as CallModel,
  type CallCommand,
  type MonitorMode,
  type Party,
} from '../../domain/call/call.ts';
import { DomainError } from '../../domain/errors.ts';
import type { OutboundLeg } from '../switch/outbound-leg.ts';
import type { LegHandle, LiveCall } from './live-call.ts';

/** What the commands need from the call the center keeps. */
export interface CommandCall {
  readonly live: LiveCall | null;
  readonly contact: { readonly id: string };
  readonly callerNumber: string;
}

/** A leg the commands dial: a SIP call out, or a browser softphone rung over WebSocket. */
export type DialedLeg = LegHandle & {
  start(events: { answered?: () => void; failed?: (status: number, reason: string) => void }): void;
};

export interface CommandContext {
  calls(): Iterable<CommandCall>;
  /** Rings a user: their browser softphone, or the phone of their agent session's extension. */
  dialUser(userId: string, call: CommandCall): Promise<DialedLeg>;
  dialExtension(extension: string, call: CommandCall): Promise<OutboundLeg>;
  dialNumber(number: string, call: CommandCall): Promise<OutboundLeg>;
  /** Blind transfer back into the router (a queue, or an agent as a task). */
  requeue(call: CommandCall, by: Actor, to: { queueId?: string; agentId?: string }): Promise<void>;
  /** After a step that may have changed who controls the call. */
  changed(call: CommandCall): Promise<void>;
}

const isManager = (a: Actor) => a.role === 'supervisor' || a.role === 'admin';

const userLeg = (m: CallModel, userId: string) =>
  liveLegs(m).find((l) => l.party.kind === 'user' && l.party.userId === userId);

export class CallCommands {
  constructor(private readonly ctx: CommandContext) {}

  visible(actor: Actor): CallModel[] {
    const out: CallModel[] = [];
    for (const c of this.ctx.calls())
      if (c.live && !c.live.released && (isManager(actor) || userLeg(c.live.model, actor.id)))
        out.push(c.live.model);
    return out;
  }

  /** The call, if the actor may command it: the agent on it, or a supervisor/admin. */
  find(actor: Actor, callId: string): CommandCall & { live: LiveCall } {
    for (const c of this.ctx.calls())
      if (c.contact.id === callId && c.live && !c.live.released) {
        if (!isManager(actor) && !userLeg(c.live.model, actor.id))
          throw new DomainError('call.not_yours', 'you are not on this call', { callId });
        return c as CommandCall & { live: LiveCall };
      }
    throw new DomainError('call.not_active', 'no such call in progress', { callId });
  }

  private async step(
    actor: Actor,
    callId: string,
    f: (m: CallModel) => ReturnType<typeof hold>,
  ): Promise<CallModel> {
    const call = this.find(actor, callId);
    await call.live.run(f, actor.id);
    await this.ctx.changed(call);
    return call.live.model;
  }

  hold = (a: Actor, id: string) => this.step(a, id, hold);
  retrieve = (a: Actor, id: string) => this.step(a, id, retrieve);
  completeTransfer = (a: Actor, id: string) => this.step(a, id, completeTransfer);
  conference = (a: Actor, id: string) => this.step(a, id, conference);
  cancelConsult = (a: Actor, id: string) => this.step(a, id, cancelConsult);
  forceRelease = (a: Actor, id: string) =>
    this.step(a, id, (m) => releaseCall(m, 'released_by_supervisor'));

  async hangup(actor: Actor, callId: string): Promise<CallModel> {
    const call = this.find(actor, callId);
    const own = userLeg(call.live.model, actor.id);
    if (!own) return this.forceRelease(actor, callId);
    await call.live.run((m) => releaseLeg(m, own.id, 'hangup'), actor.id);
    await this.ctx.changed(call);
    return call.live.model;
  }

  async sendDtmf(actor: Actor, callId: string, digits: string): Promise<CallModel> {
    const call = this.find(actor, callId);
    assertCommand(call.live.model, 'send_dtmf');
    if (!/^[0-9*#A-D]{1,32}$/.test(digits))
      throw new DomainError('validation.failed', 'digits are 0-9, *, #, A-D (up to 32)');
    // To whoever the agent is talking with: the consulted party while consulting, else the customer.
    const m = call.live.model;
    const target =
      m.state === 'consulting'
        ? liveLegs(m, 'consult')[0]
        : m.legs.find((l) => l.role === 'customer');
    const sip = target && call.live.sipLeg(target.id);
    if (!sip) throw new DomainError('call.illegal_command', 'nobody to send digits to');
    for (const d of digits) await sip.media.endpoint.sendDtmf(d);
    return m;
  }

  transfer(actor: Actor, callId: string, to: CallTarget): Promise<CallModel> {
    if ('queueId' in to || 'agentId' in to) return this.viaRouter(actor, callId, to);
    return this.ring(actor, callId, 'blind_transfer', to);
  }

  /** Brings another party into a conference. */
  addParty(actor: Actor, callId: string, to: CallTarget): Promise<CallModel> {
    if ('queueId' in to)
      throw new DomainError('validation.failed', 'add an agent, an extension or a number');
    return this.ring(actor, callId, 'add_party', to);
  }

  removeParty = (a: Actor, id: string, legId: string) =>
    this.step(a, id, (m) => removeParty(m, legId));

  consult(actor: Actor, callId: string, to: CallTarget): Promise<CallModel> {
    if ('queueId' in to)
      throw new DomainError('validation.failed', 'consult an agent, an extension or a number');
    return this.ring(actor, callId, 'consult', to);
  }

  async monitor(actor: Actor, callId: string, mode: MonitorMode): Promise<CallModel> {
    const call = this.find(actor, callId);
    const mine = liveLegs(call.live.model, 'supervisor').find(
      (l) => l.party.kind === 'user' && l.party.userId === actor.id,
    );
    if (mine) {
      await call.live.run((m) => setMonitor(m, mine.id, mode), actor.id);
      return call.live.model;
    }
    return this.ring(actor, callId, 'monitor', { agentId: actor.id }, mode);
  }

  private async viaRouter(
    actor: Actor,
    callId: string,
    to: { queueId?: string; agentId?: string },
  ): Promise<CallModel> {
    const call = this.find(actor, callId);
    assertCommand(call.live.model, 'blind_transfer');
    await this.ctx.requeue(call, actor, to);
    return call.live.model;
  }

  /** Brings someone in: checks the command is allowed now, rings them, then adds their leg. */
  private async ring(
    actor: Actor,
    callId: string,
    command: Extract<CallCommand, 'consult' | 'blind_transfer' | 'monitor' | 'add_party'>,
    to: CallTarget,
    mode?: MonitorMode,
  ): Promise<CallModel> {
    const call = this.find(actor, callId);
    assertCommand(call.live.model, command);
    if (command !== 'monitor' && controllingLeg(call.live.model) === undefined)
      throw new DomainError('call.illegal_command', 'no agent is on this call');
    let party: Party;
    let leg: DialedLeg;
    if ('agentId' in to) {
      party = { kind: 'user', userId: to.agentId };
      leg = await this.ctx.dialUser(to.agentId, call);
    } else if ('extension' in to) {
      party = { kind: 'number', number: to.extension };
      leg = await this.ctx.dialExtension(to.extension, call);
    } else if ('number' in to) {
      party = { kind: 'number', number: to.number };
      leg = await this.ctx.dialNumber(to.number, call);
    } else throw new DomainError('validation.failed', 'no target');
    const legId = leg.callId;
    await call.live.run(
      (m) => addLeg(m, command, { id: legId, party, ...(mode ? { monitor: mode } : {}) }),
      actor.id,
    );
    call.live.attach(legId, leg);
    leg.start({
      answered: () =>
        void call.live
          .run((m) => legAnswered(m, legId))
          .then(() => this.ctx.changed(call))
          .catch(() => undefined),
      failed: () => undefined, // the leg's end releases it in the model (LiveCall.attach)
    });
    await this.ctx.changed(call);
    return call.live.model;
  }
}
