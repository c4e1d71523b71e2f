/**
 * Staffing per interval for the days ahead: the forecast of contacts (from the interval tables)
 * turned into agents needed under Erlang C or A for the given service-level target.
 */
import type { AppDeps } from '../app-context.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Dimension } from '../../domain/stats/interval-fold.ts';
import { addDays, isValidLocalDate, wallTimeToInstant } from '../../domain/sla/zoned-time.ts';
import { forecastContacts } from '../../domain/wfm/forecast.ts';
import { staffing, type StaffingModel } from '../../domain/wfm/staffing.ts';

export interface PlanQuery {
  readonly dimension: Dimension;
  readonly key: string;
  readonly fromDate: string;
  readonly days: number;
  readonly weeks: number;
  readonly model: Exclude<StaffingModel, 'erlang-b'>;
  readonly targetServiceLevel: number;
  readonly targetAnswerSeconds: number;
  readonly patienceSeconds?: number | undefined;
  readonly shrinkage?: number | undefined;
  /** Used where history has no handled contacts. */
  readonly defaultAhtSeconds: number;
}

export interface PlanSlot {
  readonly start: Date;
  readonly offered: number;
  readonly ahtSeconds: number;
  readonly agents: number;
  readonly scheduledAgents: number;
  readonly serviceLevel: number | null;
}

export class StaffingPlanService {
  constructor(private readonly deps: AppDeps) {}

  async plan(q: PlanQuery): Promise<PlanSlot[]> {
    if (!isValidLocalDate(q.fromDate))
      throw new DomainError('validation.failed', 'from is a date YYYY-MM-DD', { field: 'from' });
    const tz = this.deps.config.timeZone;
    const history = await this.deps.store.stats.intervals({
      dimension: q.dimension,
      keys: [q.key],
      from: wallTimeToInstant(addDays(q.fromDate, -7 * q.weeks), 0, tz),
      to: wallTimeToInstant(q.fromDate, 0, tz),
    });
    const slots = forecastContacts(history, {
      timeZone: tz,
      fromDate: q.fromDate,
      days: q.days,
      weeks: q.weeks,
    });
    return slots.map((s) => {
      const aht = s.ahtSeconds ?? q.defaultAhtSeconds;
      if (s.offered <= 0)
        return { ...s, ahtSeconds: aht, agents: 0, scheduledAgents: 0, serviceLevel: null };
      const r = staffing({
        model: q.model,
        arrivalsPerHour: s.offered * 4,
        ahtSeconds: aht,
        targetAnswerSeconds: q.targetAnswerSeconds,
        targetServiceLevel: q.targetServiceLevel,
        patienceSeconds: q.patienceSeconds,
        shrinkage: q.shrinkage,
      });
      return {
        ...s,
        ahtSeconds: aht,
        agents: r.agents,
        scheduledAgents: r.scheduledAgents,
        serviceLevel: r.serviceLevel,
      };
    });
  }
}
