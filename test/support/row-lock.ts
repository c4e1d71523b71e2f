/**
 * Probes a `...ForUpdate` read: the first transaction takes the lock (and may write) and holds
 * it; a second transaction asking for the same row must wait until the first commits, and then
 * reads what the first wrote. Without a row lock the second read returns at once and the
 * recorded order shows it.
 */
import type { Store, StoreTx } from '../../src/app/ports/store.ts';

/** How long the first transaction holds its lock while the second one asks for it. */
const holdMs = 200;

export async function secondWaitsForFirst<T>(
  store: Store,
  first: (tx: StoreTx) => Promise<unknown>,
  second: (tx: StoreTx) => Promise<T>,
): Promise<{ order: string[]; seen: T }> {
  const order: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const holding = new Promise<void>((r) => (locked = r));
  const one = store.transaction(async (tx) => {
    await first(tx);
    locked();
    await gate;
    order.push('first done');
  });
  await holding;
  const two = store.transaction(async (tx) => {
    const seen = await second(tx);
    order.push('second read');
    return seen;
  });
  await new Promise((r) => setTimeout(r, holdMs));
  order.push('first released');
  release();
  const [, seen] = await Promise.all([one, two]);
  return { order, seen };
}

/** The order `secondWaitsForFirst` reports when the second read waited for the lock. */
export const waited = ['first released', 'first done', 'second read'];
