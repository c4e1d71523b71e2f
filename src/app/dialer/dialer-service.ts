/**
 * The dialer's decisions for running campaigns: how many lines to start now (pacing), which
 * pending records to call (due, inside their dialing window, not on the do-not-call list — checked
 * again here because the list changes), and what each attempt's result does to its record
 * (connected, or a retry by the campaign's rule, or exhausted). The switch places the calls through
 * the `DialerLines` port and reports results back through `reportResult`.
 */
import type { AppDeps } from '../app-context.ts';
import type { DialerAgents, DialerLines, DialRequest } from '../ports/dialer-lines.ts';
import { moveCampaign, type Campaign } from '../../domain/dialer/campaign.ts';
import {
  finishRecord,
  moveRecord,
  recordResult,
  withdrawRecord,
  type CampaignRecord,
  type DialResult,
} from '../../domain/dialer/campaign-record.ts';
import { campaignStats } from '../../domain/dialer/campaign-stats.ts';
import { mayDialNow, nextDialAt } from '../../domain/dialer/dial-window.ts';
import { linesToDial, type PacingStats } from '../../domain/dialer/pacing.ts';
import { adminOnlyScope } from '../../domain/events/domain-event.ts';
import { DomainError } from '../../domain/errors.ts';

export interface DialerOptions {
  /** The sliding window the pacer measures answer and abandon rates over. */
  readonly windowMs?: number;
  /** Until the switch reports handle and ring times, these means are used. */
  readonly avgHandleSec?: number;
  readonly avgRingSec?: number;
}

export class DialerService {
  private readonly windowMs: number;
  constructor(
    private readonly deps: AppDeps,
    private readonly lines: DialerLines,
    private readonly agents: DialerAgents,
    private readonly o: DialerOptions = {},
  ) {
    this.windowMs = o.windowMs ?? 30 * 60_000;
  }

  /**
   * One pacing step for a campaign: starts the lines the pacer allows and returns what was asked
   * of the switch. A running campaign with no record left to call is completed.
   */
  async dialNext(campaignId: string): Promise<DialRequest[]> {
    const c = await this.deps.store.dialer.getCampaign(campaignId);
    if (!c) throw new DomainError('not_found', 'no such campaign', { id: campaignId });
    if (c.state !== 'running') return [];
    const now = this.deps.clock.now();
    const { free, busy } = await this.agents.availability(c.queueId);
    const measured = this.lines.measured?.(c.id) ?? null;
    const n = linesToDial({
      mode: c.mode,
      freeAgents: free,
      busyAgents: busy,
      callsInFlight: this.lines.inFlight(c.id),
      stats: await this.pacingStats(c.id, now),
      avgHandleSec: measured?.handleSec ?? this.o.avgHandleSec ?? 180,
      avgRingSec: measured?.ringSec ?? this.o.avgRingSec ?? 15,
      maxAbandonRate: c.maxAbandonRate,
    });
    if (n === 0) return [];
    const chosen = await this.choose(c, n, now);
    const asked: DialRequest[] = [];
    for (const r of chosen) {
      const req: DialRequest = {
        campaignId: c.id,
        recordId: r.id,
        number: r.number,
        callerId: c.callerId,
        queueId: c.queueId,
        mode: c.mode,
        name: r.name,
        data: r.data,
      };
      asked.push(req);
      try {
        await this.lines.dial(req);
      } catch {
        // No line could be seized: a failed attempt, retried by the campaign's rule.
        await this.reportResult(r.id, 'failed');
      }
    }
    if (chosen.length === 0) await this.completeIfDone(c);
    return asked;
  }

  /** The switch's outcome of one attempt. */
  async reportResult(
    recordId: string,
    result: DialResult,
    agentId: string | null = null,
  ): Promise<CampaignRecord> {
    return this.deps.store.transaction(async (tx) => {
      const r = await tx.dialer.getRecordForUpdate(recordId);
      if (!r) throw new DomainError('not_found', 'no such record', { id: recordId });
      const c = await tx.dialer.getCampaign(r.campaignId);
      if (!c) throw new DomainError('not_found', 'no such campaign', { id: r.campaignId });
      const now = this.deps.clock.now();
      const next = recordResult(r, result, c, now, agentId);
      await tx.dialer.updateRecord(next);
      tx.append(
        [
          {
            type: 'dialer.attempt',
            subjectType: 'campaign',
            subjectId: c.id,
            payload: { recordId, result, agentId, state: next.state, nextAt: next.nextAt },
            scope: adminOnlyScope,
          },
        ],
        { actorId: null, at: now },
      );
      return next;
    });
  }

