/**
 * The store over Drizzle. The same code serves PGlite and PostgreSQL; only opening differs
 * (open-store.ts). Events appended in a transaction are written just before its commit and
 * handed to `onCommit` listeners afterwards, in sequence order.
 */
import type { EventMeta, Repositories, Store, StoreKind, StoreTx } from '../app/ports/store.ts';
import type { DomainEvent, LoggedEvent } from '../domain/events/domain-event.ts';
import type { Db } from './db.ts';
import { repositoriesOver } from './repositories.ts';
import { appendEvents } from './repos/event-repos.ts';

type Pending = { event: DomainEvent; actorId: string | null; at: Date }[];

export class DrizzleStore implements Store {
  private readonly repos: Repositories;
  private readonly listeners = new Set<(e: readonly LoggedEvent[]) => void>();
  private readonly emitter: OrderedEmitter;

  constructor(
    readonly kind: StoreKind,
    private readonly db: Db,
    private readonly closeFn: () => Promise<void>,
    lastSeq: number,
  ) {
    this.repos = repositoriesOver(db);
    this.emitter = new OrderedEmitter(lastSeq, (events) => {
      for (const l of this.listeners) {
        try {
          l(events);
        } catch (e) {
          console.error('event listener failed', e);
        }
      }
    });
  }

  get users() {
    return this.repos.users;
  }
  get sessions() {
    return this.repos.sessions;
  }
  get teams() {
    return this.repos.teams;
  }
  get skills() {
    return this.repos.skills;
  }
  get customers() {
    return this.repos.customers;
  }
  get contacts() {
    return this.repos.contacts;
  }
  get caseTypes() {
    return this.repos.caseTypes;
  }
  get categories() {
    return this.repos.categories;
  }
  get calendars() {
    return this.repos.calendars;
  }
  get slaPolicies() {
    return this.repos.slaPolicies;
  }
  get cases() {
    return this.repos.cases;
  }
  get audit() {
    return this.repos.audit;
  }
  get settings() {
    return this.repos.settings;
  }
  get ivr() {
    return this.repos.ivr;
  }
  get messages() {
    return this.repos.messages;
  }
  get stats() {
    return this.repos.stats;
  }
  get portal() {
    return this.repos.portal;
  }
  get recordings() {
    return this.repos.recordings;
  }
  get quality() {
    return this.repos.quality;
  }
  get webhooks() {
    return this.repos.webhooks;
  }
  get dialer() {
    return this.repos.dialer;
  }
  get resources() {
    return this.repos.resources;
  }
  get kb() {
    return this.repos.kb;
  }
  get devices() {
    return this.repos.devices;
  }
  get routing() {
    return this.repos.routing;
  }
  get events() {
    return this.repos.events;
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    let logged: LoggedEvent[] = [];
    const result = await this.db.transaction(async (txDb) => {
      const pending: Pending = [];
      const tx: StoreTx = {
        ...repositoriesOver(txDb as unknown as Db),
        append(events: readonly DomainEvent[], meta: EventMeta) {
          for (const event of events) pending.push({ event, actorId: meta.actorId, at: meta.at });
        },
      };
      const r = await fn(tx);
      logged = await appendEvents(txDb as unknown as Db, pending);
      return r;
    });
    if (logged.length > 0) this.emitter.push(logged);
    return result;
  }

  onCommit(listener: (events: readonly LoggedEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.emitter.flushAll();
    await this.closeFn();
  }
}

/**
 * Commits can finish out of order in JavaScript; this releases batches strictly by sequence.
 * A gap (another process appended) is waited for briefly, then skipped.
 */
class OrderedEmitter {
  private readonly waiting = new Map<number, LoggedEvent[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private next: number,
    private readonly emit: (events: LoggedEvent[]) => void,
  ) {
    this.next = next + 1;
  }

  push(batch: LoggedEvent[]): void {
    const first = batch[0];
    if (!first) return;
    if (first.seq < this.next) this.next = first.seq; // first commit after a restart elsewhere
    this.waiting.set(first.seq, batch);
    this.drain();
    if (this.waiting.size > 0 && !this.timer)
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flushAll();
      }, 50);
  }

  private drain(): void {
    for (let b = this.waiting.get(this.next); b; b = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next = (b.at(-1)?.seq ?? this.next) + 1;
      this.emit(b);
    }
  }

  flushAll(): void {
    const keys = [...this.waiting.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      const b = this.waiting.get(k);
      if (!b) continue;
      this.waiting.delete(k);
      this.next = Math.max(this.next, (b.at(-1)?.seq ?? 0) + 1);
      this.emit(b);
    }
  }
}
