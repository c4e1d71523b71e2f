/**
 * Campaigns, their records and the do-not-call list. Behaviour owed:
 * - `insertRecords` keeps a number once per campaign: rows whose number the campaign already has
 *   are skipped (the import report caught them first; this covers a concurrent import).
 * - `dueRecords` returns pending records whose `nextAt` is null or not after `now`, earliest
 *   `nextAt` first (null first), then in list order.
 * - `addDnc` is idempotent: adding a listed number keeps the first entry.
 */
import type { Campaign } from '../../domain/dialer/campaign.ts';
import type {
  CampaignRecord,
  DialAttempt,
  RecordState,
} from '../../domain/dialer/campaign-record.ts';
import type { DncEntry } from '../../domain/dialer/dnc.ts';
import type { Page, PageOf } from './store.ts';

export interface DialerRepo {
  insertCampaign(c: Campaign): Promise<void>;
  updateCampaign(c: Campaign): Promise<void>;
  getCampaign(id: string): Promise<Campaign | null>;
  /** Reads and locks the row until the transaction ends. */
  getCampaignForUpdate(id: string): Promise<Campaign | null>;
  listCampaigns(): Promise<Campaign[]>;

  /** Returns how many were inserted. */
  insertRecords(rs: readonly CampaignRecord[]): Promise<number>;
  updateRecord(r: CampaignRecord): Promise<void>;
  getRecord(id: string): Promise<CampaignRecord | null>;
  getRecordForUpdate(id: string): Promise<CampaignRecord | null>;
  /** The campaign's record of a number (normalised), locked until the transaction ends. */
  recordByNumberForUpdate(campaignId: string, number: string): Promise<CampaignRecord | null>;
  /** In list order (position). */
  listRecords(
    campaignId: string,
    f: { state?: RecordState },
    page: Page,
  ): Promise<PageOf<CampaignRecord>>;
  /** The position after the campaign's last record (0 for none). */
  nextPosition(campaignId: string): Promise<number>;
  /** The normalised numbers already in the campaign. */
  campaignNumbers(campaignId: string): Promise<Set<string>>;
  dueRecords(campaignId: string, now: Date, limit: number): Promise<CampaignRecord[]>;
  countByState(campaignId: string): Promise<Partial<Record<RecordState, number>>>;
  /** Every attempt of the campaign's records made at or after `since` (null: all). */
  attempts(campaignId: string, since: Date | null): Promise<DialAttempt[]>;

  addDnc(e: DncEntry): Promise<void>;
  removeDnc(number: string): Promise<boolean>;
  isDnc(number: string): Promise<boolean>;
  /** Sorted by number. */
  listDnc(page: Page): Promise<PageOf<DncEntry>>;
  /** Every listed number, for checking an import. */
  dncNumbers(): Promise<string[]>;
}
