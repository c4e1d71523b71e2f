/**
 * Follows the BOSS orders and NMS tickets cases placed until each reaches a final status.
 * Every status change goes into the case's timeline (an event and an internal note); when the
 * request succeeds and the case is waiting in `dispatched`, the case moves on to `supervising`
 * (someone checks the work and replies). Open requests are rebuilt from the event log at start,
 * so a restart loses none.
 */
import {
  isFinalStatus,
  isSuccessStatus,
  operatorRequestEvent,
  operatorRequestEventTypes,
  type OperatorRequestRef,
} from '../../domain/case/operator-request.ts';
import { caseNoteEvent } from '../../domain/case/case.ts';
import { systemActor, type AppDeps } from '../app-context.ts';
import type { Connectors } from '../ports/connectors.ts';
import type { CaseService } from './case-service.ts';

/** Requests older than this are no longer followed after a restart. */
const followDays = 30;

export class OperatorRequestFollower {
  private readonly open = new Map<string, OperatorRequestRef>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: AppDeps & {
      log?: (msg: string, extra: Record<string, unknown>) => void;
    },
    private readonly cases: CaseService,
    private readonly connectors: Connectors,
  ) {}

  watch(ref: OperatorRequestRef): void {
    this.open.set(`${ref.system}:${ref.requestId}`, ref);
  }

  /** What is being followed (for tests and the status page). */
  get following(): readonly OperatorRequestRef[] {
    return [...this.open.values()];
  }

  async start(intervalMs = 5000): Promise<void> {
    await this.rebuild();
    this.timer = setInterval(() => void this.poll(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async rebuild(): Promise<void> {
    const now = this.deps.clock.now();
    const from = new Date(now.getTime() - followDays * 86_400_000);
    const to = new Date(now.getTime() + 60_000);
    const read = async (type: string) => {
      const all = [];
      for (let after = 0; ;) {
        const page = await this.deps.store.events.ofType(type, from, to, after, 1000);
        all.push(...page);
        if (page.length < 1000) return all;
        after = page[page.length - 1]!.seq;
      }
    };
    const key = (p: Record<string, unknown>) => `${String(p['system'])}:${String(p['requestId'])}`;
    const finished = new Set(
      (await read(operatorRequestEventTypes.finished)).map((e) => key(e.payload)),
    );
    for (const e of await read(operatorRequestEventTypes.opened)) {
      if (finished.has(key(e.payload))) continue;
      const p = e.payload;
      this.watch({
        caseId: e.subjectId,
        system: p['system'] === 'nms' ? 'nms' : 'boss',
        requestId: String(p['requestId']),
        status: String(p['status']),
      });
    }
    // Status changes since (events of type updated) only refine the status; reading it again from
    // the operator on the first poll is enough.
  }

  /** One pass over the open requests; overlapping passes are skipped. */
  poll(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    for (const ref of [...this.open.values()]) {
      try {
        const status =
          ref.system === 'boss'
            ? await this.connectors.boss.order(ref.requestId)
            : await this.connectors.nms.ticket(ref.requestId);
        if (status.status !== ref.status) {
          const detail =
            'reason' in status && status.reason
              ? status.reason
              : 'note' in status
                ? status.note
                : undefined;
          await this.changed(ref, status.status, detail);
        }
      } catch (e) {
        this.deps.log?.('operator request status failed', { ...ref, error: String(e) });
      }
    }
  }

  private async changed(ref: OperatorRequestRef, status: string, detail: string | undefined) {
    const final = isFinalStatus(ref.system, status);
    const label = ref.system === 'boss' ? 'BOSS order' : 'NMS fault ticket';
    const now = this.deps.clock.now();
    const c = await this.deps.store.transaction(async (tx) => {
      const cur = await tx.cases.get(ref.caseId);
      if (!cur) return null;
      const noteId = this.deps.ids.newId();
      const body = `${label} ${ref.requestId}: ${ref.status} → ${status}${detail ? ` (${detail})` : ''}`;
      await tx.cases.addNote({
        id: noteId,
        caseId: cur.id,
        authorId: systemActor.id,
        body,
        internal: true,
        createdAt: now,
      });
      const r = { system: ref.system, requestId: ref.requestId, status };
      const extra = { from: ref.status, ...(detail ? { detail } : {}) };
      tx.append(
        [
          operatorRequestEvent(cur, 'updated', r, extra),
          ...(final ? [operatorRequestEvent(cur, 'finished', r, extra)] : []),
          caseNoteEvent(cur, noteId, true, systemActor.id),
        ],
        { actorId: null, at: now },
      );
      return cur;
    });
    const key = `${ref.system}:${ref.requestId}`;
    if (!c || final) this.open.delete(key);
    else this.open.set(key, { ...ref, status });
    if (c && final && isSuccessStatus(ref.system, status) && c.stage === 'dispatched')
      await this.cases
        .transition(systemActor, c.id, 'supervising', {
          note: `${label} ${ref.requestId} ${status}`,
        })
        .catch((e: unknown) =>
          this.deps.log?.('case could not move on', { ...ref, error: String(e) }),
        );
  }
}
