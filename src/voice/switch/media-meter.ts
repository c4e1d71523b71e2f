/**
 * Cheap media figures for the node's health: RTP packets received per second and the share lost
 * (sequence gaps, which every endpoint already counts), between two samples. Totals are the
 * closed legs' counts plus the open legs' current ones, so a call ending between samples takes
 * nothing away from the difference.
 */
import type { MediaFigures } from '../../app/ports/voice-resources.ts';
import type { RtpStats } from '../rtp/rtp-endpoint.ts';

export class MediaMeter {
  private closedIn = 0;
  private closedLost = 0;
  private last: { at: number; packetsIn: number; lost: number } | null = null;
  private figures: MediaFigures | null = null;

  constructor(private readonly open: () => Iterable<RtpStats>) {}

  /** A leg's endpoint is closing: keep its counts. */
  closed(s: RtpStats): void {
    this.closedIn += s.packetsIn;
    this.closedLost += s.lost;
  }

  /** Figures since the previous sample; samples at most once a second (else the last figures). */
  sample(now = Date.now()): MediaFigures {
    let packetsIn = this.closedIn;
    let lost = this.closedLost;
    for (const s of this.open()) {
      packetsIn += s.packetsIn;
      lost += s.lost;
    }
    const prev = this.last;
    if (prev && now - prev.at < 1000 && this.figures) return this.figures;
    this.last = { at: now, packetsIn, lost };
    if (!prev) return (this.figures = { packetsPerSecond: 0, lossRatio: null });
    const got = packetsIn - prev.packetsIn;
    const missed = lost - prev.lost;
    this.figures = {
      packetsPerSecond: got / ((now - prev.at) / 1000),
      lossRatio: got + missed > 0 ? missed / (got + missed) : null,
    };
    return this.figures;
  }
}
