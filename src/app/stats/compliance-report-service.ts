/**
 * The compliance report (合规报表) of a period: calls answered by a person within 15 s per day
 * and queue, from the task events, and case deadlines met per case type and stage, from the
 * events of the cases accepted in the period.
 */
import type { AppDeps } from '../app-context.ts';
import { DomainError } from '../../domain/errors.ts';
import { caseFactsFrom, type CaseSummary } from '../../domain/stats/case-facts.ts';
import {
  AnswerComplianceFold,
  deadlineCompliance,
  miitAnswerSeconds,
  type AnswerComplianceRow,
  type DeadlineRow,
} from '../../domain/stats/compliance.ts';

export interface ComplianceReport {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly generatedAt: string;
  readonly answerSeconds: number;
  readonly answer: (AnswerComplianceRow & { queueName: string })[];
  readonly deadlines: DeadlineRow[];
}

const maxRangeDays = 93;
const maxCases = 50_000;
const page = 5000;
/** Calls offered just before `to` may be answered after it: read this much further. */
const lateMs = 60 * 60_000;

export class ComplianceReportService {
  constructor(private readonly deps: AppDeps) {}

  async report(q: { from: Date; to: Date }): Promise<ComplianceReport> {
    const from = q.from.getTime();
    const to = q.to.getTime();
    if (!(from < to))
      throw new DomainError('validation.failed', 'from must be before to', { field: 'from' });
    if (to - from > maxRangeDays * 86_400_000)
      throw new DomainError('validation.failed', `at most ${maxRangeDays} days at once`, {
        field: 'to',
      });
    const { timeZone } = this.deps.config;
    const fold = new AnswerComplianceFold({ from, to, timeZone });
    for (let after = 0; ;) {
      const events = await this.deps.store.events.since(q.from, after, page);
      fold.add(events.filter((e) => e.at.getTime() < to + lateMs));
      const last = events.at(-1);
      if (!last || events.length < page || last.at.getTime() >= to + lateMs) break;
      after = last.seq;
    }
    const names = new Map((await this.deps.store.routing.listQueues()).map((x) => [x.id, x.name]));
    return {
      from: q.from.toISOString(),
      to: q.to.toISOString(),
      timeZone,
      generatedAt: this.deps.clock.now().toISOString(),
      answerSeconds: miitAnswerSeconds,
      answer: fold.result().map((r) => ({ ...r, queueName: names.get(r.queueId) ?? r.queueId })),
      deadlines: deadlineCompliance(await this.casesAccepted(q.from, q.to)),
    };
  }

  private async casesAccepted(from: Date, to: Date): Promise<CaseSummary[]> {
    const out: CaseSummary[] = [];
    for (let after = 0; ;) {
      const created = await this.deps.store.events.ofType('case.created', from, to, after, page);
      if (out.length + created.length > maxCases)
        throw new DomainError(
          'validation.failed',
          `more than ${maxCases} cases: narrow the range`,
          {
            field: 'to',
          },
        );
      for (const e of created) {
        const f = caseFactsFrom(
          await this.deps.store.events.forSubject('case', e.subjectId, 10_000),
        );
        if (f) out.push(f);
      }
      const last = created.at(-1);
      if (!last || created.length < page) return out;
      after = last.seq;
    }
  }
}
