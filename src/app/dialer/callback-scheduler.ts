/**
 * Customers' call-back requests (from the IVR, a case, the portal) as dialer records: each queue
 * has one standing call-backs campaign (kind `callbacks`, progressive, every hour of the week),
 * created on first use, and a request becomes its record for that number, due at the requested
 * time (or at once). The dialer then calls the customer when an agent of the queue is free and
 * puts them through — with the case and the note on the agent's screen — and retries busy or
 * unanswered calls by the campaign's rules. A second request for the same number renews it.
 */
import type { AppDeps } from '../app-context.ts';
import type { Campaign } from '../../domain/dialer/campaign.ts';
import {
  newRecord,
  normalizeDialNumber,
  renewRecord,
  type CampaignRecord,
} from '../../domain/dialer/campaign-record.ts';
import { adminOnlyScope } from '../../domain/events/domain-event.ts';
import { callbackTime } from '../../domain/dialer/callback-time.ts';
import { normalizeMsisdn } from '../../domain/customer/customer.ts';
import type { CampaignService } from './campaign-service.ts';

export interface CallbackRequest {
  /** The queue whose agents call back; null: the center's default queue. */
  readonly queueId: string | null;
  readonly number: string;
  readonly name: string;
  /** When to call; null or past: as soon as an agent is free. */
  readonly at: Date | null;
  /** Shown to the agent and kept on the contact (caseId, caseNumber, note, contactId …). */
  readonly data: Readonly<Record<string, string>>;
}

export interface ScheduledCallback {
  readonly campaignId: string;
  readonly recordId: string;
  readonly number: string;
  readonly at: Date | null;
}

export interface CallbackSchedulerOptions {
  /** E.164 with '+': the number customers see when called back. */
  readonly callerId: string;
  readonly defaultQueueId: string;
}

const everyHour = Object.fromEntries(
  (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => [
    d,
    [{ start: '00:00', end: '24:00' }],
  ]),
);

export class CallbackScheduler {
  constructor(
    private readonly deps: AppDeps,
    private readonly campaigns: CampaignService,
    private readonly o: CallbackSchedulerOptions,
  ) {}

  async schedule(actorId: string | null, r: CallbackRequest): Promise<ScheduledCallback> {
    const now = this.deps.clock.now();
    const at = callbackTime(r.at, now);
    const number = normalizeDialNumber(r.number, this.deps.config.defaultCountryCode);
    const campaign = await this.campaignFor(r.queueId ?? this.o.defaultQueueId);
    const rec = await this.deps.store.transaction(async (tx) => {
      const existing = await tx.dialer.recordByNumberForUpdate(campaign.id, number);
      let saved: CampaignRecord;
      if (existing) {
        saved = renewRecord(existing, { name: r.name, data: r.data }, at, now);
        await tx.dialer.updateRecord(saved);
      } else {
        saved = newRecord(
          this.deps.ids.newId(),
          campaign.id,
          { number, name: r.name, data: { ...r.data, requestedAt: now.toISOString() } },
          now,
          await tx.dialer.nextPosition(campaign.id),
        );
        saved = { ...saved, nextAt: at };
        await tx.dialer.insertRecords([saved]);
      }
      tx.append(
        [
          {
            type: 'dialer.callback_scheduled',
            subjectType: 'campaign',
            subjectId: campaign.id,
            payload: { recordId: saved.id, at: at?.toISOString() ?? null, state: saved.state },
            scope: adminOnlyScope,
          },
        ],
        { actorId, at: now },
      );
      return saved;
    });
    return { campaignId: campaign.id, recordId: rec.id, number, at };
  }

  /** The queue's call-backs campaign, created (and started) on first use, restarted if paused. */
  private async campaignFor(queueId: string): Promise<Campaign> {
    const all = await this.deps.store.dialer.listCampaigns();
    const open = all.find(
      (c) =>
        c.kind === 'callbacks' &&
        c.queueId === queueId &&
        c.state !== 'completed' &&
        c.state !== 'stopped',
    );
    if (open) return open;
    const queue = (await this.deps.store.routing.listQueues()).find((q) => q.id === queueId);
    const created = await this.campaigns.create('system', {
      kind: 'callbacks',
      name: `Call-backs · ${queue?.name ?? queueId}`,
      mode: 'progressive',
      queueId,
      callerId: this.o.callerId,
      windows: everyHour,
      retry: {
        busy: { maxAttempts: 3, retryAfterMinutes: 10 },
        no_answer: { maxAttempts: 3, retryAfterMinutes: 30 },
        failed: { maxAttempts: 2, retryAfterMinutes: 15 },
      },
    });
    return this.campaigns.move('system', created.id, 'running');
  }
}

/** The trunk's caller ID as E.164 with '+' (a national number gets the country code). */
export const e164CallerId = (raw: string, countryCode: string): string =>
  `+${normalizeMsisdn(raw, countryCode)}`;
