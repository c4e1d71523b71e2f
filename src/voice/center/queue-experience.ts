/**
 * What a caller hears while waiting for an agent: music on hold, and every `announceEverySeconds`
 * their position in line (and the call-back offer). A press of the call-back key ends the wait.
 */
import { musicOnHold, queueAnnouncement } from '../../domain/ivr/queue-announcement.ts';
import type { IvrLanguage } from '../../domain/ivr/ivr-language.ts';
import type { DigitBuffer } from '../ivr/digit-buffer.ts';
import type { PromptStore } from '../ivr/prompt-store.ts';
import type { Player } from '../rtp/player.ts';

export interface QueueExperienceOptions {
  readonly language: IvrLanguage;
  readonly announceEverySeconds: number;
  readonly callbackDigit: string | null;
  /** 1-based position in line, or null when unknown. */
  readonly position: () => number | null;
  readonly announcePosition: boolean;
}

export class QueueExperience {
  private stopped = false;
  private offKey: () => void = () => {};

  constructor(
    private readonly player: Player,
    private readonly prompts: PromptStore,
    private readonly digits: DigitBuffer,
  ) {}

  /** Plays until stop(); resolves 'callback' if the caller pressed the call-back key. */
  async run(o: QueueExperienceOptions): Promise<'stopped' | 'callback'> {
    let callback = false;
    this.offKey = this.digits.onKey((d) => {
      if (!o.callbackDigit || d !== o.callbackDigit) return false;
      callback = true;
      this.stop();
      return true; // the key chose the call-back; it is not part of the number asked next
    });
    const moh = await this.prompts.load(musicOnHold).catch(() => new Int16Array(8000));
    let first = true;
    while (!this.stopped) {
      const announcement = queueAnnouncement(o.language, {
        busy: first,
        ...(o.announcePosition ? { position: o.position() ?? 0 } : {}),
        callbackDigit: o.callbackDigit,
      });
      first = false;
      if (announcement.length) await this.player.play(await this.prompts.loadAll(announcement));
      if (this.stopped) break;
      // Music until the next announcement: loop the clip for the interval.
      const loops = Math.max(
        1,
        Math.round((o.announceEverySeconds * 8000) / Math.max(1, moh.length)),
      );
      await this.player.play(Array.from({ length: loops }, () => moh));
    }
    this.offKey();
    return callback ? 'callback' : 'stopped';
  }

  stop(): void {
    this.stopped = true;
    this.player.stop();
  }
}
