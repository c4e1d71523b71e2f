/**
 * Administrators' and supervisors' use cases for outbound campaigns: settings, start / pause /
 * stop, contact list imports with a per-line report, and the do-not-call list. Dialing itself is
 * DialerService's job.
 */
import type { AppDeps } from '../app-context.ts';
import type { Page, PageOf } from '../ports/store.ts';
import {
  assertEditable,
  defaultMaxAbandonRate,
  defaultRetry,
  moveCampaign,
  validateCampaign,
  type Campaign,
  type CampaignKind,
  type CampaignState,
  type DialerMode,
  type RetryResult,
  type RetryRule,
} from '../../domain/dialer/campaign.ts';
import {
  newRecord,
  type CampaignRecord,
  type RecordState,
} from '../../domain/dialer/campaign-record.ts';
import { campaignStats, type CampaignStats } from '../../domain/dialer/campaign-stats.ts';
import { readCsvList, type CsvIssue } from '../../domain/dialer/csv-list.ts';
import { DncList, type DncEntry } from '../../domain/dialer/dnc.ts';
import { normalizeDialNumber } from '../../domain/dialer/campaign-record.ts';
import { ListRowChecker, type CsvAccepted } from '../../domain/dialer/list-row-check.ts';
import { adminOnlyScope } from '../../domain/events/domain-event.ts';
import { DomainError } from '../../domain/errors.ts';

export interface CampaignSettings {
  readonly name?: string;
  readonly mode?: DialerMode;
  readonly queueId?: string;
  readonly callerId?: string;
  readonly timeZone?: string;
  readonly windows?: Campaign['windows'];
  readonly holidays?: readonly string[];
  readonly retry?: Partial<Record<RetryResult, RetryRule>>;
  readonly maxAbandonRate?: number;
}
export type NewCampaign = CampaignSettings &
  Required<Pick<CampaignSettings, 'name' | 'mode' | 'queueId' | 'callerId'>> & {
    readonly kind?: CampaignKind;
  };

export interface JsonListRow {
  readonly number: string;
  readonly name?: string;
  readonly timeZone?: string;
  readonly notBefore?: string;
  readonly data?: Record<string, string>;
}
export interface ImportReport {
  readonly accepted: number;
  readonly rejected: CsvIssue[];
}

/** Weekdays 09:00–21:00, the hours most rules allow for marketing calls. */
const defaultWindows: Campaign['windows'] = Object.fromEntries(
  (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
    d,
    [{ start: '09:00', end: '21:00' }],
  ]),
);

export class CampaignService {
  constructor(private readonly deps: AppDeps) {}

  async create(actorId: string, n: NewCampaign): Promise<Campaign> {
    const now = this.deps.clock.now();
    const c = validateCampaign({
      id: this.deps.ids.newId(),
      kind: n.kind ?? 'list',
      name: n.name,
      mode: n.mode,
      queueId: n.queueId,
      callerId: n.callerId,
      timeZone: n.timeZone ?? this.deps.config.timeZone,
      windows: n.windows ?? defaultWindows,
      holidays: n.holidays ?? [],
      retry: { ...defaultRetry, ...n.retry },
      maxAbandonRate: n.maxAbandonRate ?? defaultMaxAbandonRate,
      state: 'draft',
      createdAt: now,
      updatedAt: now,
    });
    await this.assertQueue(c.queueId);
    await this.deps.store.transaction(async (tx) => {
      await tx.dialer.insertCampaign(c);
      tx.append([this.event(c, 'dialer.campaign_created', { name: c.name, mode: c.mode })], {
        actorId,
        at: now,
      });
    });
    return c;
  }

  list(): Promise<Campaign[]> {
    return this.deps.store.dialer.listCampaigns();
  }

  async get(id: string): Promise<Campaign> {
    const c = await this.deps.store.dialer.getCampaign(id);
    if (!c) throw new DomainError('not_found', 'no such campaign', { id });
    return c;
  }

  async update(actorId: string, id: string, p: CampaignSettings): Promise<Campaign> {
    if (p.queueId !== undefined) await this.assertQueue(p.queueId);
    return this.deps.store.transaction(async (tx) => {
      const cur = await tx.dialer.getCampaignForUpdate(id);
      if (!cur) throw new DomainError('not_found', 'no such campaign', { id });
      assertEditable(cur);
      const now = this.deps.clock.now();
      const { retry, ...rest } = p;
      const next = validateCampaign({
        ...cur,
        ...rest,
        retry: { ...cur.retry, ...retry },
        updatedAt: now,
      });
      await tx.dialer.updateCampaign(next);
      tx.append([this.event(next, 'dialer.campaign_updated', { fields: Object.keys(p) })], {
        actorId,
        at: now,
      });
      return next;
    });
  }

