/**
 * Channels in use per trunk, against each trunk's limit (calls at once, inbound and outbound
 * together, as carriers contract them). `acquire` is synchronous so two INVITEs arriving
 * together cannot both take the last channel; the switch releases the channel when the call's
 * leg ends. Refusals are counted per direction for `/metrics`.
 */
export interface TrunkChannelUse {
  readonly name: string;
  readonly inUse: number;
  readonly limit: number | null;
  readonly refusedInbound: number;
  readonly refusedOutbound: number;
}

interface Entry {
  inUse: number;
  refusedInbound: number;
  refusedOutbound: number;
}

export class TrunkChannels {
  private readonly entries = new Map<string, Entry>();
  /** Calls in use changed on a trunk (health: near-limit alarm). */
  onChange: (name: string) => void = () => {};

  private entry(name: string): Entry {
    let e = this.entries.get(name);
    if (!e) this.entries.set(name, (e = { inUse: 0, refusedInbound: 0, refusedOutbound: 0 }));
    return e;
  }

  /**
   * Takes a channel on `name`; returns its release (idempotent), or null when the trunk is at its
   * limit (the refusal is counted).
   */
  acquire(
    name: string,
    limit: number | null | undefined,
    direction: 'inbound' | 'outbound',
  ): (() => void) | null {
    const e = this.entry(name);
    if (limit !== null && limit !== undefined && e.inUse >= limit) {
      if (direction === 'inbound') e.refusedInbound++;
      else e.refusedOutbound++;
      return null;
    }
    e.inUse++;
    this.onChange(name);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      e.inUse--;
      this.onChange(name);
    };
  }

  inUse(name: string): number {
    return this.entries.get(name)?.inUse ?? 0;
  }

  /** Every trunk named in `limits` (name → limit), with its figures. */
  usage(limits: ReadonlyMap<string, number | null>): TrunkChannelUse[] {
    return [...limits].map(([name, limit]) => {
      const e = this.entries.get(name);
      return {
        name,
        inUse: e?.inUse ?? 0,
        limit,
        refusedInbound: e?.refusedInbound ?? 0,
        refusedOutbound: e?.refusedOutbound ?? 0,
      };
    });
  }
}
