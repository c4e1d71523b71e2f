/**
 * A voice contact with a real recording: the call's Recorder on a real media clock, fed a tone
 * on each channel (caller quieter than agent), optionally paused for a span, then closed and
 * catalogued exactly as the voice center does it (recording-log.ts).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { systemActor } from '../../src/app/app-context.ts';
import type { Services } from '../../src/api/http/api-env.ts';
import type { Contact } from '../../src/domain/contact/contact.ts';
import { recordingFinished, recordingStarted } from '../../src/voice/center/recording-log.ts';
import { encodeMulaw } from '../../src/voice/media/g711.ts';
import type { MediaClock } from '../../src/voice/rtp/media-clock.ts';
import { Recorder } from '../../src/voice/rtp/recorder.ts';

export interface RecordedCall {
  readonly agentId: string;
  readonly startedAt: string;
  readonly from: string;
  readonly customerId?: string;
  readonly caseId?: string;
  readonly taskId?: string;
  /** Pause and resume, ms after the recording starts (wall time). */
  readonly pause?: readonly [number, number];
  readonly lengthMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = () => undefined;

function tone(amplitude: number, frameIndex: number): Buffer {
  const pcm = new Int16Array(160);
  for (let i = 0; i < 160; i++)
    pcm[i] = Math.round(amplitude * Math.sin((2 * Math.PI * 440 * (frameIndex * 160 + i)) / 8000));
  return Buffer.from(encodeMulaw(pcm));
}

/** Starts the recording; resolves with the contact and a `finish` that ends the call. */
export async function startRecordedCall(s: Services, clock: MediaClock, c: RecordedCall) {
  const startedAt = new Date(c.startedAt);
  const contact = await s.customers.createContact(systemActor, {
    channel: 'voice',
    direction: 'inbound',
    from: c.from,
    to: '10086',
    startedAt,
    answeredAt: startedAt,
    agentId: c.agentId,
    customerId: c.customerId ?? null,
    caseId: c.caseId ?? null,
    taskId: c.taskId ?? null,
  });
  const recordingId = `${c.startedAt.slice(0, 10)}/${contact.id}.wav`;
  const path = s.recordings.pathFor(recordingId);
  await mkdir(dirname(path), { recursive: true });
  const recorder = new Recorder(path, clock);
  await recordingStarted(
    { store: s.store, log },
    { contactId: contact.id, recordingId, startedAt },
  );
  await s.customers.updateContact(systemActor, contact.id, { recordingId });
  // Audio for the whole call: a second queued up front (the recorder keeps at most that), then
  // topped up every half second; the recorder takes one frame per tick.
  let fed = 0;
  const feed = (frames: number) => {
    for (const end = fed + frames; fed < end; fed++) {
      recorder.feed(0, tone(6000, fed), 'PCMU');
      recorder.feed(1, tone(16000, fed), 'PCMU');
    }
  };
  feed(50);
  const topUp = setInterval(() => feed(25), 500);
  const finish = async (): Promise<Contact> => {
    clearInterval(topUp);
    await recorder.close();
    const endedAt = new Date(startedAt.getTime() + recorder.durationMs);
    await recordingFinished(
      { store: s.store, files: s.recordings, log },
      { contactId: contact.id, recordingId, recorder, endedAt },
    );
    return s.customers.updateContact(systemActor, contact.id, { endedAt });
  };
  return { contact, recorder, finish };
}

/** A whole recorded call: started, paused if asked, ended after `lengthMs`. */
export async function recordCall(s: Services, clock: MediaClock, c: RecordedCall) {
  const call = await startRecordedCall(s, clock, c);
  if (c.pause) {
    await sleep(c.pause[0]);
    call.recorder.pause();
    await sleep(c.pause[1] - c.pause[0]);
    call.recorder.resume();
    await sleep(c.lengthMs - c.pause[1]);
  } else await sleep(c.lengthMs);
  return call.finish();
}
