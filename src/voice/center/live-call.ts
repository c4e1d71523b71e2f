/**
 * One connected call in the switch: the domain call model, the SIP legs behind its legs, and the
 * media room. Every change goes through `apply(step)`: the step's events are logged, then the
 * media and signalling are brought in line with the model — legs the model released are hung up,
 * established legs join the room, the room's hearing follows callAudio(), and the customer gets
 * music on hold whenever the model says so.
 */
import { callAudio } from '../../domain/call/call-audio.ts';
import type { Call as CallModel, CallEvent, CallStep } from '../../domain/call/call.ts';
import { MediaRoom } from '../rtp/media-room.ts';
import type { MediaClock } from '../rtp/media-clock.ts';
import type { Player } from '../rtp/player.ts';
import type { Recorder } from '../rtp/recorder.ts';
import type { AudioPort } from '../rtp/audio-port.ts';
import { WebRtcLeg } from '../webrtc/webrtc-leg.ts';

/** What a call needs of a leg, SIP or WebRTC. */
export interface LegHandle {
  readonly callId: string;
  readonly ended: boolean;
  readonly media: { readonly endpoint: AudioPort & { sendDtmf(digit: string): Promise<boolean> } };
  hangup(): void;
  once(event: 'ended', listener: (reason: string) => void): unknown;
}

export interface LiveCallDeps {
  readonly clock: MediaClock;
  readonly recorder: Recorder | null;
  /** Plays to the customer (the IVR's player): used for music on hold. */
  readonly customerPlayer: Player;
  readonly music: () => Promise<Int16Array[]>;
  readonly emit: (events: readonly CallEvent[], by: string | null) => Promise<void>;
  /** A leg ended on the SIP side (hang-up, failure): the owner turns it into a model step. */
  readonly legEnded: (legId: string, reason: string) => void;
  /**
   * The model released the customer while they are still on the line (the agent hung up):
   * true when the owner keeps the caller for something more (the post-call survey).
   */
  readonly keepCustomer?: () => boolean;
}

export class LiveCall {
  private readonly sip = new Map<string, LegHandle>();
  readonly room: MediaRoom;
  private musicOn = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    public model: CallModel,
    customer: LegHandle,
    private readonly d: LiveCallDeps,
  ) {
    const c = model.legs.find((l) => l.role === 'customer')!;
    this.room = new MediaRoom(d.clock, c.id, d.recorder);
    this.attach(c.id, customer);
  }

  /** Ties a SIP leg to a model leg; its end becomes a model step. */
  attach(legId: string, leg: LegHandle): void {
    this.sip.set(legId, leg);
    leg.once('ended', (reason) => this.d.legEnded(legId, reason));
    if (leg instanceof WebRtcLeg)
      leg.on('media', () => {
        // The agent's page reconnected with a new peer connection: swap it into the room.
        if (this.room.has(legId)) this.room.add(legId, leg.media.endpoint);
        this.sync();
      });
  }

  sipLeg(legId: string): LegHandle | undefined {
    return this.sip.get(legId);
  }

  /**
   * Runs `f` on the current model and applies its step; steps are serialised so commands and
   * SIP events arriving together see each other's results.
   */
  run(f: (model: CallModel) => CallStep, by: string | null = null): Promise<CallStep> {
    const result = this.queue.then(async () => {
      const step = f(this.model);
      this.model = step.call;
      this.sync();
      await this.d.emit(step.events, by);
      return step;
    });
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  get released(): boolean {
    return this.model.state === 'released';
  }

  private sync(): void {
    for (const leg of this.model.legs) {
      const sip = this.sip.get(leg.id);
      if (!sip) continue;
      if (leg.state === 'released') {
        this.room.remove(leg.id);
        if (!sip.ended && !(leg.role === 'customer' && this.d.keepCustomer?.())) sip.hangup();
      } else if (leg.state === 'established' || leg.state === 'held') {
        if (!this.room.has(leg.id)) this.room.add(leg.id, sip.media.endpoint);
      }
    }
    const audio = callAudio(this.model);
    this.room.setHearing(audio.hears, audio.music);
    const customer = this.model.legs.find((l) => l.role === 'customer');
    const wantMusic = !!customer && audio.music.includes(customer.id);
    if (wantMusic && !this.musicOn) {
      this.musicOn = true;
      void this.d.music().then((clips) => {
        if (this.musicOn) void this.d.customerPlayer.play(clips, { loop: true });
      });
    } else if (!wantMusic && this.musicOn) {
      this.musicOn = false;
      this.d.customerPlayer.stop();
    }
    if (this.model.state === 'released') this.room.close();
  }
}
