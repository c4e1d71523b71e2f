/**
 * Calls as the contact center sees them: a call from a trunk becomes a contact, runs the IVR,
 * waits in a queue as a router task (music, position, call-back offer), rings the agent the
 * router picks on their registered phone, and is bridged and recorded when they answer. Either
 * side hanging up ends the call and starts the agent's wrap-up. Every step is reflected in the
 * contact record and the event log (screen pop included).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { systemActor, agentActor, type Actor } from '../../app/app-context.ts';
import type { CustomerService } from '../../app/customers/customer-service.ts';
import type { CaseCallbacks } from '../../app/cases/case-service.ts';
import type { Clock } from '../../app/ports/clock.ts';
import type { Connectors } from '../../app/ports/connectors.ts';
import { connectorLookup } from './connector-lookup.ts';
import type { RecordingStore } from '../../app/ports/recording-store.ts';
import type { CallControl } from '../../app/ports/call-control.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Store } from '../../app/ports/store.ts';
import type { RouterService } from '../../app/routing/router-service.ts';
import type { Contact } from '../../domain/contact/contact.ts';
import type { LoggedEvent } from '../../domain/events/domain-event.ts';
import type { IvrFlow } from '../../domain/ivr/ivr-flow.ts';
import { isIvrLanguage, type IvrLanguage } from '../../domain/ivr/ivr-language.ts';
import { isOpenAt, type BusinessCalendar } from '../../domain/sla/business-calendar.ts';
import { IvrRunner, type IvrOutcome } from '../ivr/ivr-runner.ts';
import type { PromptStore } from '../ivr/prompt-store.ts';
import { runPostCallSurvey, type SurveyAnswerPort } from './post-call-survey.ts';
import { bridge } from '../rtp/bridge.ts';
import { Recorder } from '../rtp/recorder.ts';
import { recordingFinished, recordingStarted } from './recording-log.ts';
import type { SipLeg } from '../switch/sip-leg.ts';
import { DialedCall, dialedCallFlow, type AnsweredDial } from './dialed-call.ts';
import { dialerAbandonPrompt } from '../../domain/dialer/dialer-prompts.ts';
import type { OutboundLeg } from '../switch/outbound-leg.ts';
import type { VoiceSwitch, InboundCallInfo } from '../switch/voice-switch.ts';
import { QueueExperience } from './queue-experience.ts';
import { LiveCall } from './live-call.ts';
import { CallCommands, type CommandCall } from './call-commands.ts';
import { OutboundCalls, type PreviewOutcomes } from './outbound-calls.ts';
import { screenPop } from './screen-pop.ts';
import { syncShadowTasks } from './shadow-tasks.ts';
import type { Softphones } from '../webrtc/softphones.ts';
import { WebRtcLeg } from '../webrtc/webrtc-leg.ts';
import { reconcile, type Repair } from './reconciler.ts';
import type { CallTarget, MakeCall } from '../../app/ports/call-control.ts';
import {
  addLeg,
  controllingLeg,
  legAnswered,
  newCall,
  releaseCall,
  releaseLeg,
  requeue as requeueCall,
  type Call as CallModel,
  type MonitorMode,
  type CallEvent,
} from '../../domain/call/call.ts';
import { musicOnHold } from '../../domain/ivr/queue-announcement.ts';
import { ivrContactData } from '../../domain/ivr/ivr-contact-data.ts';

const autoAnswerHeaders: [string, string][] = [
  ['Call-Info', '<sip:kefu>;answer-after=0'],
  ['Alert-Info', '<http://kefu/auto>;info=alert-autoanswer'],
];

/** What rings an agent: their SIP phone or their browser softphone. */
type AgentLeg = OutboundLeg | WebRtcLeg;

/** The customer's leg in every call model. */
const customerLegId = 'customer';
const userLegOf = (m: CallModel, userId: string) =>
  m.legs.find(
    (l) => l.state !== 'released' && l.party.kind === 'user' && l.party.userId === userId,
  );

export interface VoiceCenterDeps {
  readonly sw: VoiceSwitch;
  readonly store: Store;
  readonly router: RouterService;
  readonly customers: CustomerService;
  /** The operator's systems the IVR's lookup nodes ask (see connector-lookup.ts). */
  readonly connectors: Connectors;
  readonly prompts: PromptStore;
  readonly clock: Clock;
  readonly recordings: RecordingStore;
  /** The IVR flow for a dialled number (DID), or null to refuse the call. */
  readonly flowFor: (called: string, trunk: InboundCallInfo['trunk']) => Promise<IvrFlow | null>;
  /** Seconds between position announcements while queued. */
  readonly announceEverySeconds?: number;
  /** When the last agent leaves a conference, the others talk on (default: the call ends). */
  readonly conferenceContinuesWithoutAgent?: boolean;
  /** Browser softphones of agents logged in without a desk phone. */
  readonly softphones?: Softphones;
  /** Ask phones to answer by themselves (Call-Info answer-after=0). */
  readonly autoAnswer?: boolean;
  /** The post-call satisfaction survey; omitted: none. */
  readonly survey?: SurveyAnswerPort;
  readonly log?: (level: 'info' | 'warn', msg: string, extra?: Record<string, unknown>) => void;
}

type Phase = 'ivr' | 'queued' | 'ringing' | 'connected' | 'survey' | 'ended';

