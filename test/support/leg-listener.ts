/**
 * Counts, per second since the leg began, the non-silent G.711 packets that come back from a
 * caller started with SIPp's -rtp_echo: what the caller heard, echoed.
 */
import { InboundLeg } from '../../src/voice/switch/inbound-leg.ts';
import type { SipLeg } from '../../src/voice/switch/sip-leg.ts';
import type { VoiceSwitch } from '../../src/voice/switch/voice-switch.ts';

const silent = (b: number) => b === 0xff || b === 0x7f || b === 0xd5 || b === 0x55;

export interface HeardLog {
  /** Non-silent packets heard in seconds [from, to) of each inbound leg, summed. */
  between(fromS: number, toS: number): number;
  stop(): void;
}

export function listenToCallers(sw: VoiceSwitch): HeardLog {
  const buckets: number[] = [];
  const stop = sw.onLeg((leg: SipLeg) => {
    if (!(leg instanceof InboundLeg)) return;
    const t0 = Date.now();
    leg.media.endpoint.onAudio((payload) => {
      if (!payload.some((b) => !silent(b))) return;
      const s = Math.floor((Date.now() - t0) / 1000);
      buckets[s] = (buckets[s] ?? 0) + 1;
    });
  });
  return {
    between: (from, to) => buckets.slice(from, to).reduce((a, b) => a + (b ?? 0), 0),
    stop,
  };
}
