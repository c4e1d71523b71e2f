/**
 * Case analysis: the case KPIs (kpis.ts) of the cases accepted in a period, grouped by type,
 * category or priority, computed from each case's events.
 */
import type { AppDeps } from '../app-context.ts';
import { DomainError } from '../../domain/errors.ts';
import { caseFactsFrom, type CaseSummary } from '../../domain/stats/case-facts.ts';
import { caseKpis, type CaseKpis } from '../../domain/stats/kpis.ts';

export type CaseGroup = 'type' | 'category' | 'priority';

export interface CaseReportRow extends CaseKpis {
  readonly group: string;
  readonly cases: number;
}

const maxCases = 50_000;

export class CaseReportService {
  constructor(private readonly deps: AppDeps) {}

  async rows(q: { from: Date; to: Date; groupBy: CaseGroup }): Promise<CaseReportRow[]> {
    if (!(q.from.getTime() < q.to.getTime()))
      throw new DomainError('validation.failed', 'from must be before to', { field: 'from' });
    const ids: string[] = [];
    for (let after = 0; ;) {
      const page = await this.deps.store.events.since(q.from, after, 1000);
      for (const e of page)
        if (e.type === 'case.created' && e.at.getTime() < q.to.getTime()) ids.push(e.subjectId);
      const last = page.at(-1);
      if (!last || page.length < 1000 || last.at.getTime() >= q.to.getTime()) break;
      after = last.seq;
      if (ids.length > maxCases)
        throw new DomainError(
          'validation.failed',
          `more than ${maxCases} cases: narrow the range`,
          {
            field: 'to',
          },
        );
    }
    const facts: CaseSummary[] = [];
    for (const id of ids) {
      const f = caseFactsFrom(await this.deps.store.events.forSubject('case', id, 10_000));
      if (f) facts.push(f);
    }
    const groups = new Map<string, CaseSummary[]>();
    for (const f of facts) {
      const g =
        q.groupBy === 'type'
          ? f.type
          : q.groupBy === 'priority'
            ? f.priority
            : (f.categoryId ?? '');
      groups.set(g, [...(groups.get(g) ?? []), f]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, list]) => ({ group, cases: list.length, ...caseKpis(list) }));
  }
}