interface Call {
  readonly id: string;
  /** The customer's leg: their call in, or the dialer's call out that they answered. */
  readonly leg: SipLeg;
  readonly runner: IvrRunner;
  contact: Contact;
  phase: Phase;
  language: IvrLanguage;
  taskId: string | null;
  queue: QueueExperience | null;
  agentLeg: AgentLeg | null;
  agentId: string | null;
  reservationId: string | null;
  unbridge: (() => void) | null;
  recorder: Recorder | null;
  /** From the first agent's answer on: the call model, its legs and media (CTI). */
  live: LiveCall | null;
  /**
   * Router tasks that keep other agents on the call (a consulted colleague, a conference
   * member) busy while they are on it, by user id.
   */
  readonly shadows: Map<string, string>;
  /** The queue the call waited in, and the task attributes it had (to go back there). */
  queued: { readonly queueId: string; readonly attributes: Record<string, unknown> } | null;
  /** The customer's number (the caller, or the number the dialer called). */
  readonly callerNumber: string;
  /** The number the customer called (the DID), or the caller ID the dialer presented. */
  readonly calledNumber: string;
  /** A dialer call: what the campaign is told (see adoptAnswered). */
  dialer: DialedCall | null;
  /** Set when the caller is to be surveyed if the agent hangs up (how long they may answer). */
  survey: { readonly answerMs: number } | null;
}

const system = systemActor;
const asAgent = agentActor;

export class VoiceCenter implements CallControl {
  private readonly calls = new Map<string, Call>();
  private readonly byTask = new Map<string, Call>();
  private unsubscribe: (() => void) | null = null;
  private readonly commands: CallCommands;
  private reconcileTimer: NodeJS.Timeout | null = null;

  private readonly outbound: OutboundCalls;

  constructor(private readonly d: VoiceCenterDeps) {
    // Inbound calls are the center's own; click-to-dial calls live in OutboundCalls.
    const inbound = (c: CommandCall): Call | null =>
      this.calls.get((c as Call).id) === c ? (c as Call) : null;
    this.outbound = new OutboundCalls({
      sw: d.sw,
      router: d.router,
      customers: d.customers,
      recordings: d.recordings,
      store: d.store,
      clock: d.clock,
      music: async () => [await d.prompts.load(musicOnHold).catch(() => new Int16Array(8000))],
      emit: (call, events, by) =>
        this.appendCallEvents(call.contact.id, call.taskId, call.live, events, by),
      log: (level, msg, extra) => this.log(level, msg, extra),
      campaign: () => this.campaignOutcomes,
    });
    this.commands = new CallCommands({
      calls: () => [...this.calls.values(), ...this.outbound.calls.values()],
      dialUser: (userId, c) => this.dialUser(userId, c),
      dialExtension: (ext, c) => this.dialExtension(ext, c),
      dialNumber: (number, c) => this.dialNumber(number, c),
      requeue: (c, by, to) => {
        const call = inbound(c);
        if (!call)
          throw new DomainError('call.illegal_command', 'an outbound call cannot go to a queue');
        return this.requeue(call, by, to);
      },
      changed: async (c) => {
        const call = inbound(c);
        if (call) await this.afterCallChange(call);
      },
    });
  }

  makeCall = (actor: Actor, o: MakeCall) => this.outbound.dial(actor, o);

  private campaignOutcomes: PreviewOutcomes | null = null;
  private callbacks: CaseCallbacks | null = null;

  /** IVR call-backs go to the dialer from then on (instead of agent tasks). */
  useCallbacks(c: CaseCallbacks): void {
    this.callbacks = c;
  }

  /** The dialer's lines, told how agents' calls to preview records went. */
  useCampaignOutcomes(o: PreviewOutcomes): void {
    this.campaignOutcomes = o;
  }

  // ── CTI (call-commands.ts does the work) ─────────────────────────────────

  list = async (actor: Actor) => this.commands.visible(actor);
  get = async (actor: Actor, callId: string) => this.commands.find(actor, callId).live.model;
  hold = (a: Actor, id: string) => this.commands.hold(a, id);
  retrieve = (a: Actor, id: string) => this.commands.retrieve(a, id);
  hangup = (a: Actor, id: string) => this.commands.hangup(a, id);
  transfer = (a: Actor, id: string, to: CallTarget) => this.commands.transfer(a, id, to);
  consult = (a: Actor, id: string, to: CallTarget) => this.commands.consult(a, id, to);
  completeTransfer = (a: Actor, id: string) => this.commands.completeTransfer(a, id);
  addParty = (a: Actor, id: string, to: CallTarget) => this.commands.addParty(a, id, to);
  removeParty = (a: Actor, id: string, legId: string) => this.commands.removeParty(a, id, legId);
  conference = (a: Actor, id: string) => this.commands.conference(a, id);
  cancelConsult = (a: Actor, id: string) => this.commands.cancelConsult(a, id);
  sendDtmf = (a: Actor, id: string, digits: string) => this.commands.sendDtmf(a, id, digits);
  monitor = (a: Actor, id: string, mode: MonitorMode) => this.commands.monitor(a, id, mode);
  forceRelease = (a: Actor, id: string) => this.commands.forceRelease(a, id);

  /** Moves a call that waits or rings (its router task) to another queue or an agent. */
  async route(
    actor: Actor,
    callId: string,
    to: { queueId?: string | null; agentId?: string | null },
  ): Promise<CallModel> {
    const call = [...this.calls.values()].find((c) => c.contact.id === callId);
    if (!call) throw new DomainError('call.not_active', 'no such call in progress', { callId });
    if (!call.taskId || (call.phase !== 'queued' && call.phase !== 'ringing'))
      throw new DomainError(
        'call.illegal_command',
        'only a waiting or ringing call can be routed',
        {
          callId,
          phase: call.phase,
        },
      );
    await this.d.router.route(actor, call.taskId, to);
    return (
      call.live?.model ??
      newCall({
        id: call.contact.id,
        contactId: call.contact.id,
        customerLegId,
        customer: {
          kind: 'customer',
          number: call.callerNumber,
          customerId: call.contact.customerId,
        },
      })
    );
  }

