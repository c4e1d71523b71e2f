/**
 * The IVR node-visit and containment report over the `ivr.left` events of a period, summed by
 * the database (domain/stats/ivr-report.ts says what the sums mean).
 */
import type { AppDeps } from '../app-context.ts';
import { DomainError } from '../../domain/errors.ts';
import { ivrReportRows, type IvrFlowRow } from '../../domain/stats/ivr-report.ts';

const maxRangeDays = 400;

export class IvrReportService {
  constructor(
    private readonly deps: AppDeps,
    /** Hang-ups shorter than this are wrong numbers, left out of containment (docs/kpis.md). */
    private readonly shortMs = 5_000,
  ) {}

  async rows(q: { from: Date; to: Date; flowId?: string | undefined }): Promise<IvrFlowRow[]> {
    if (!(q.from.getTime() < q.to.getTime()))
      throw new DomainError('validation.failed', 'from must be before to', { field: 'from' });
    if (q.to.getTime() - q.from.getTime() > maxRangeDays * 86_400_000)
      throw new DomainError('validation.failed', `at most ${maxRangeDays} days at once`, {
        field: 'to',
      });
    const [visits, calls] = await Promise.all([
      this.deps.store.stats.ivrVisits(q),
      this.deps.store.stats.ivrCalls(q, this.shortMs),
    ]);
    return ivrReportRows(visits, calls);
  }
}