  /** start (from draft or paused), pause, stop; completion is DialerService's. */
  async move(actorId: string, id: string, to: CampaignState): Promise<Campaign> {
    return this.deps.store.transaction(async (tx) => {
      const cur = await tx.dialer.getCampaignForUpdate(id);
      if (!cur) throw new DomainError('not_found', 'no such campaign', { id });
      const now = this.deps.clock.now();
      const next = moveCampaign(cur, to, now);
      await tx.dialer.updateCampaign(next);
      tx.append([this.event(next, 'dialer.campaign_state_changed', { from: cur.state, to })], {
        actorId,
        at: now,
      });
      return next;
    });
  }

  /** Imports a CSV list; rows already in the campaign or on the DNC list are reported, not kept. */
  async importCsv(actorId: string, id: string, text: string): Promise<ImportReport> {
    const { dnc, existing } = await this.importContext(id);
    const r = readCsvList(text, { dnc, existing });
    return this.store(actorId, id, r.accepted, r.rejected);
  }

  /** The same checks as CSV; `line` in the report is the item's position, from 1. */
  async importJson(
    actorId: string,
    id: string,
    rows: readonly JsonListRow[],
  ): Promise<ImportReport> {
    const { dnc, existing } = await this.importContext(id);
    const checker = new ListRowChecker(dnc, existing);
    const accepted: CsvAccepted[] = [];
    const rejected: CsvIssue[] = [];
    rows.forEach((row, i) => {
      const out = checker.check(i + 1, {
        number: row.number,
        name: row.name ?? '',
        timeZone: row.timeZone ?? '',
        notBefore: row.notBefore ?? '',
        data: row.data ?? {},
      });
      if ('code' in out) rejected.push(out);
      else accepted.push(out);
    });
    return this.store(actorId, id, accepted, rejected);
  }

  async records(
    id: string,
    f: { state?: RecordState },
    page: Page,
  ): Promise<PageOf<CampaignRecord>> {
    await this.get(id);
    return this.deps.store.dialer.listRecords(id, f, page);
  }

  /** Totals over every attempt of the campaign, and its records by state. */
  async stats(id: string): Promise<CampaignStats> {
    await this.get(id);
    const [attempts, records] = await Promise.all([
      this.deps.store.dialer.attempts(id, null),
      this.deps.store.dialer.countByState(id),
    ]);
    return campaignStats(attempts, records);
  }

  listDnc(page: Page): Promise<PageOf<DncEntry>> {
    return this.deps.store.dialer.listDnc(page);
  }

  async addDnc(actorId: string, number: string, reason: string): Promise<DncEntry> {
    const e: DncEntry = {
      number: normalizeDialNumber(number),
      reason,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.store.dialer.addDnc(e);
    return e;
  }

  async removeDnc(number: string): Promise<void> {
    if (!(await this.deps.store.dialer.removeDnc(normalizeDialNumber(number))))
      throw new DomainError('not_found', 'that number is not on the do-not-call list');
  }

  private async importContext(id: string) {
    const c = await this.get(id);
    assertEditable(c);
    const [numbers, existing] = await Promise.all([
      this.deps.store.dialer.dncNumbers(),
      this.deps.store.dialer.campaignNumbers(id),
    ]);
    return { dnc: new DncList(numbers), existing };
  }

  private async store(
    actorId: string,
    id: string,
    accepted: readonly CsvAccepted[],
    rejected: CsvIssue[],
  ): Promise<ImportReport> {
    const now = this.deps.clock.now();
    const stored = await this.deps.store.transaction(async (tx) => {
      // The campaign row is locked so two imports cannot take the same positions.
      const c = await tx.dialer.getCampaignForUpdate(id);
      const first = await tx.dialer.nextPosition(id);
      const records = accepted.map((a, i) =>
        newRecord(this.deps.ids.newId(), id, a.input, now, first + i),
      );
      const n = await tx.dialer.insertRecords(records);
      if (c)
        tx.append(
          [this.event(c, 'dialer.records_imported', { accepted: n, rejected: rejected.length })],
          { actorId, at: now },
        );
      return n;
    });
    return { accepted: stored, rejected };
  }

  private async assertQueue(queueId: string): Promise<void> {
    if (!(await this.deps.store.routing.getQueue(queueId)))
      throw new DomainError('routing.unknown_queue', 'no such queue', { queueId });
  }

  private event(c: Campaign, type: string, payload: Record<string, unknown>) {
    return { type, subjectType: 'campaign', subjectId: c.id, payload, scope: adminOnlyScope };
  }
}