  private async dialExtension(extension: string, call: CommandCall): Promise<OutboundLeg> {
    const phone = await this.d.sw.phoneOf(extension);
    if (!phone)
      throw new DomainError('call.target_unavailable', `extension ${extension} is not registered`, {
        extension,
      });
    return this.d.sw.dial({
      target: parseTarget(phone.target),
      dest: phone.dest,
      fromUser: call.callerNumber || 'anonymous',
      headers: this.d.autoAnswer ? autoAnswerHeaders : [],
    });
  }

  private async dialUser(userId: string, call: CommandCall): Promise<AgentLeg> {
    const session = this.d.router.agentSession(userId);
    // A user logged in with the browser softphone (an agent consulted, a supervisor monitoring)
    // is rung in their page, like a routed call.
    if (session?.softphone && this.d.softphones?.reachable(userId))
      return this.d.softphones.ring(userId, {
        from: call.callerNumber,
        display: call.callerNumber,
        contactId: call.contact.id,
      });
    const ext = session?.extension;
    if (!ext)
      throw new DomainError('call.no_phone', 'that user is not logged in with a phone', { userId });
    return this.dialExtension(ext, call);
  }

  private async dialNumber(number: string, call: CommandCall): Promise<OutboundLeg> {
    const out = this.d.sw.outboundTrunk();
    if (!out)
      throw new DomainError('call.target_unavailable', 'no trunk for outside calls is configured');
    return this.d.sw.dialTrunk(out, number, call.callerNumber);
  }

  /** Blind transfer through the router: the task ends for the agent and starts anew there. */
  private async requeue(
    call: Call,
    by: Actor,
    to: { queueId?: string; agentId?: string },
  ): Promise<void> {
    const live = call.live!;
    const ctl = controllingLeg(live.model);
    const from = ctl?.party.kind === 'user' ? ctl.party.userId : (call.agentId ?? by.id);
    if (!call.taskId) throw new DomainError('call.illegal_command', 'this call has no task');
    const task = await this.d.router.transfer(asAgent(from), call.taskId, {
      queueId: to.queueId ?? null,
      agentId: to.agentId ?? null,
    });
    this.byTask.delete(call.taskId);
    call.taskId = task.id;
    call.reservationId = null;
    call.agentId = null;
    call.phase = 'queued';
    this.byTask.set(task.id, call);
    await live.run((m) => requeueCall(m, to), by.id);
    await this.saveContact(call, { taskId: task.id });
    if (task.state === 'reserved' && task.reservationId && task.agentId)
      await this.ringAgent(call, task.agentId, task.reservationId);
  }

  async start(): Promise<void> {
    await this.refreshCalendars();
    this.d.sw.onInboundCall(
      (c) =>
        void this.inbound(c).catch((e: unknown) =>
          this.log('warn', 'call failed', { error: String(e) }),
        ),
    );
    this.reconcileTimer = setInterval(
      () =>
        void this.reconcile().catch((e: unknown) =>
          this.log('warn', 'reconcile failed', { error: String(e) }),
        ),
      10_000,
    );
    this.reconcileTimer.unref();
    this.unsubscribe = this.d.store.onCommit((events) => {
      for (const e of events) if (e.subjectType === 'task') this.onTaskEvent(e);
      if (events.some((e) => e.type.startsWith('calendar.'))) void this.refreshCalendars();
    });
  }

  /** Finds and repairs disagreements between calls and the router (see reconciler.ts). */
  reconcile(minAgeMs = 15_000): Promise<Repair[]> {
    const inbound = [...this.calls.values()];
    const outbound = [...this.outbound.calls.values()];
    return reconcile({
      router: this.d.router,
      liveTaskIds: new Set([
        ...[...inbound, ...outbound].flatMap((c) => (c.taskId ? [c.taskId] : [])),
        ...inbound.flatMap((c) => [...c.shadows.values()]),
      ]),
      liveCalls: [...inbound, ...outbound].flatMap((c) => (c.live ? [c.live] : [])),
      minAgeMs,
      now: this.d.clock.now().getTime(),
      log: (msg, extra) => this.log('warn', msg, extra),
    });
  }

  stop(): void {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    this.unsubscribe?.();
    for (const c of this.calls.values()) c.leg.hangup();
  }

  get activeCalls(): number {
    return this.calls.size;
  }

  private log(level: 'info' | 'warn', msg: string, extra?: Record<string, unknown>) {
    this.d.log?.(level, msg, extra);
  }

  // ── a call arrives ───────────────────────────────────────────────────────

  private async inbound({ leg, trunk }: InboundCallInfo): Promise<void> {
    const flow = await this.d.flowFor(leg.called, trunk);
    if (!flow) return leg.reject(404, 'No such number');
    leg.ringing();
    if (!leg.answer()) return;
    const contact = await this.d.customers.createContact(system, {
      channel: 'voice',
      direction: 'inbound',
      from: leg.caller,
      to: leg.called,
      ivrData: {},
    });
    const runner = new IvrRunner(
      leg,
      flow,
      this.d.prompts,
      this.d.sw.clock,
      {
        now: () => this.d.clock.now(),
        isOpen: (calendarId, now) => this.calendarOpen(calendarId, now),
        lookup: (connector, input) => this.lookup(connector, input),
      },
      {
        caller: leg.caller,
        called: leg.called,
        ...(contact.customerId ? { customerId: contact.customerId } : {}),
      },
    );
    const call = this.openCall(leg, runner, contact, {
      phase: 'ivr',
      language: flow.language,
      callerNumber: leg.caller,
      calledNumber: leg.called,
      dialer: null,
    });
    await this.afterIvr(call, await runner.run());
  }

