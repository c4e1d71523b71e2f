/**
 * Keys the caller pressed (RFC 4733 or SIP INFO), kept until the IVR asks for them, so keys
 * pressed during a prompt (type-ahead, barge-in) are not lost.
 */
export class DigitBuffer {
  private digits = '';
  private waiter: ((d: string) => void) | null = null;
  private readonly listeners = new Set<(d: string) => boolean | void>();

  push(d: string): void {
    let consumed = false;
    for (const l of this.listeners) if (l(d) === true) consumed = true;
    if (consumed) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(d);
    } else if (this.digits.length < 64) this.digits += d;
  }

  /**
   * Called on every key as it arrives (barge-in, queue call-back key); a listener that returns
   * true consumes the key, so it is not kept for the next collect.
   */
  onKey(l: (d: string) => boolean | void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Takes what is buffered now ('' if nothing). */
  drain(): string {
    const d = this.digits;
    this.digits = '';
    return d;
  }

  /** The next key, or null after `ms` without one. */
  next(ms: number): Promise<string | null> {
    const d = this.drain();
    if (d) {
      this.digits = d.slice(1);
      return Promise.resolve(d.slice(0, 1));
    }
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, ms);
      this.waiter = (k) => {
        clearTimeout(t);
        resolve(k);
      };
    });
  }

  cancel(): void {
    this.waiter = null;
  }
}
