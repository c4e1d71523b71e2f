/**
 * Call recordings for quality review: search the catalogue, stream a recording (or a byte
 * range of it, so a browser can seek), and its waveform. Supervisors and admins see every
 * recording; an agent only the calls they took. Other roles never reach here (the routes say so).
 */
import type { Actor, AppDeps } from '../app-context.ts';
import type { RecordingFilter, RecordingListItem } from '../ports/recording-repo.ts';
import type { RecordingStore } from '../ports/recording-store.ts';
import type { Page, PageOf } from '../ports/store.ts';
import { DomainError } from '../../domain/errors.ts';
import { wavPeaks, type WavPeaks } from './wav-peaks.ts';

export const maxWaveformPoints = 4000;

/** Bytes `start..end` inclusive, as asked for by an HTTP `Range: bytes=` header. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

const seesAll = (a: Actor) => a.role === 'admin' || a.role === 'supervisor';

export class RecordingService {
  constructor(
    private readonly deps: AppDeps,
    private readonly files: RecordingStore,
  ) {}

  async list(actor: Actor, f: RecordingFilter, page: Page): Promise<PageOf<RecordingListItem>> {
    if (!seesAll(actor)) {
      // Asking for a colleague's calls gives nothing rather than an error: filters never fail.
      if (f.agentId && f.agentId !== actor.id) return { items: [], total: 0 };
      f = { ...f, agentId: actor.id };
    }
    return this.deps.store.recordings.list(f, page);
  }

  /** The recording of a contact, if the actor may see it (else not_found, like a missing one). */
  async get(actor: Actor, contactId: string): Promise<RecordingListItem> {
    const r = await this.deps.store.recordings.get(contactId);
    if (!r || (!seesAll(actor) && r.agentId !== actor.id))
      throw new DomainError('not_found', 'no such recording', { id: contactId });
    return r;
  }

  /**
   * The audio bytes: the whole file, or the range asked for (clamped to the file; a range
   * starting past its end is `recording.range_not_satisfiable`).
   */
  async audio(actor: Actor, contactId: string, range: ByteRange | null) {
    const r = await this.readable(actor, contactId);
    const size = await this.files.size(r.recordingId);
    if (size === null) throw this.missing(r);
    let part: ByteRange | null = null;
    if (range) {
      // A suffix range (`bytes=-n`) arrives with a negative start: the last n bytes.
      if (range.start < 0) range = { start: Math.max(0, size + range.start), end: range.end };
      if (range.start >= size || range.start > range.end)
        throw new DomainError(
          'recording.range_not_satisfiable',
          `the recording has ${size} bytes`,
          { size },
        );
      part = { start: range.start, end: Math.min(range.end, size - 1) };
    }
    const opened = await this.files.open(r.recordingId, part ?? undefined);
    if (!opened) throw this.missing(r);
    return { recording: r, stream: opened.stream, size: opened.size, range: part };
  }

  /** Peaks per channel, plus the paused (PCI) spans to draw as silence. */
  async waveform(
    actor: Actor,
    contactId: string,
    points: number,
  ): Promise<WavPeaks & { pauses: RecordingListItem['pauses'] }> {
    if (!Number.isInteger(points) || points < 1 || points > maxWaveformPoints)
      throw new DomainError(
        'validation.failed',
        `points must be a whole number from 1 to ${maxWaveformPoints}`,
        { field: 'points' },
      );
    const r = await this.readable(actor, contactId);
    const opened = await this.files.open(r.recordingId);
    if (!opened) throw this.missing(r);
    try {
      return { ...(await wavPeaks(opened.stream, opened.size, points)), pauses: r.pauses };
    } finally {
      opened.stream.destroy();
    }
  }

  private async readable(actor: Actor, contactId: string): Promise<RecordingListItem> {
    const r = await this.get(actor, contactId);
    if (r.deletedAt)
      throw new DomainError('recording.deleted', 'the recording was deleted', {
        id: contactId,
        reason: r.deletedReason,
        deletedAt: r.deletedAt.toISOString(),
      });
    return r;
  }

  private missing(r: RecordingListItem) {
    return new DomainError('not_found', 'the recording file is missing', { id: r.contactId });
  }
}