  // ── a customer the dialer called answered ────────────────────────────────

  /**
   * Queues the answered customer for the campaign's agents at once (see dialed-call.ts); the
   * same ringing, bridging, recording and CTI as an inbound call follow.
   */
  async adoptAnswered(leg: SipLeg, o: AnsweredDial): Promise<void> {
    const contact = await this.d.customers.createContact(system, {
      channel: 'voice',
      direction: 'outbound',
      from: o.callerId,
      to: o.number,
      caseId: o.caseId,
      offeredAt: this.d.clock.now(),
      ivrData: { ...o.attributes },
    });
    const runner = new IvrRunner(
      leg,
      dialedCallFlow(o.language),
      this.d.prompts,
      this.d.sw.clock,
      { now: () => this.d.clock.now(), isOpen: () => false, lookup: () => Promise.resolve({}) },
      {},
    );
    const dialed = new DialedCall(o.hooks);
    const call = this.openCall(leg, runner, contact, {
      phase: 'queued',
      language: o.language,
      callerNumber: o.number,
      calledNumber: o.callerId,
      dialer: dialed,
    });
    dialed.timer = setTimeout(
      () =>
        void this.abandonDialed(call).catch((e: unknown) =>
          this.log('warn', 'dialer abandon failed', { error: String(e) }),
        ),
      o.connectWithinMs,
    );
    const task = await this.d.router.submit(system, {
      channel: 'voice',
      attributes: {
        ...o.attributes,
        direction: 'outbound',
        callId: call.id,
        contactId: contact.id,
        customerId: contact.customerId,
        caller: o.number,
        called: o.callerId,
        language: o.language,
      },
      // Ahead of inbound callers in a shared queue: this customer hangs up in seconds.
      priority: 100,
      queueId: o.queueId,
    });
    if (leg.ended || dialed.state !== 'waiting') {
      await this.d.router.cancel(system, task.id, 'caller_hung_up').catch(() => undefined);
      return;
    }
    call.taskId = task.id;
    call.queued = { queueId: task.queueId, attributes: task.attributes };
    this.byTask.set(task.id, call);
    await this.saveContact(call, { taskId: task.id, queuedAt: this.d.clock.now() });
    if (task.state === 'reserved' && task.reservationId && task.agentId)
      await this.ringAgent(call, task.agentId, task.reservationId);
  }

  /** No agent within the deadline: the required message, then the line is released. */
  private async abandonDialed(call: Call): Promise<void> {
    if (!call.dialer?.settle('abandoned') || call.leg.ended) return;
    this.stopRinging(call);
    const taskId = call.taskId;
    call.phase = 'ivr';
    if (taskId) {
      this.byTask.delete(taskId);
      call.taskId = null;
      await this.d.router.cancel(system, taskId, 'no_agent_free').catch(() => undefined);
    }
    await this.appendEvent(call, 'call.dialer_abandoned', {});
    call.dialer.hooks.abandoned(call.contact.id);
    await call.runner.player.play(
      await this.d.prompts.loadAll([dialerAbandonPrompt(call.language)]),
    );
    if (!call.leg.ended) call.leg.hangup();
  }

  /** A customer's call as the center tracks it, until its leg ends (callerGone). */
  private openCall(
    leg: SipLeg,
    runner: IvrRunner,
    contact: Contact,
    o: Pick<Call, 'phase' | 'language' | 'callerNumber' | 'calledNumber' | 'dialer'>,
  ): Call {
    const call: Call = {
      id: leg.callId,
      leg,
      runner,
      contact,
      ...o,
      taskId: null,
      queue: null,
      agentLeg: null,
      agentId: null,
      reservationId: null,
      unbridge: null,
      recorder: null,
      live: null,
      shadows: new Map(),
      queued: null,
      survey: null,
    };
    this.calls.set(call.id, call);
    leg.on('dtmf', (digit) =>
      this.log('info', 'dtmf', { callId: call.id, digit, phase: call.phase }),
    );
    leg.once(
      'ended',
      (reason) =>
        void this.callerGone(call, reason).catch((e: unknown) =>
          this.log('warn', 'hang-up handling failed', { error: String(e) }),
        ),
    );
    return call;
  }

  /** Business calendars for IVR hours checks, kept current from calendar events. */
  private calendars = new Map<string, BusinessCalendar>();

  private async refreshCalendars(): Promise<void> {
    this.calendars = new Map((await this.d.store.calendars.list()).map((c) => [c.id, c]));
  }

  private calendarOpen(calendarId: string, now: Date): boolean {
    const cal = this.calendars.get(calendarId);
    if (!cal) return false; // unknown calendar: closed (the flow offers a call-back)
    try {
      return isOpenAt(cal, now);
    } catch {
      return false;
    }
  }

  private lookup(
    connector: string,
    input: Readonly<Record<string, string>>,
  ): Promise<Readonly<Record<string, string>>> {
    return connectorLookup(this.d.connectors, connector, input);
  }

