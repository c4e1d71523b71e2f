/**
 * The regulator's compliance figures (合规报表): calls answered by a person within 15 s of
 * reaching a queue, per local day and queue (the MIIT "15 秒人工接通率"), and case deadlines
 * met per case type and stage. Definitions in docs/kpis.md.
 */
import type { LoggedEvent } from '../events/domain-event.ts';
import { localDateOf } from '../sla/zoned-time.ts';
import type { CaseSummary } from './case-facts.ts';
import { foldIntervals, type FoldState } from './interval-fold.ts';

export interface AnswerComplianceRow {
  readonly date: string;
  readonly queueId: string;
  /** Voice calls that reached the queue, short abandons included. */
  readonly offered: number;
  readonly answered: number;
  readonly answeredWithin: number;
  /** Every caller who hung up waiting, however soon. */
  readonly abandoned: number;
  readonly rate: number | null;
}

export interface DeadlineRow {
  readonly caseType: string;
  readonly stage: string;
  readonly met: number;
  readonly missed: number;
  readonly rate: number | null;
}

export const miitAnswerSeconds = 15;

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * Folds task events (sequence order, page by page) into the answer-within-15-s rows of the calls
 * offered in [from, to). Feed events until a while after `to`, so late answers are counted.
 */
export class AnswerComplianceFold {
  private state: FoldState = { open: {} };
  private readonly rows = new Map<
    string,
    { date: string; queueId: string; c: Record<string, number> }
  >();

  constructor(
    private readonly o: { from: number; to: number; timeZone: string; thresholdMs?: number },
  ) {}

  add(events: readonly LoggedEvent[]): void {
    // Only voice tasks enter the fold's open set; later events of other tasks are then ignored.
    const voice = events.filter(
      (e) =>
        e.subjectType === 'task' && (e.type !== 'task.created' || e.payload['channel'] === 'voice'),
    );
    const thresholdMs = this.o.thresholdMs ?? miitAnswerSeconds * 1000;
    const r = foldIntervals(this.state, voice, {
      thresholdMs: () => thresholdMs,
      shortAbandonMs: 0,
    });
    this.state = r.state;
    for (const i of r.increments) {
      if (i.dimension !== 'queue' || i.interval < this.o.from || i.interval >= this.o.to) continue;
      const date = localDateOf(new Date(i.interval), this.o.timeZone);
      const k = `${date}|${i.key}`;
      const row = this.rows.get(k) ?? { date, queueId: i.key, c: {} };
      for (const [n, v] of Object.entries(i.counts)) row.c[n] = (row.c[n] ?? 0) + (v ?? 0);
      this.rows.set(k, row);
    }
  }

  result(): AnswerComplianceRow[] {
    return [...this.rows.values()]
      .sort((a, b) => a.date.localeCompare(b.date) || a.queueId.localeCompare(b.queueId))
      .map(({ date, queueId, c }) => {
        const offered = c['offered'] ?? 0;
        const within = c['answeredWithin'] ?? 0;
        return {
          date,
          queueId,
          offered,
          answered: c['answered'] ?? 0,
          answeredWithin: within,
          abandoned: (c['abandoned'] ?? 0) + (c['shortAbandoned'] ?? 0),
          rate: ratio(within, offered),
        };
      });
  }
}

/** Stages left before / after their due time, per case type and stage (case-facts.ts). */
export function deadlineCompliance(cases: readonly CaseSummary[]): DeadlineRow[] {
  const by = new Map<string, { caseType: string; stage: string; met: number; missed: number }>();
  for (const c of cases)
    for (const s of c.stages) {
      const k = `${c.type}|${s.stage}`;
      const row = by.get(k) ?? { caseType: c.type, stage: s.stage, met: 0, missed: 0 };
      if (s.onTime) row.met++;
      else row.missed++;
      by.set(k, row);
    }
  return [...by.values()]
    .sort((a, b) => a.caseType.localeCompare(b.caseType) || a.stage.localeCompare(b.stage))
    .map((r) => ({ ...r, rate: ratio(r.met, r.met + r.missed) }));
}
