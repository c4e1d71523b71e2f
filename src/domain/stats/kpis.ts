/**
 * The center's KPIs as pure functions over facts taken from the event log (docs/kpis.md gives
 * each definition in words). Every ratio returns null when its denominator is 0: "no calls" is
 * not "0 % service level". Times are milliseconds.
 */

/** One contact as the queue saw it. */
export interface QueuedContact {
  /** Time from entering the queue to being answered or leaving. */
  readonly waitMs: number;
  readonly outcome: 'answered' | 'abandoned' | 'waiting';
  /** Answered contacts: time talking, on hold, and in wrap-up. */
  readonly talkMs?: number;
  readonly holdMs?: number;
  readonly wrapMs?: number;
  readonly transferred?: boolean;
}

/** How service level is counted; the defaults are the industry-common "offered" variant. */
export interface ServiceLevelRules {
  /** Answered within this many ms counts as met. */
  readonly thresholdMs: number;
  /** Abandons shorter than this are not counted at all (callers who hung up at once). */
  readonly shortAbandonMs: number;
  /** Abandoned contacts count in the denominator (true: "offered" SL; false: "answered" SL). */
  readonly abandonsInDenominator: boolean;
  /** Abandons within the threshold count as met (a Genesys switch); default false. */
  readonly abandonsWithinThresholdMet: boolean;
}

export const defaultServiceLevelRules: ServiceLevelRules = {
  thresholdMs: 20_000,
  shortAbandonMs: 5_000,
  abandonsInDenominator: true,
  abandonsWithinThresholdMet: false,
};