  private async afterIvr(call: Call, outcome: IvrOutcome): Promise<void> {
    this.log('info', 'ivr outcome', {
      callId: call.id,
      outcome: outcome.kind,
      path: outcome.session.history.join('>'),
    });
    const vars = outcome.session.variables;
    const lang = vars['language'];
    if (isIvrLanguage(lang)) call.language = lang;
    await this.saveContact(call, {
      ivrData: ivrContactData(vars, outcome.session.history),
    });
    // One event per IVR run: the node-visit and containment report reads these.
    await this.appendEvent(call, 'ivr.left', {
      flowId: outcome.session.flowId,
      version: outcome.session.version,
      outcome: outcome.kind,
      segment: call.runner.segment,
      sinceStartMs: this.d.clock.now().getTime() - call.contact.startedAt.getTime(),
      visits: call.runner.trail,
    }).catch((e: unknown) => this.log('warn', 'ivr event failed', { error: String(e) }));
    switch (outcome.kind) {
      case 'queue':
        return this.enqueue(call, outcome.action);
      case 'callback':
        if (this.callbacks) {
          // The dialer calls the customer back as soon as an agent of the queue is free.
          await this.callbacks.schedule(null, {
            queueId: outcome.action.queueId,
            number: outcome.action.number,
            name: '',
            at: null,
            data: {
              ...outcome.action.attributes,
              contactId: call.contact.id,
              ...(call.contact.customerId ? { customerId: call.contact.customerId } : {}),
            },
          });
          return call.leg.hangup();
        }
        await this.d.router.submit(system, {
          channel: 'callback',
          attributes: {
            ...outcome.action.attributes,
            number: outcome.action.number,
            contactId: call.contact.id,
            customerId: call.contact.customerId,
          },
          queueId: outcome.action.queueId,
          workflowId: outcome.action.workflowId,
        });
        return call.leg.hangup();
      case 'transfer':
        return this.transferOut(call, outcome.action.number);
      case 'hangup':
        return call.leg.hangup();
      case 'caller_hangup':
        return;
    }
  }

  // ── out through a trunk ──────────────────────────────────────────────────

  /**
   * Blind transfer to an outside number: the switch calls it through a trunk (with the trunk's
   * caller-ID rule) and bridges the caller to it; if nobody answers, the IVR goes on.
   */
  private async transferOut(call: Call, number: string): Promise<void> {
    const out = this.d.sw.outboundTrunk();
    const failed = async () => {
      if (!call.leg.ended)
        await this.afterIvr(call, await call.runner.run({ type: 'transfer_failed' }));
    };
    if (!out) {
      this.log('warn', 'transfer: no outbound trunk', { callId: call.id });
      return failed();
    }
    const leg = await this.d.sw.dialTrunk(out, number, call.callerNumber);
    call.agentLeg = leg;
    leg.once('ended', () => {
      if (call.phase === 'connected') call.leg.hangup();
    });
    leg.start({
      answered: () => {
        call.runner.player.stop();
        call.phase = 'connected';
        call.unbridge = bridge(call.leg.media.endpoint, leg.media.endpoint);
        void this.appendEvent(call, 'call.transferred', { number, trunk: out.name });
      },
      failed: () =>
        void failed().catch((e: unknown) =>
          this.log('warn', 'transfer fallback failed', { error: String(e) }),
        ),
    });
  }

  // ── waiting ──────────────────────────────────────────────────────────────

  private async enqueue(
    call: Call,
    a: Extract<IvrOutcome, { kind: 'queue' }>['action'],
  ): Promise<void> {
    if (call.leg.ended) return;
    call.phase = 'queued';
    await this.saveContact(call, { queuedAt: this.d.clock.now() });
    const task = await this.d.router.submit(system, {
      channel: 'voice',
      attributes: {
        ...a.attributes,
        callId: call.id,
        contactId: call.contact.id,
        customerId: call.contact.customerId,
        caller: call.callerNumber,
        called: call.calledNumber,
        language: call.language,
      },
      priority: a.priority ?? undefined,
      queueId: a.queueId,
      workflowId: a.workflowId,
    });
    call.taskId = task.id;
    call.queued = { queueId: task.queueId, attributes: task.attributes };
    this.byTask.set(task.id, call);
    await this.saveContact(call, { taskId: task.id });
    if (task.state === 'reserved' && task.reservationId && task.agentId)
      void this.ringAgent(call, task.agentId, task.reservationId);
    if (call.phase !== 'queued') return;
    const q = new QueueExperience(call.runner.player, this.d.prompts, call.runner.digits);
    call.queue = q;
    const result = await q.run({
      language: call.language,
      announceEverySeconds: this.d.announceEverySeconds ?? 30,
      callbackDigit: a.callbackDigit,
      announcePosition: a.announcePosition,
      position: () => this.positionOf(task.id, task.queueId),
    });
    call.queue = null;
    if (result === 'callback' && call.phase === 'queued' && call.taskId) {
      await this.d.router
        .cancel(system, call.taskId, 'caller_chose_callback')
        .catch(() => undefined);
      this.byTask.delete(call.taskId);
      call.taskId = null;
      call.phase = 'ivr';
      await this.afterIvr(call, await call.runner.run({ type: 'queue_left', reason: 'callback' }));
    }
  }

  private positionOf(taskId: string, queueId: string): number | null {
    const waiting = this.d.router
      .openTasks()
      .filter((t) => t.state === 'pending' && t.queueId === queueId);
    const me = waiting.find((t) => t.id === taskId);
    if (!me) return null;
    return (
      waiting.filter(
        (t) =>
          t.priority > me.priority ||
          (t.priority === me.priority &&
            (t.createdAt < me.createdAt || (t.createdAt === me.createdAt && t.seq < me.seq))),
      ).length + 1
    );
  }