  /** A preview offer nobody accepted was taken back: the record waits untried (no attempt). */
  async withdraw(recordId: string): Promise<CampaignRecord> {
    return this.deps.store.transaction(async (tx) => {
      const r = await tx.dialer.getRecordForUpdate(recordId);
      if (!r) throw new DomainError('not_found', 'no such record', { id: recordId });
      const next = withdrawRecord(r, this.deps.clock.now());
      await tx.dialer.updateRecord(next);
      return next;
    });
  }

  /** The connected call ended. */
  async finish(recordId: string): Promise<CampaignRecord> {
    return this.deps.store.transaction(async (tx) => {
      const r = await tx.dialer.getRecordForUpdate(recordId);
      if (!r) throw new DomainError('not_found', 'no such record', { id: recordId });
      const next = finishRecord(r, this.deps.clock.now());
      await tx.dialer.updateRecord(next);
      return next;
    });
  }

  /**
   * After a restart no line is up, so a record still `dialing` lost its call: it counts as a
   * failed attempt (retried by the campaign's rule); one still `connected` had its talk and is
   * done. Returns how many records were settled.
   */
  async recover(): Promise<number> {
    let n = 0;
    for (const c of await this.deps.store.dialer.listCampaigns()) {
      if (c.state === 'completed' || c.state === 'stopped') continue;
      for (const state of ['dialing', 'connected'] as const)
        for (;;) {
          const page = await this.deps.store.dialer.listRecords(
            c.id,
            { state },
            { limit: 200, offset: 0 },
          );
          for (const r of page.items) {
            if (state === 'dialing') await this.reportResult(r.id, 'failed');
            else await this.finish(r.id);
            n++;
          }
          if (page.items.length < 200) break;
        }
    }
    return n;
  }

  private async pacingStats(campaignId: string, now: Date): Promise<PacingStats> {
    const since = new Date(now.getTime() - this.windowMs);
    const s = campaignStats(await this.deps.store.dialer.attempts(campaignId, since), {});
    return { attempts: s.attempts, answered: s.answered, abandoned: s.abandoned };
  }

  /**
   * Up to n due records that may be dialed now, each moved to `dialing`. A record on the DNC list
   * becomes `dnc_blocked`; one outside its window waits until the window opens (its `nextAt`).
   */
  private async choose(c: Campaign, n: number, now: Date): Promise<CampaignRecord[]> {
    const out: CampaignRecord[] = [];
    // Scanned in batches: records outside their window are moved on, so each batch makes progress.
    for (let pass = 0; pass < 20 && out.length < n; pass++) {
      const due = await this.deps.store.dialer.dueRecords(c.id, now, Math.max(50, n * 4));
      if (due.length === 0) break;
      await this.deps.store.transaction(async (tx) => {
        for (const seen of due) {
          if (out.length >= n) break;
          // Re-read under a row lock: another pacing step may have taken the record meanwhile.
          const r = await tx.dialer.getRecordForUpdate(seen.id);
          if (r?.state !== 'pending') continue;
          if (await tx.dialer.isDnc(r.number)) {
            await tx.dialer.updateRecord({ ...moveRecord(r, 'dnc_blocked', now), nextAt: null });
          } else if (!mayDialNow(c, r, now)) {
            const at = nextDialAt(c, r, now);
            // No hours at all: park it a day ahead rather than rescanning it on every step.
            await tx.dialer.updateRecord({
              ...r,
              nextAt: at ?? new Date(now.getTime() + 86_400_000),
            });
          } else {
            const dialing = moveRecord(r, 'dialing', now);
            await tx.dialer.updateRecord(dialing);
            out.push(dialing);
          }
        }
      });
    }
    return out;
  }

  private async completeIfDone(c: Campaign): Promise<void> {
    // The call-backs campaign stands: new requests keep arriving.
    if (c.kind === 'callbacks') return;
    const counts = await this.deps.store.dialer.countByState(c.id);
    const open = (counts.pending ?? 0) + (counts.dialing ?? 0) + (counts.connected ?? 0);
    const any = Object.values(counts).some((v) => (v ?? 0) > 0);
    if (!any || open > 0) return;
    await this.deps.store.transaction(async (tx) => {
      const cur = await tx.dialer.getCampaignForUpdate(c.id);
      if (cur?.state !== 'running') return;
      const now = this.deps.clock.now();
      await tx.dialer.updateCampaign(moveCampaign(cur, 'completed', now));
      tx.append(
        [
          {
            type: 'dialer.campaign_state_changed',
            subjectType: 'campaign',
            subjectId: c.id,
            payload: { from: 'running', to: 'completed' },
            scope: adminOnlyScope,
          },
        ],
        { actorId: null, at: now },
      );
    });
  }
}