export interface QueueKpis {
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly shortAbandoned: number;
  readonly answeredWithinThreshold: number;
  readonly serviceLevel: number | null;
  readonly abandonRate: number | null;
  readonly asaMs: number | null;
  readonly ahtMs: number | null;
  readonly transferRate: number | null;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/**
 * Queue figures. offered = every contact that entered the queue minus short abandons;
 * SL = met ÷ (answered + counted abandons); abandon rate = counted abandons ÷ offered;
 * ASA = total wait of answered ÷ answered; AHT = (talk + hold + wrap-up) ÷ answered.
 */
export function queueKpis(
  contacts: readonly QueuedContact[],
  rules: ServiceLevelRules = defaultServiceLevelRules,
): QueueKpis {
  let answered = 0;
  let abandoned = 0;
  let short = 0;
  let within = 0;
  let abandonedWithin = 0;
  let waitAnswered = 0;
  let handle = 0;
  let transferred = 0;
  let waiting = 0;
  for (const c of contacts) {
    if (c.outcome === 'waiting') {
      waiting++;
      continue;
    }
    if (c.outcome === 'abandoned') {
      if (c.waitMs < rules.shortAbandonMs) short++;
      else {
        abandoned++;
        if (c.waitMs <= rules.thresholdMs) abandonedWithin++;
      }
      continue;
    }
    answered++;
    waitAnswered += c.waitMs;
    if (c.waitMs <= rules.thresholdMs) within++;
    handle += (c.talkMs ?? 0) + (c.holdMs ?? 0) + (c.wrapMs ?? 0);
    if (c.transferred) transferred++;
  }
  const met = within + (rules.abandonsWithinThresholdMet ? abandonedWithin : 0);
  const denominator = answered + (rules.abandonsInDenominator ? abandoned : 0);
  return {
    offered: answered + abandoned + waiting,
    answered,
    abandoned,
    shortAbandoned: short,
    answeredWithinThreshold: within,
    serviceLevel: ratio(met, denominator),
    abandonRate: ratio(abandoned, answered + abandoned),
    asaMs: ratio(waitAnswered, answered),
    ahtMs: ratio(handle, answered),
    transferRate: ratio(transferred, answered),
  };
}

/** An agent's time in a period, by what they were doing. */
export interface AgentTime {
  /** Logged in (staffed) time. */
  readonly staffedMs: number;
  /** Talking, holding, wrapping up: handling work. */
  readonly handlingMs: number;
  /** Available and waiting for work. */
  readonly idleMs: number;
}

/** Occupancy = handling ÷ (handling + idle): how busy agents were while available for work. */
export const occupancy = (t: AgentTime): number | null =>
  ratio(t.handlingMs, t.handlingMs + t.idleMs);

/** Utilisation = handling ÷ staffed time (breaks and away time lower it, not occupancy). */
export const utilisation = (t: AgentTime): number | null => ratio(t.handlingMs, t.staffedMs);

/** A case as the case KPIs see it. */
export interface CaseFacts {
  readonly acceptedAt: number;
  readonly closedAt: number | null;
  /** Inbound customer contacts linked to the case. */
  readonly inboundContacts: number;
  readonly reopenCount: number;
  readonly satisfaction: number | null;
  /** Stages the case left: whether each left before its due time. */
  readonly stages: readonly { stage: string; onTime: boolean }[];
}

export interface CaseKpis {
  readonly closed: number;
  /** Closed after one customer contact and never reopened ÷ closed. */
  readonly firstContactResolution: number | null;
  readonly reopenRate: number | null;
  readonly avgResolutionMs: number | null;
  /** Ratings of 4 or 5 ÷ ratings (1–5 scale). */
  readonly csat: number | null;
  readonly avgSatisfaction: number | null;
  /** Per stage: stages left on time ÷ stages left. */
  readonly slaCompliance: Readonly<Record<string, number>>;
}

export function caseKpis(cases: readonly CaseFacts[]): CaseKpis {
  let closed = 0;
  let fcr = 0;
  let reopened = 0;
  let resolution = 0;
  let rated = 0;
  let satisfied = 0;
  let scoreSum = 0;
  const stageTotals = new Map<string, { on: number; all: number }>();
  for (const c of cases) {
    for (const s of c.stages) {
      const t = stageTotals.get(s.stage) ?? { on: 0, all: 0 };
      t.all++;
      if (s.onTime) t.on++;
      stageTotals.set(s.stage, t);
    }
    if (c.satisfaction !== null) {
      rated++;
      scoreSum += c.satisfaction;
      if (c.satisfaction >= 4) satisfied++;
    }
    if (c.closedAt === null) continue;
    closed++;
    resolution += c.closedAt - c.acceptedAt;
    if (c.reopenCount > 0) reopened++;
    else if (c.inboundContacts <= 1) fcr++;
  }
  const slaCompliance: Record<string, number> = {};
  for (const [stage, t] of stageTotals) slaCompliance[stage] = t.on / t.all;
  return {
    closed,
    firstContactResolution: ratio(fcr, closed),
    reopenRate: ratio(reopened, closed),
    avgResolutionMs: ratio(resolution, closed),
    csat: ratio(satisfied, rated),
    avgSatisfaction: ratio(scoreSum, rated),
    slaCompliance,
  };
}

/** An IVR call: did it finish in self-service, or ask for an agent / get transferred? */
export interface IvrCall {
  readonly durationMs: number;
  readonly outcome: 'self_served' | 'to_agent' | 'hung_up';
}

/**
 * IVR containment = calls finished in the IVR without reaching for an agent ÷ calls that entered
 * the IVR; hang-ups shorter than `shortMs` (wrong numbers) are left out of both.
 */
export function ivrContainment(calls: readonly IvrCall[], shortMs = 5_000): number | null {
  let short = 0;
  let toAgent = 0;
  for (const c of calls) {
    if (c.outcome === 'hung_up' && c.durationMs < shortMs) short++;
    else if (c.outcome === 'to_agent') toAgent++;
  }
  return ivrContainmentOf({ calls: calls.length, shortHangups: short, toAgent });
}

/** The same from counts (a report that summed its calls in the database). */
export function ivrContainmentOf(c: {
  readonly calls: number;
  readonly shortHangups: number;
  readonly toAgent: number;
}): number | null {
  const counted = c.calls - c.shortHangups;
  return ratio(counted - c.toAgent, counted);
}

export interface SurveyKpis {
  readonly count: number;
  readonly average: number | null;
  /** Scores of 4 or 5 ÷ scores: the same CSAT rule as case ratings. */
  readonly csat: number | null;
}

/** CSAT over survey scores (1–5) from any channel. */
export function surveyKpis(scores: readonly number[]): SurveyKpis {
  let sum = 0;
  let satisfied = 0;
  for (const s of scores) {
    sum += s;
    if (s >= 4) satisfied++;
  }
  return {
    count: scores.length,
    average: ratio(sum, scores.length),
    csat: ratio(satisfied, scores.length),
  };
}
