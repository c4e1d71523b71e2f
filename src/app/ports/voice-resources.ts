/**
 * What the switch can tell about the resources it runs on: trunks (configured and stored, with
 * channels in use against their limit and refusals) and the calls and media flowing through it.
 * Without a switch there are no trunks in use and no calls.
 */
export interface TrunkUsage {
  readonly name: string;
  readonly inUse: number;
  readonly limit: number | null;
  /** Inbound calls answered 503 and outbound dials refused, over the limit, since start. */
  readonly refusedInbound: number;
  readonly refusedOutbound: number;
}

export interface MediaFigures {
  /** RTP packets received per second over the last sample. */
  readonly packetsPerSecond: number;
  /** Packets lost ÷ expected over the last sample (sequence gaps); null with no traffic. */
  readonly lossRatio: number | null;
}

export interface VoiceResources {
  trunkUsage(): TrunkUsage[];
  /** Call legs open now. */
  openCalls(): number;
  mediaFigures(): MediaFigures | null;
}

/** Delegates to the switch once it runs. */
export class VoiceResourcesHub implements VoiceResources {
  private impl: VoiceResources | null = null;

  attach(impl: VoiceResources | null): void {
    this.impl = impl;
  }

  get attached(): boolean {
    return this.impl !== null;
  }

  trunkUsage(): TrunkUsage[] {
    return this.impl?.trunkUsage() ?? [];
  }

  openCalls(): number {
    return this.impl?.openCalls() ?? 0;
  }

  mediaFigures(): MediaFigures | null {
    return this.impl?.mediaFigures() ?? null;
  }
}
