/**
 * The catalogue of call recordings (the files live in a RecordingStore). A row is started when
 * a call's recording begins and finished when it stops; the retention sweep turns it into a
 * tombstone. `list` joins the contact (agent, customer, case) and its router task (queue).
 */
import type { Page, PageOf } from './store.ts';

/** A paused stretch of the recording (silence in the file), in ms from its start. */
export interface PausedSpan {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface RecordingRecord {
  readonly contactId: string;
  readonly recordingId: string;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly durationMs: number | null;
  readonly sizeBytes: number | null;
  readonly pauses: readonly PausedSpan[];
  readonly deletedAt: Date | null;
  readonly deletedReason: string | null;
}

/** A recording with what the search filters on, from its contact. */
export interface RecordingListItem extends RecordingRecord {
  readonly agentId: string | null;
  readonly customerId: string | null;
  readonly from: string;
  readonly to: string;
  readonly direction: string;
  readonly queueId: string | null;
  readonly caseId: string | null;
  /** When the contact ended; null while the call is still on. */
  readonly contactEndedAt: Date | null;
}

export interface RecordingFilter {
  readonly agentId?: string;
  /** A customer id, or part of the caller's / called number. */
  readonly customer?: string;
  readonly queueId?: string;
  readonly caseId?: string;
  /** Started at or after `from`, before `to`. */
  readonly from?: Date;
  readonly to?: Date;
  readonly includeDeleted?: boolean;
}

export interface RecordingRepo {
  /** Inserts the row of a recording that has begun (or restarts it for the same contact). */
  start(r: { contactId: string; recordingId: string; startedAt: Date }): Promise<void>;
  finish(
    contactId: string,
    r: { endedAt: Date; durationMs: number; sizeBytes: number | null; pauses: PausedSpan[] },
  ): Promise<void>;
  get(contactId: string): Promise<RecordingListItem | null>;
  /** Newest (by start) first. */
  list(f: RecordingFilter, page: Page): Promise<PageOf<RecordingListItem>>;
  /**
   * Finished, not yet deleted recordings that started before `before`, whose contact has
   * ended or was deleted: the only ones retention may delete. Oldest first, at most `limit`.
   */
  expired(
    before: Date,
    limit: number,
  ): Promise<{ contactId: string; recordingId: string; agentId: string | null }[]>;
  /** Marks a recording deleted; false if it was already. */
  markDeleted(contactId: string, at: Date, reason: string): Promise<boolean>;
}
