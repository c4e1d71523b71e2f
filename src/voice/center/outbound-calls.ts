/**
 * Click-to-dial: the agent's phone rings first (so they hear the call being made on their own
 * handset), then the customer is called through the outbound trunk with its caller ID, and the
 * two are joined in a LiveCall — the same call model, media room, recording and CTI commands as
 * inbound calls. The router gets a task assigned to the agent, so they count as busy during the
 * call and wrap up after it; the contact (outbound, linked to the customer and case) records it.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { systemActor, type Actor } from '../../app/app-context.ts';
import type { CustomerService } from '../../app/customers/customer-service.ts';
import type { MakeCall } from '../../app/ports/call-control.ts';
import type { Clock } from '../../app/ports/clock.ts';
import type { RecordingStore } from '../../app/ports/recording-store.ts';
import type { Store } from '../../app/ports/store.ts';
import type { RouterService } from '../../app/routing/router-service.ts';
import {
  addLeg,
  legAnswered,
  newCall,
  releaseLeg,
  type Call as CallModel,
  type CallEvent,
} from '../../domain/call/call.ts';
import type { Contact } from '../../domain/contact/contact.ts';
import type { Task } from '../../domain/routing/task.ts';
import { DomainError } from '../../domain/errors.ts';
import { Player } from '../rtp/player.ts';
import { Recorder } from '../rtp/recorder.ts';
import { recordingFinished, recordingStarted } from './recording-log.ts';
import { parseUri } from '../sip/message/index.ts';
import type { OutboundLeg } from '../switch/outbound-leg.ts';
import type { VoiceSwitch } from '../switch/voice-switch.ts';
import type { CommandCall } from './call-commands.ts';
import { LiveCall } from './live-call.ts';
import { resultOfStatus } from './campaign-lines.ts';
import type { DialResult } from '../../domain/dialer/campaign-record.ts';

export interface OutboundDeps {
  readonly sw: VoiceSwitch;
  readonly router: RouterService;
  readonly customers: CustomerService;
  readonly recordings: RecordingStore;
  readonly store: Store;
  readonly clock: Clock;
  readonly music: () => Promise<Int16Array[]>;
  readonly emit: (
    call: OutboundCall,
    events: readonly CallEvent[],
    by: string | null,
  ) => Promise<void>;
  readonly log: (level: 'info' | 'warn', msg: string, extra?: Record<string, unknown>) => void;
  /** Where a preview record's call reports (the dialer's lines), once the dialer runs. */
  readonly campaign: () => PreviewOutcomes | null;
}

/** A dialer record called by its agent (preview mode): its outcome goes back to the campaign. */
export interface PreviewOutcomes {
  previewResult(recordId: string, result: DialResult, agentId: string | null): void;
  previewFinished(recordId: string): void;
}

export interface OutboundCall extends CommandCall {
  live: LiveCall | null;
  contact: Contact;
  readonly agentId: string;
  taskId: string | null;
  recorder: Recorder | null;
  recordingId: string | null;
  /** The caller ID of a dialer campaign's call; null: the trunk's rule. */
  readonly presentAs: string | null;
  /** The dialer record this call works (preview mode), and whether the customer answered. */
  readonly recordId: string | null;
  answered: boolean;
}

const system = systemActor;

export class OutboundCalls {
  readonly calls = new Map<string, OutboundCall>();

  constructor(private readonly d: OutboundDeps) {}

  async dial(actor: Actor, o: MakeCall): Promise<CallModel> {
    const ext = this.d.router.agentSession(actor.id)?.extension;
    if (!ext) throw new DomainError('call.no_phone', 'log in with a phone to make calls');
    const phone = await this.d.sw.phoneOf(ext);
    if (!phone) throw new DomainError('call.no_phone', `your phone (${ext}) is not registered`);
    const trunk = this.d.sw.outboundTrunk();
    if (!trunk)
      throw new DomainError('call.target_unavailable', 'no trunk for outside calls is configured');
    const task = o.taskId ? this.callbackTask(actor, o.taskId) : await this.voiceTask(actor, o);
    // A dialer preview record is called with its campaign's number.
    const presentAs =
      typeof task.attributes['callerId'] === 'string' ? task.attributes['callerId'] : null;
    const contact = await this.d.customers.createContact(actor, {
      channel: 'voice',
      direction: 'outbound',
      from: presentAs ?? (trunk.callerId && trunk.callerId !== 'original' ? trunk.callerId : ext),
      to: o.number,
      caseId: o.caseId ?? null,
      agentId: actor.id,
      taskId: task.id,
      offeredAt: this.d.clock.now(),
      ivrData: o.campaignId
        ? { campaignId: o.campaignId, ...(o.recordId ? { recordId: o.recordId } : {}) }
        : {},
    });
    const call: OutboundCall = {
      live: null,
      contact,
      callerNumber: contact.from,
      agentId: actor.id,
      taskId: task.id,
      recorder: null,
      recordingId: null,
      presentAs,
      recordId: o.recordId ?? null,
      answered: false,
    };
    this.calls.set(contact.id, call);
    // The agent's phone first; it shows the number being called.
    const agentLeg = await this.d.sw.dial({
      target: parseUri(phone.target),
      dest: phone.dest,
      fromUser: o.number,
      fromDisplay: `→ ${o.number}`,
      headers: [['Call-Info', '<sip:kefu>;answer-after=0']],
    });
    agentLeg.start({
      answered: () =>
        void this.callCustomer(call, agentLeg, trunk, o.number).catch((e: unknown) => {
          this.d.log('warn', 'click-to-dial failed', { error: String(e) });
          agentLeg.hangup();
        }),
      failed: () => void this.finish(call, 'agent_no_answer'),
    });
    agentLeg.once('ended', () => {
      if (!call.live) void this.finish(call, 'agent_hung_up');
    });
    return newCall({
      id: contact.id,
      contactId: contact.id,
      customerLegId: 'customer',
      customer: { kind: 'customer', number: o.number, customerId: contact.customerId },
    });
  }

