/**
 * Connects two RTP endpoints both ways (caller ↔ agent). Each side re-sends what it hears with
 * its own SSRC, sequence and timestamps (RtpEndpoint.sendAudio), transcoding PCMU ↔ PCMA when
 * the legs chose different codecs, and feeds the recorder: caller left, agent right.
 */
import { decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw } from '../media/g711.ts';
import type { Recorder } from './recorder.ts';
import type { AudioPort } from './audio-port.ts';
import type { G711 } from './rtp-endpoint.ts';

function transcode(payload: Buffer, from: G711, to: G711): Buffer {
  if (from === to) return payload;
  const pcm = from === 'PCMA' ? decodeAlaw(payload) : decodeMulaw(payload);
  const out = to === 'PCMA' ? encodeAlaw(pcm) : encodeMulaw(pcm);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export interface BridgeOptions {
  readonly recorder?: Recorder | null;
  /** When false, audio from that side is not forwarded (hold, whisper). */
  readonly aToB?: () => boolean;
  readonly bToA?: () => boolean;
}

/** Bridges a (the caller) and b (the agent); returns a function that undoes it. */
export function bridge(a: AudioPort, b: AudioPort, o: BridgeOptions = {}): () => void {
  const offA = a.onAudio((payload, codec) => {
    o.recorder?.feed(0, payload, codec);
    if (o.aToB?.() ?? true) b.sendAudio(transcode(payload, codec, b.codec));
  });
  const offB = b.onAudio((payload, codec) => {
    o.recorder?.feed(1, payload, codec);
    if (o.bToA?.() ?? true) a.sendAudio(transcode(payload, codec, a.codec));
  });
  return () => {
    offA();
    offB();
  };
}