  // ── the router offers the call to an agent ───────────────────────────────

  private onTaskEvent(e: LoggedEvent): void {
    const call = this.byTask.get(e.subjectId);
    if (!call) return;
    const p = e.payload;
    if (
      e.type === 'task.reserved' &&
      typeof p['agentId'] === 'string' &&
      typeof p['reservationId'] === 'string'
    ) {
      if (call.phase === 'queued' || call.phase === 'ringing')
        void this.ringAgent(call, p['agentId'], p['reservationId']);
    } else if (
      (e.type === 'task.offer_timed_out' ||
        e.type === 'task.offer_canceled' ||
        e.type === 'task.offer_rejected') &&
      p['reservationId'] === call.reservationId
    ) {
      this.stopRinging(call);
    }
  }

  private async ringAgent(call: Call, agentId: string, reservationId: string): Promise<void> {
    if (call.reservationId === reservationId || call.leg.ended) return;
    if (call.live && userLegOf(call.live.model, agentId)) {
      // Already talking with the customer (took the call by a consult transfer): no ringing.
      call.reservationId = reservationId;
      await this.d.router
        .accept(asAgent(agentId), reservationId)
        .catch((e: unknown) =>
          this.log('warn', 'accept for the agent on the call failed', { error: String(e) }),
        );
      return;
    }
    this.stopRinging(call);
    call.reservationId = reservationId;
    call.agentId = agentId;
    call.phase = 'ringing';
    await this.saveContact(call, { offeredAt: this.d.clock.now(), agentId });
    await screenPop(
      this.d.store,
      this.d.clock,
      { ...call, caller: call.callerNumber, called: call.calledNumber },
      agentId,
    );
    const session = this.d.router.agentSession(agentId);
    const display = call.contact.customerId
      ? ((await this.d.store.customers.get(call.contact.customerId))?.name ?? call.callerNumber)
      : call.callerNumber;
    const softphone =
      session?.softphone && this.d.softphones?.reachable(agentId) ? this.d.softphones : null;
    const phone =
      !softphone && session?.extension ? await this.d.sw.phoneOf(session.extension) : null;
    if (!phone && !softphone) {
      // No registered phone: hand the call back to the queue and let another agent take it.
      this.log('warn', 'agent has no registered phone', {
        agentId,
        extension: session?.extension ?? null,
      });
      call.phase = 'queued';
      await this.d.router.reject(asAgent(agentId), reservationId).catch(() => undefined);
      return;
    }
    const leg: AgentLeg = softphone
      ? softphone.ring(agentId, {
          from: call.callerNumber,
          display,
          contactId: call.contact.id,
        })
      : await this.d.sw.dial({
          target: parseTarget(phone!.target),
          dest: phone!.dest,
          fromUser: call.callerNumber || 'anonymous',
          fromDisplay: display,
          headers: this.d.autoAnswer ? autoAnswerHeaders : [],
        });
    call.agentLeg = leg;
    leg.once(
      'ended',
      () =>
        void this.agentGone(call, leg).catch((e: unknown) =>
          this.log('warn', 'agent hang-up handling failed', { error: String(e) }),
        ),
    );
    leg.start({
      answered: () =>
        void this.connect(call, leg, agentId, reservationId).catch((e: unknown) =>
          this.log('warn', 'connect failed', { error: String(e) }),
        ),
      failed: (status) => {
        if (call.reservationId !== reservationId) return;
        // The phone refused (busy, declined): give the call to someone else now rather than
        // waiting for the offer to time out.
        if (status === 486 || status === 600 || status === 603)
          void this.d.router.reject(asAgent(agentId), reservationId).catch(() => undefined);
      },
    });
  }

  private stopRinging(call: Call): void {
    const leg = call.agentLeg;
    if (leg && call.phase === 'ringing') {
      call.agentLeg = null;
      leg.hangup();
      call.phase = 'queued';
    }
  }

  private async connect(
    call: Call,
    leg: AgentLeg,
    agentId: string,
    reservationId: string,
  ): Promise<void> {
    if (call.leg.ended || call.reservationId !== reservationId) return leg.hangup();
    try {
      await this.d.router.accept(asAgent(agentId), reservationId);
    } catch (e) {
      this.log('info', 'answered too late: offer gone', { error: String(e) });
      return leg.hangup();
    }
    const dialerConnected = call.dialer?.settle('connected') ?? false;
    if (call.dialer && !dialerConnected && call.dialer.state !== 'connected') {
      // The connect deadline passed while the agent's phone was answering: the call is gone.
      if (call.taskId) await this.d.router.wrap(system, call.taskId, null).catch(() => undefined);
      return leg.hangup();
    }
    call.queue?.stop();
    call.runner.player.stop();
    call.phase = 'connected';
    call.agentLeg = leg;
    // Campaign calls are the center's calls to the customer: no satisfaction survey after them.
    if (!call.dialer)
      call.survey ??= (await this.d.survey?.plan(call.queued?.queueId ?? null)) ?? null;
    if (!call.recorder) {
      const recordingId = `${this.day()}/${call.contact.id}.wav`;
      const file = this.d.recordings.pathFor(recordingId);
      await mkdir(dirname(file), { recursive: true });
      call.recorder = new Recorder(file, this.d.sw.clock);
      await recordingStarted(this.catalogue(), {
        contactId: call.contact.id,
        recordingId,
        startedAt: this.d.clock.now(),
      });
      await this.saveContact(call, { answeredAt: this.d.clock.now(), agentId, recordingId });
    } else await this.saveContact(call, { agentId });
    const live = (call.live ??= this.liveCall(call));
    live.attach(leg.callId, leg);
    // Keys the agent presses (desk phone or browser) go to the customer's side, e.g. an IVR.
    const forward = (d: string) => void call.leg.media.endpoint.sendDtmf(d);
    if (leg instanceof WebRtcLeg) leg.on('dtmf', forward);
    else leg.on('dtmf', forward);
    await live.run((m) =>
      addLeg(m, 'offer', { id: leg.callId, party: { kind: 'user', userId: agentId } }),
    );
    await live.run((m) => legAnswered(m, leg.callId));
    await this.appendEvent(call, 'call.answered', { agentId });
    if (dialerConnected) call.dialer?.hooks.connected(agentId, call.contact.id);
  }

