/**
 * The IVR node-visit and containment report, computed from the `ivr.left` events of a period
 * (one per IVR run on a call, so reading them is cheap next to the task events).
 */
import type { AppDeps } from '../app-context.ts';
import { DomainError } from '../../domain/errors.ts';
import { IvrReportFold, type IvrFlowRow } from '../../domain/stats/ivr-report.ts';

const maxRangeDays = 400;
const page = 5000;

export class IvrReportService {
  constructor(private readonly deps: AppDeps) {}

  async rows(q: { from: Date; to: Date; flowId?: string | undefined }): Promise<IvrFlowRow[]> {
    if (!(q.from.getTime() < q.to.getTime()))
      throw new DomainError('validation.failed', 'from must be before to', { field: 'from' });
    if (q.to.getTime() - q.from.getTime() > maxRangeDays * 86_400_000)
      throw new DomainError('validation.failed', `at most ${maxRangeDays} days at once`, {
        field: 'to',
      });
    const fold = new IvrReportFold();
    for (let after = 0; ;) {
      const events = await this.deps.store.events.ofType('ivr.left', q.from, q.to, after, page);
      fold.add(q.flowId ? events.filter((e) => e.payload['flowId'] === q.flowId) : events);
      const last = events.at(-1);
      if (!last || events.length < page) break;
      after = last.seq;
    }
    return fold.rows();
  }
}
