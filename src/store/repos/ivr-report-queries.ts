/**
 * The IVR report's sums, computed by the database from the `ivr.left` events of a period: node
 * visits from each run's `visits` array, and calls from each call's runs (its first run in the
 * period decides whether and where it counts, any run handing it to a person makes it
 * "to agent", its last run says how it ended). Reading the events into the application instead
 * took 17 s for 200,000 calls on PGlite (docs/performance.md).
 */
import { sql } from 'drizzle-orm';
import {
  handedToPerson,
  type IvrCallSum,
  type IvrVisitSum,
} from '../../domain/stats/ivr-report.ts';
import type { Db } from '../db.ts';

export interface IvrRange {
  readonly from: Date;
  readonly to: Date;
  readonly flowId?: string | undefined;
}

const runs = (r: IvrRange) => sql`
  select seq, subject_id, payload from events
  where type = 'ivr.left' and at >= ${r.from.toISOString()}::timestamptz
    and at < ${r.to.toISOString()}::timestamptz
    ${r.flowId ? sql`and payload->>'flowId' = ${r.flowId}` : sql``}`;

export async function ivrVisitSums(db: Db, r: IvrRange): Promise<IvrVisitSum[]> {
  const res = await db.execute(sql`
    with runs as (${runs(r)})
    select coalesce(payload->>'flowId', 'unknown') as flow, v->>'node' as node,
           coalesce(v->>'exit', 'unknown') as exit, count(*) as n
    from runs, jsonb_array_elements(
      case when jsonb_typeof(payload->'visits') = 'array' then payload->'visits' else '[]'::jsonb end
    ) as v
    where coalesce(v->>'node', '') <> ''
    group by 1, 2, 3`);
  return rows<{ flow: string; node: string; exit: string; n: string }>(res).map((x) => ({
    flowId: x.flow,
    node: x.node,
    exit: x.exit,
    visits: Number(x.n),
  }));
}

export async function ivrCallSums(db: Db, r: IvrRange, shortMs: number): Promise<IvrCallSum[]> {
  const toPerson = sql.join(
    handedToPerson.map((o) => sql`${o}`),
    sql`, `,
  );
  const res = await db.execute(
    sql`
    with runs as (${runs(r)}),
    calls as (
      select (array_agg(coalesce(payload->>'flowId', 'unknown') order by seq))[1] as flow,
             (array_agg(payload->'segment' order by seq))[1] = '1'::jsonb as first,
             bool_or(payload->>'outcome' in (${toPerson})) as handed,
             (array_agg(payload->>'outcome' order by seq desc))[1] as last_outcome,
             (array_agg(case when jsonb_typeof(payload->'sinceStartMs') = 'number'
                        then (payload->>'sinceStartMs')::float8 else 0 end
                        order by seq desc))[1] as duration
      from runs group by subject_id
    )
    select flow, count(*) as calls,
           count(*) filter (where not handed and last_outcome = 'caller_hangup'
                            and duration < ${shortMs}) as short,
           count(*) filter (where handed) as to_agent
    from calls where first group by flow`,
  );
  return rows<{ flow: string; calls: string; short: string; to_agent: string }>(res).map((x) => ({
    flowId: x.flow,
    calls: Number(x.calls),
    shortHangups: Number(x.short),
    toAgent: Number(x.to_agent),
  }));
}

/** PGlite answers `{ rows }`, node-postgres a result with `rows` too; drizzle passes them on. */
function rows<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? (res as T[])) as T[];
}
