/**
 * Keeps the recordings catalogue in step with the recorder: a row when recording starts (so
 * retention knows the call is on) and its length, size and paused spans when it stops. Failures
 * are logged, never thrown: a catalogue hiccup must not drop the call.
 */
import type { RecordingStore } from '../../app/ports/recording-store.ts';
import type { Store } from '../../app/ports/store.ts';
import type { Recorder } from '../rtp/recorder.ts';

type Log = (level: 'info' | 'warn', msg: string, extra?: Record<string, unknown>) => void;

export async function recordingStarted(
  d: { store: Store; log: Log },
  r: { contactId: string; recordingId: string; startedAt: Date },
): Promise<void> {
  await d.store.recordings
    .start(r)
    .catch((e: unknown) => d.log('warn', 'recording catalogue start failed', { error: String(e) }));
}

/** Call after `recorder.close()`, so the file has its final size. */
export async function recordingFinished(
  d: { store: Store; files: RecordingStore; log: Log },
  r: { contactId: string; recordingId: string; recorder: Recorder; endedAt: Date },
): Promise<void> {
  const total = r.recorder.durationMs;
  // A pause still open at hang-up lasts to the end of the file.
  const pauses = r.recorder.pauses.map((p) => ({
    fromMs: p.pausedAtMs,
    toMs: p.resumedAtMs ?? total,
  }));
  try {
    await d.store.recordings.finish(r.contactId, {
      endedAt: r.endedAt,
      durationMs: total,
      sizeBytes: await d.files.size(r.recordingId),
      pauses,
    });
  } catch (e) {
    d.log('warn', 'recording catalogue finish failed', { error: String(e) });
  }
}
