/**
 * Campaign statistics from its records' attempts: attempts, connects (put through to an agent),
 * answered (connects + abandoned), the abandon rate (abandoned ÷ answered, the rate the predictive
 * pacer keeps under its limit) and connects per agent.
 */
import {
  dialResults,
  type DialAttempt,
  type DialResult,
  type RecordState,
} from './campaign-record.ts';

export interface CampaignStats {
  readonly attempts: number;
  readonly connects: number;
  readonly answered: number;
  readonly abandoned: number;
  /** 0 while nothing was answered. */
  readonly abandonRate: number;
  readonly byResult: Record<DialResult, number>;
  /** Most connects first, then by agent id. */
  readonly perAgent: { agentId: string; connects: number }[];
  readonly records: Partial<Record<RecordState, number>>;
}

export function campaignStats(
  attempts: readonly DialAttempt[],
  records: Partial<Record<RecordState, number>>,
): CampaignStats {
  const byResult = Object.fromEntries(dialResults.map((r) => [r, 0])) as Record<DialResult, number>;
  const agents = new Map<string, number>();
  for (const a of attempts) {
    byResult[a.result] += 1;
    if (a.result === 'connected' && a.agentId)
      agents.set(a.agentId, (agents.get(a.agentId) ?? 0) + 1);
  }
  const answered = byResult.connected + byResult.abandoned;
  return {
    attempts: attempts.length,
    connects: byResult.connected,
    answered,
    abandoned: byResult.abandoned,
    abandonRate: answered > 0 ? byResult.abandoned / answered : 0,
    byResult,
    perAgent: [...agents]
      .map(([agentId, connects]) => ({ agentId, connects }))
      .sort((a, b) => b.connects - a.connects || a.agentId.localeCompare(b.agentId)),
    records,
  };
}
