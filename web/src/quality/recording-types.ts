/** Recording shapes, from the server's contracts (types only). */
import type { z } from 'zod';
import type { RecordingView, WaveformView } from '../../../src/contracts/recordings.ts';

export type Recording = z.infer<typeof RecordingView>;
export type Waveform = z.infer<typeof WaveformView>;

/** What the filter bar asks for; empty fields are left out of the query. */
export interface RecordingSearch {
  agentId?: string;
  customer?: string;
  queueId?: string;
  caseId?: string;
  from?: string;
  to?: string;
}
