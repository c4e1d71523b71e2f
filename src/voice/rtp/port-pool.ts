/** Even UDP ports for RTP (RFC 3550 §11: RTP on even ports, RTCP on the next odd one). */
export class PortPool {
  private readonly free: number[] = [];
  private readonly used = new Set<number>();

  constructor(
    readonly min = 20_000,
    readonly max = 29_998,
  ) {
    for (let p = min + (min % 2); p <= max; p += 2) this.free.push(p);
  }

  /** A free port, least recently used first (so a closing stream's late packets go nowhere). */
  take(): number {
    const p = this.free.shift();
    if (p === undefined) throw new Error('no free RTP ports');
    this.used.add(p);
    return p;
  }

  give(p: number): void {
    if (this.used.delete(p)) this.free.push(p);
  }

  get inUse(): number {
    return this.used.size;
  }
}
