/** The embedded {@link RegistrationStore}: a Map per process, for one-node deployments and tests. */
import type { Binding } from './binding.ts';
import type { AorBindings, RegistrationStore } from './registration-store.ts';

interface Entry {
  readonly bindings: readonly Binding[];
  readonly version: number;
}

export class MemoryRegistrationStore implements RegistrationStore {
  private readonly entries = new Map<string, Entry>();
  /** Versions come from one counter, so a re-created AOR never reuses an old version. */
  private lastVersion = 0;

  async load(aor: string): Promise<AorBindings> {
    const e = this.entries.get(aor);
    return e === undefined
      ? { bindings: [], version: 0 }
      : { bindings: e.bindings, version: e.version };
  }

  async save(aor: string, expectedVersion: number, bindings: readonly Binding[]): Promise<boolean> {
    if ((this.entries.get(aor)?.version ?? 0) !== expectedVersion) return false;
    this.write(aor, bindings);
    return true;
  }

  async removeExpired(now: number): Promise<Binding[]> {
    const removed: Binding[] = [];
    for (const [aor, e] of this.entries) {
      const lapsed = e.bindings.filter((b) => b.expiresAt <= now);
      if (lapsed.length === 0) continue;
      removed.push(...lapsed);
      this.write(
        aor,
        e.bindings.filter((b) => b.expiresAt > now),
      );
    }
    return removed;
  }

  async aors(): Promise<string[]> {
    return [...this.entries.keys()];
  }

  private write(aor: string, bindings: readonly Binding[]): void {
    if (bindings.length === 0) this.entries.delete(aor);
    else
      this.entries.set(aor, {
        bindings: Object.freeze([...bindings]),
        version: ++this.lastVersion,
      });
  }
}
