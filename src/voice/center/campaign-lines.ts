/**
 * The dialer's lines on the built-in switch (the `DialerLines` and `DialerAgents` ports). A
 * progressive or predictive attempt calls the customer through the outbound trunk with the
 * campaign's caller ID; a busy, unanswered or refused call is reported as such, and an answered
 * one goes to the voice center, which puts it through to a free agent of the campaign's queue
 * or plays the abandon message (dialed-call.ts). A preview attempt is a task offered to an agent
 * of the queue, who sees the record and dials it (click-to-dial, reported the same way).
 */
import type { DialerAgents, DialerLines, DialRequest } from '../../app/ports/dialer-lines.ts';
import type { RouterService } from '../../app/routing/router-service.ts';
import type { DialResult } from '../../domain/dialer/campaign-record.ts';
import { DomainError } from '../../domain/errors.ts';
import type { IvrLanguage } from '../../domain/ivr/ivr-language.ts';
import type { VoiceSwitch } from '../switch/voice-switch.ts';
import type { AnsweredDial } from './dialed-call.ts';
import type { SipLeg } from '../switch/sip-leg.ts';
import type { LoggedEvent } from '../../domain/events/domain-event.ts';

/** Where attempts' outcomes go: the DialerService. */
export interface DialOutcomes {
  reportResult(recordId: string, result: DialResult, agentId?: string | null): Promise<unknown>;
  finish(recordId: string): Promise<unknown>;
  withdraw(recordId: string): Promise<unknown>;
}

export interface CampaignLinesOptions {
  /** A customer's phone rings this long before the attempt counts as no answer (default 25). */
  readonly ringSeconds?: number;
  /**
   * An answered call not put through to an agent within this time is abandoned (default 2 s, the
   * usual regulatory limit; agents on predictive campaigns need phones that answer by themselves).
   */
  readonly connectWithinMs?: number;
  /** The language of the abandon message (a record's `language` field wins). */
  readonly language?: IvrLanguage;
}

export interface CampaignLinesDeps {
  readonly sw: Pick<VoiceSwitch, 'outboundTrunk' | 'dialTrunk'>;
  readonly center: { adoptAnswered(leg: SipLeg, o: AnsweredDial): Promise<void> };
  readonly router: Pick<RouterService, 'queueStaffing' | 'submit' | 'cancel' | 'openTasks'>;
  /** Committed events: a preview task closed without a call is seen here. */
  readonly onCommit: (fn: (events: readonly LoggedEvent[]) => void) => () => void;
  readonly log: (level: 'info' | 'warn', msg: string, extra?: Record<string, unknown>) => void;
}

/** The pacer uses measured times once this many calls were seen, over the last `keptSamples`. */
const minSamples = 3;
const keptSamples = 100;

/** SIP final responses as attempt results (RFC 3261 §21). */
export function resultOfStatus(status: number): DialResult {
  if (status === 486 || status === 600) return 'busy';
  // 408: nobody answered the INVITE; 480: not reachable now; 487: we cancelled a ringing call.
  if (status === 408 || status === 480 || status === 487) return 'no_answer';
  return 'failed';
}