  /** A task of its own for the call, so the agent counts as busy and wraps up after it. */
  private async voiceTask(actor: Actor, o: MakeCall): Promise<Task> {
    const task = await this.d.router.submit(system, {
      channel: 'voice',
      attributes: {
        direction: 'outbound',
        number: o.number,
        caseId: o.caseId ?? null,
        campaignId: o.campaignId ?? null,
      },
      agentId: actor.id,
    });
    if (task.state !== 'reserved' || !task.reservationId) {
      await this.d.router.cancel(system, task.id, 'agent_not_free').catch(() => undefined);
      throw new DomainError('agent.busy', 'you are not free to make a call (state or capacity)');
    }
    return this.d.router.accept(actor, task.reservationId);
  }

  /**
   * The call-back (or dialer preview) task the agent accepted is the call's task: the call is
   * that work, and its wrap-up ends it (a second, voice task would not fit beside it).
   */
  private callbackTask(actor: Actor, taskId: string): Task {
    const t = this.d.router.openTasks().find((x) => x.id === taskId);
    if (!t || t.channel !== 'callback' || t.agentId !== actor.id || t.state !== 'assigned')
      throw new DomainError(
        'call.illegal_command',
        'that is not a call-back task of yours in progress',
        {
          taskId,
        },
      );
    if ([...this.calls.values()].some((c) => c.taskId === taskId))
      throw new DomainError('agent.busy', 'this call-back is being called already', { taskId });
    return t;
  }

  private async callCustomer(
    call: OutboundCall,
    agentLeg: OutboundLeg,
    trunk: NonNullable<ReturnType<VoiceSwitch['outboundTrunk']>>,
    number: string,
  ): Promise<void> {
    const leg = await this.d.sw.dialTrunk(
      trunk,
      number,
      call.callerNumber,
      call.presentAs ?? undefined,
    );
    const recordingId = `${this.d.clock.now().toISOString().slice(0, 10)}/${call.contact.id}.wav`;
    const file = this.d.recordings.pathFor(recordingId);
    await mkdir(dirname(file), { recursive: true });
    call.recorder = new Recorder(file, this.d.sw.clock);
    call.recordingId = recordingId;
    await recordingStarted(this.catalogue(), {
      contactId: call.contact.id,
      recordingId,
      startedAt: this.d.clock.now(),
    });
    const model = newCall({
      id: call.contact.id,
      contactId: call.contact.id,
      customerLegId: 'customer',
      customer: { kind: 'customer', number, customerId: call.contact.customerId },
    });
    const agentLegId = agentLeg.callId;
    const live: LiveCall = new LiveCall(
      // The agent is on the line first; the customer's leg joins when they answer.
      addLeg(model, 'offer', { id: agentLegId, party: { kind: 'user', userId: call.agentId } })
        .call,
      leg,
      {
        clock: this.d.sw.clock,
        recorder: call.recorder,
        customerPlayer: new Player(leg.media.endpoint, this.d.sw.clock),
        music: this.d.music,
        emit: (events, by) => this.d.emit(call, events, by),
        legEnded: (legId, reason) => {
          void live
            .run((m) => releaseLeg(m, legId, reason))
            .then(() => (live.released ? this.finish(call, reason) : undefined))
            .catch(() => undefined);
        },
      },
    );
    live.attach(agentLegId, agentLeg);
    call.live = live;
    leg.start({
      answered: () =>
        void (async () => {
          await live.run((m) => legAnswered(m, agentLegId), call.agentId);
          await this.saveContact(call, { answeredAt: this.d.clock.now(), recordingId });
          call.answered = true;
          if (call.recordId)
            this.d.campaign()?.previewResult(call.recordId, 'connected', call.agentId);
        })().catch((e: unknown) =>
          this.d.log('warn', 'outbound answer failed', { error: String(e) }),
        ),
      failed: (status) => {
        this.d.log('info', 'outbound call not answered', { status, number });
        if (call.recordId)
          this.d.campaign()?.previewResult(call.recordId, resultOfStatus(status), call.agentId);
      },
    });
  }

  private async finish(call: OutboundCall, reason: string): Promise<void> {
    if (!this.calls.delete(call.contact.id)) return;
    call.live?.room.close();
    await call.recorder?.close();
    if (call.recorder && call.recordingId)
      await recordingFinished(this.catalogue(), {
        contactId: call.contact.id,
        recordingId: call.recordingId,
        recorder: call.recorder,
        endedAt: this.d.clock.now(),
      });
    await this.saveContact(call, { endedAt: this.d.clock.now() });
    if (call.recordId && call.answered) this.d.campaign()?.previewFinished(call.recordId);
    if (call.taskId)
      await this.d.router
        .wrap(system, call.taskId, null)
        .catch((e: unknown) => this.d.log('warn', 'wrap failed', { error: String(e), reason }));
  }

  private catalogue() {
    return { store: this.d.store, files: this.d.recordings, log: this.d.log };
  }

  private async saveContact(
    call: OutboundCall,
    patch: Parameters<CustomerService['updateContact']>[2],
  ): Promise<void> {
    try {
      call.contact = await this.d.customers.updateContact(system, call.contact.id, patch);
    } catch (e) {
      this.d.log('warn', 'contact update failed', { error: String(e) });
    }
  }
}