  private liveCall(call: Call): LiveCall {
    const model = newCall({
      id: call.contact.id,
      contactId: call.contact.id,
      customerLegId: customerLegId,
      continueWithoutAgent: this.d.conferenceContinuesWithoutAgent ?? false,
      customer: {
        kind: 'customer',
        number: call.callerNumber,
        customerId: call.contact.customerId,
      },
    });
    const live: LiveCall = new LiveCall(model, call.leg, {
      clock: this.d.sw.clock,
      recorder: call.recorder,
      customerPlayer: call.runner.player,
      music: async () => [await this.d.prompts.load(musicOnHold).catch(() => new Int16Array(8000))],
      emit: (events, by) => this.emitCallEvents(call, events, by),
      keepCustomer: () => {
        // Later steps (the agent's SIP leg ending after a CTI hang-up) keep the survey going.
        if (call.phase === 'survey') return true;
        if (!call.survey || call.phase !== 'connected') return false;
        void this.postCallSurvey(call, call.survey.answerMs).catch((e: unknown) =>
          this.log('warn', 'post-call survey failed', { error: String(e) }),
        );
        return true;
      },
      legEnded: (legId, reason) => {
        if (legId === customerLegId) return; // callerGone does the bookkeeping
        void live
          .run((m) => releaseLeg(m, legId, reason))
          .then(() => this.afterCallChange(call))
          .catch((e: unknown) => this.log('warn', 'leg end handling failed', { error: String(e) }));
      },
    });
    return live;
  }

  /**
   * After a model change: hand the router task to whoever now controls the call (a transfer),
   * or let the agent go to wrap-up when no agent of ours remains.
   */
  private async afterCallChange(call: Call): Promise<void> {
    const live = call.live;
    if (!live || live.released) return;
    if (live.model.state === 'queued' && !call.taskId) {
      // A blind transfer to a phone or number that did not answer: back to the queue it came
      // from, ahead of newer callers (it keeps a high priority), or released if it had none.
      if (!call.queued) {
        this.log('warn', 'transfer target did not answer: call released', { callId: call.id });
        await live.run((m) => releaseCall(m, 'transfer_failed'));
        return;
      }
      this.log('info', 'transfer target did not answer: back to the queue', { callId: call.id });
      const task = await this.d.router.submit(system, {
        channel: 'voice',
        attributes: { ...call.queued.attributes, transferFailed: true },
        priority: 50,
        queueId: call.queued.queueId,
      });
      call.taskId = task.id;
      call.reservationId = null;
      call.agentId = null;
      call.phase = 'queued';
      this.byTask.set(task.id, call);
      await this.saveContact(call, { taskId: task.id });
      if (task.state === 'reserved' && task.reservationId && task.agentId)
        await this.ringAgent(call, task.agentId, task.reservationId);
      return;
    }
    const ctl = controllingLeg(live.model);
    const userId = ctl?.party.kind === 'user' ? ctl.party.userId : null;
    await syncShadowTasks(this.d.router, call, userId);
    if (!call.taskId) return;
    if (userId === call.agentId) return;
    const from = call.agentId;
    const oldTask = call.taskId;
    call.agentId = userId;
    if (!userId || !from) {
      // The customer carries on with an outside party: the agent's part is done.
      await this.d.router.wrap(system, oldTask, null).catch(() => undefined);
      this.byTask.delete(oldTask);
      call.taskId = null;
      return;
    }
    const task = await this.d.router.transfer(asAgent(from), oldTask, { agentId: userId });
    this.byTask.delete(oldTask);
    call.taskId = task.id;
    call.reservationId = null;
    this.byTask.set(task.id, call);
    await this.saveContact(call, { agentId: userId, taskId: task.id });
    if (task.state === 'reserved' && task.reservationId && task.agentId)
      await this.ringAgent(call, task.agentId, task.reservationId);
  }

  private emitCallEvents(
    call: Call,
    events: readonly CallEvent[],
    by: string | null,
  ): Promise<void> {
    return this.appendCallEvents(call.id, call.taskId, call.live, events, by);
  }

  /** Call model events, visible to every user on the call. */
  private async appendCallEvents(
    subjectId: string,
    taskId: string | null,
    live: LiveCall | null,
    events: readonly CallEvent[],
    by: string | null,
  ): Promise<void> {
    if (events.length === 0) return;
    const users = live
      ? live.model.legs.flatMap((l) => (l.party.kind === 'user' ? [l.party.userId] : []))
      : [];
    await this.d.store.transaction(async (tx) =>
      tx.append(
        events.map((e) => ({
          type: e.type,
          subjectType: 'call',
          subjectId,
          payload: { taskId, ...e.payload },
          scope: {
            userIds: [...new Set(users)],
            teamIds: [],
            dispatchTeamIds: [],
            customerId: null,
          },
        })),
        { actorId: by, at: this.d.clock.now() },
      ),
    );
  }