export class CampaignLines implements DialerLines, DialerAgents {
  /** Set once the DialerService exists (it needs these lines to be built). */
  outcomes: DialOutcomes | null = null;
  /** Records with a line up and no outcome yet, by campaign. */
  private readonly live = new Map<string, Set<string>>();
  /** Recent handle and ring times per campaign (seconds), newest last. */
  private readonly times = new Map<string, { handle: number[]; ring: number[] }>();
  /** Preview records offered to agents and not dialed yet, by router task. */
  private readonly previews = new Map<string, DialRequest>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly d: CampaignLinesDeps,
    private readonly o: CampaignLinesOptions = {},
  ) {
    this.unsubscribe = d.onCommit((events) => {
      for (const e of events)
        if (
          e.type === 'dialer.campaign_state_changed' &&
          (e.payload['to'] === 'paused' || e.payload['to'] === 'stopped')
        )
          void this.withdrawOffers(e.subjectId);
        else if (e.type === 'task.completed' || e.type === 'task.canceled') {
          const req = this.previews.get(e.subjectId);
          if (!req) continue;
          // Closed without a call (the agent skipped the record): a failed attempt.
          this.previews.delete(e.subjectId);
          this.track(req, false);
          this.report(req, 'failed', null);
        }
    });
  }

  close(): void {
    this.unsubscribe();
  }

  /**
   * The campaign was paused or stopped: preview records still waiting for an agent to take them
   * are taken back untried. One an agent already accepted stays theirs to call.
   */
  private async withdrawOffers(campaignId: string): Promise<void> {
    const open = new Map(this.d.router.openTasks().map((t) => [t.id, t]));
    for (const [taskId, req] of [...this.previews]) {
      const t = open.get(taskId);
      if (req.campaignId !== campaignId || (t && t.state !== 'pending' && t.state !== 'reserved'))
        continue;
      this.previews.delete(taskId);
      this.track(req, false);
      try {
        await this.d.router.cancel(null, taskId, 'campaign_paused');
        await this.outcomes?.withdraw(req.recordId);
      } catch (e) {
        this.d.log('warn', 'dialer: preview offer not withdrawn', { taskId, error: String(e) });
      }
    }
  }

  // ── a preview record dialed by its agent (click-to-dial) ──────────────────

  /** The agent's call to a preview record got its outcome. */
  previewResult(recordId: string, result: DialResult, agentId: string | null): void {
    for (const [taskId, req] of this.previews)
      if (req.recordId === recordId) {
        this.previews.delete(taskId);
        this.track(req, false);
      }
    void this.outcomes
      ?.reportResult(recordId, result, agentId)
      .catch((e: unknown) => this.d.log('warn', 'dialer result not stored', { error: String(e) }));
  }

  previewFinished(recordId: string): void {
    void this.outcomes
      ?.finish(recordId)
      .catch((e: unknown) => this.d.log('warn', 'dialer finish not stored', { error: String(e) }));
  }

  inFlight(campaignId: string): number {
    return this.live.get(campaignId)?.size ?? 0;
  }

  measured(campaignId: string): { handleSec: number; ringSec: number } | null {
    const t = this.times.get(campaignId);
    if (!t || t.handle.length < minSamples || t.ring.length < minSamples) return null;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return { handleSec: mean(t.handle), ringSec: mean(t.ring) };
  }

  private sample(campaignId: string, kind: 'handle' | 'ring', sec: number): void {
    let t = this.times.get(campaignId);
    if (!t) this.times.set(campaignId, (t = { handle: [], ring: [] }));
    const xs = t[kind];
    xs.push(sec);
    if (xs.length > keptSamples) xs.shift();
  }

  availability(queueId: string) {
    return Promise.resolve(this.d.router.queueStaffing(queueId));
  }

  async dial(req: DialRequest): Promise<void> {
    if (req.mode === 'preview') return this.preview(req);
    const trunk = this.d.sw.outboundTrunk();
    if (!trunk)
      throw new DomainError('call.target_unavailable', 'no trunk for outside calls is configured');
    const leg = await this.d.sw.dialTrunk(trunk, req.number, req.callerId, req.callerId);
    this.track(req, true);
    const dialedAt = Date.now();
    let answeredAt = 0;
    let settled = false;
    const settle = (result: DialResult, agentId: string | null = null) => {
      if (settled) return;
      settled = true;
      this.track(req, false);
      this.report(req, result, agentId);
    };
    const ring = setTimeout(
      () => {
        settle('no_answer');
        leg.hangup();
      },
      (this.o.ringSeconds ?? 25) * 1000,
    );
    leg.start({
      answered: () => {
        clearTimeout(ring);
        if (settled) return leg.hangup();
        answeredAt = Date.now();
        this.sample(req.campaignId, 'ring', (answeredAt - dialedAt) / 1000);
        void this.d.center
          .adoptAnswered(leg, {
            number: req.number,
            callerId: req.callerId,
            queueId: req.queueId,
            attributes: {
              ...req.data,
              campaignId: req.campaignId,
              recordId: req.recordId,
              name: req.name,
            },
            caseId: req.data['caseId'] ?? null,
            language: req.data['language'] === 'en' ? 'en' : (this.o.language ?? 'zh'),
            connectWithinMs: this.o.connectWithinMs ?? 2000,
            hooks: {
              connected: (agentId) => settle('connected', agentId),
              abandoned: () => settle('abandoned'),
              ended: () => {
                this.sample(req.campaignId, 'handle', (Date.now() - answeredAt) / 1000);
                this.finished(req);
              },
            },
          })
          .catch((e: unknown) => {
            this.d.log('warn', 'dialer: answered call could not be queued', { error: String(e) });
            settle('abandoned');
            leg.hangup();
          });
      },
      failed: (status) => {
        clearTimeout(ring);
        settle(resultOfStatus(status));
      },
    });
    leg.once('ended', () => {
      clearTimeout(ring);
      // The leg ends just before it reports a final response: let `failed` settle first; what
      // is left (the transport gone, no answer ever heard) is a failed attempt.
      setImmediate(() => settle('failed'));
    });
  }

  private track(req: DialRequest, up: boolean): void {
    let set = this.live.get(req.campaignId);
    if (!set) this.live.set(req.campaignId, (set = new Set()));
    if (up) set.add(req.recordId);
    else set.delete(req.recordId);
  }

  private report(req: DialRequest, result: DialResult, agentId: string | null): void {
    this.d.log('info', 'dialer attempt', { recordId: req.recordId, result, agentId });
    void this.outcomes
      ?.reportResult(req.recordId, result, agentId)
      .catch((e: unknown) => this.d.log('warn', 'dialer result not stored', { error: String(e) }));
  }

  private finished(req: DialRequest): void {
    void this.outcomes
      ?.finish(req.recordId)
      .catch((e: unknown) => this.d.log('warn', 'dialer finish not stored', { error: String(e) }));
  }

  /** Preview: the record goes to an agent of the queue as a task; they dial it themselves. */
  private async preview(req: DialRequest): Promise<void> {
    const task = await this.d.router.submit(null, {
      channel: 'callback',
      attributes: {
        ...req.data,
        preview: true,
        campaignId: req.campaignId,
        recordId: req.recordId,
        number: req.number,
        name: req.name,
        callerId: req.callerId,
      },
      queueId: req.queueId,
    });
    this.previews.set(task.id, req);
    this.track(req, true);
  }
}
