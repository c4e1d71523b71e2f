/**
 * A binary heap that also removes and re-positions arbitrary items in O(log n), which the
 * router needs when a waiting task is reserved, canceled or reprioritised, or an agent's
 * idle time or load changes.
 */
export class IndexedHeap<T> {
  private readonly items: T[] = [];
  private readonly index = new Map<T, number>();

  /** `before(a, b)` is true when a must come out before b. */
  constructor(readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  has(x: T): boolean {
    return this.index.has(x);
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(x: T): void {
    if (this.index.has(x)) return this.update(x);
    this.items.push(x);
    this.index.set(x, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  remove(x: T): boolean {
    const i = this.index.get(x);
    if (i === undefined) return false;
    const last = this.items.pop() as T;
    this.index.delete(x);
    if (i < this.items.length) {
      this.items[i] = last;
      this.index.set(last, i);
      this.down(i);
      this.up(i);
    }
    return true;
  }

  /** Restores order after x's key changed. */
  update(x: T): void {
    const i = this.index.get(x);
    if (i === undefined) return;
    this.down(i);
    this.up(i);
  }

  /** Items in no particular order. */
  values(): readonly T[] {
    return this.items;
  }

  private up(i: number): void {
    const items = this.items;
    const x = items[i] as T;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p] as T;
      if (!this.before(x, parent)) break;
      items[i] = parent;
      this.index.set(parent, i);
      i = p;
    }
    items[i] = x;
    this.index.set(x, i);
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const x = items[i] as T;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.before(items[r] as T, items[l] as T) ? r : l;
      const child = items[c] as T;
      if (!this.before(child, x)) break;
      items[i] = child;
      this.index.set(child, i);
      i = c;
    }
    items[i] = x;
    this.index.set(x, i);
  }
}