  private day(): string {
    return this.d.clock.now().toISOString().slice(0, 10);
  }

  // ── endings ──────────────────────────────────────────────────────────────

  private async callerGone(call: Call, reason: string): Promise<void> {
    const phase = call.phase;
    call.phase = 'ended';
    call.queue?.stop();
    this.calls.delete(call.id);
    if (call.taskId) this.byTask.delete(call.taskId);
    if (phase === 'survey') {
      // The agent's part ended when the survey began (postCallSurvey).
    } else if (phase === 'connected') {
      if (call.live) await call.live.run((m) => releaseLeg(m, customerLegId, reason));
      for (const [userId, taskId] of call.shadows)
        await this.d.router.complete(system, taskId, userId, 'consulted').catch(() => undefined);
      call.shadows.clear();
      call.agentLeg?.hangup();
      await this.finishConnected(call);
    } else {
      call.agentLeg?.hangup();
      // Hung up before an agent answered: the task ends as abandoned.
      if (call.taskId)
        await this.d.router.cancel(system, call.taskId, 'caller_hung_up').catch(() => undefined);
    }
    await this.saveContact(call, { endedAt: this.d.clock.now() });
    await this.appendEvent(call, 'call.ended', { reason, phase });
    const dialed = call.dialer;
    if (dialed?.settle('abandoned')) dialed.hooks.abandoned(call.contact.id);
    else if (dialed?.settle('ended')) dialed.hooks.ended(call.contact.id);
  }

  /**
   * The agent hung up and the caller stays for the survey: the agent's part ends now (wrap-up,
   * recording closed), then the caller is asked, answers or not, and is hung up on.
   */
  private async postCallSurvey(call: Call, answerMs: number): Promise<void> {
    call.phase = 'survey';
    await this.finishConnected(call);
    if (call.taskId) this.byTask.delete(call.taskId);
    const score = await runPostCallSurvey(
      call.leg,
      call.runner.player,
      this.d.prompts,
      call.language,
      answerMs,
    );
    this.log('info', 'post-call survey', { callId: call.id, score });
    if (score !== null) await this.d.survey?.answered(call.contact.id, score);
    if (!call.leg.ended) call.leg.hangup();
  }

  private async agentGone(call: Call, leg: AgentLeg): Promise<void> {
    // Once connected, the call model decides what an agent's hang-up means (LiveCall).
    if (call.live) return;
    if (call.agentLeg === leg && call.phase === 'connected') call.leg.hangup();
  }

  private async finishConnected(call: Call): Promise<void> {
    call.unbridge?.();
    call.live?.room.close();
    await call.recorder?.close();
    if (call.recorder && call.contact.recordingId)
      await recordingFinished(this.catalogue(), {
        contactId: call.contact.id,
        recordingId: call.contact.recordingId,
        recorder: call.recorder,
        endedAt: this.d.clock.now(),
      });
    if (call.taskId)
      await this.d.router
        .wrap(system, call.taskId, null)
        .catch((e: unknown) => this.log('warn', 'wrap failed', { error: String(e) }));
  }

  private catalogue() {
    return {
      store: this.d.store,
      files: this.d.recordings,
      log: (level: 'info' | 'warn', msg: string, extra?: Record<string, unknown>) =>
        this.log(level, msg, extra),
    };
  }

  // ── control from the desktop ─────────────────────────────────────────────

  private activeFor(actor: Actor, contactId: string): Call {
    const call = [...this.calls.values()].find((c) => c.contact.id === contactId);
    if (!call || call.phase !== 'connected' || !call.recorder)
      throw new DomainError('call.not_active', 'this contact has no call in progress', {
        contactId,
      });
    // The agent on the call, or a supervisor/admin, may control it.
    if (actor.role === 'agent' || actor.role === 'backoffice')
      if (call.agentId !== actor.id)
        throw new DomainError('not_found', 'no such call', { contactId });
    return call;
  }

  async pauseRecording(actor: Actor, contactId: string): Promise<void> {
    const call = this.activeFor(actor, contactId);
    call.recorder?.pause();
    await this.appendEvent(call, 'call.recording_paused', {
      by: actor.id,
      atMs: call.recorder?.durationMs ?? 0,
    });
  }

  async resumeRecording(actor: Actor, contactId: string): Promise<void> {
    const call = this.activeFor(actor, contactId);
    call.recorder?.resume();
    await this.appendEvent(call, 'call.recording_resumed', {
      by: actor.id,
      atMs: call.recorder?.durationMs ?? 0,
    });
  }

  // ── records ──────────────────────────────────────────────────────────────

  private async saveContact(
    call: Call,
    patch: Parameters<CustomerService['updateContact']>[2],
  ): Promise<void> {
    try {
      call.contact = await this.d.customers.updateContact(system, call.contact.id, patch);
    } catch (e) {
      this.log('warn', 'contact update failed', { error: String(e) });
    }
  }

  private async appendEvent(
    call: Call,
    type: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await this.d.store.transaction(async (tx) =>
      tx.append(
        [
          {
            type,
            subjectType: 'call',
            subjectId: call.id,
            payload: { contactId: call.contact.id, taskId: call.taskId, ...payload },
            scope: {
              userIds: call.agentId ? [call.agentId] : [],
              teamIds: [],
              dispatchTeamIds: [],
              customerId: null,
            },
          },
        ],
        { actorId: null, at: this.d.clock.now() },
      ),
    );
  }
}

import { parseUri } from '../sip/message/index.ts';
const parseTarget = (s: string) => parseUri(s);
