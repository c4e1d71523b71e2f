/** The slice of an RTP endpoint that bridges and rooms need (tests use in-memory ports). */
import type { G711 } from './rtp-endpoint.ts';

export interface AudioPort {
  readonly codec: G711;
  onAudio(l: (payload: Buffer, codec: G711) => void): () => void;
  sendAudio(payload: Buffer): void;
}
