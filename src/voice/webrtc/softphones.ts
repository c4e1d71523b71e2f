/**
 * The browser softphones of logged-in agents: rings them with WebRtcLegs, routes what browsers
 * send to the right leg (only the agent the leg rings may answer it), and re-offers calls in
 * progress when an agent's page reconnects.
 */
import type { SoftphoneChannel } from '../../app/ports/softphone-channel.ts';
import type { WebRtcOptions } from './webrtc-endpoint.ts';
import { WebRtcLeg, type RingInfo } from './webrtc-leg.ts';

export class Softphones {
  private readonly legs = new Map<string, WebRtcLeg>();

  constructor(
    readonly channel: SoftphoneChannel,
    private readonly o: WebRtcOptions & { graceMs?: number } = {},
  ) {
    channel.onMessage((actor, msg) => {
      const leg = this.legs.get(msg.legId);
      if (leg && leg.userId === actor.id) void leg.onBrowser(msg).catch(() => leg.hangup());
    });
    channel.onConnect((userId) => this.forUser(userId).forEach((l) => l.reconnect()));
    channel.onDisconnect((userId) => this.forUser(userId).forEach((l) => l.disconnected()));
  }

  private forUser(userId: string): WebRtcLeg[] {
    return [...this.legs.values()].filter((l) => l.userId === userId);
  }

  /** Whether the agent has a browser connected to ring. */
  reachable(userId: string): boolean {
    return this.channel.connected(userId);
  }

  ring(userId: string, info: RingInfo): WebRtcLeg {
    const leg = new WebRtcLeg(this.channel, userId, info, this.o);
    this.legs.set(leg.callId, leg);
    leg.once('ended', () => this.legs.delete(leg.callId));
    return leg;
  }

  close(): void {
    for (const l of this.legs.values()) l.hangup();
  }
}
