/** Shapes the supervisor workspace reads, from the server's contracts (types only). */
import type { z } from 'zod';
import type { CaseSlaView, CaseView } from '../../../src/contracts/cases.ts';
import type { AgentOverview } from '../../../src/contracts/routing.ts';
import type { UserView } from '../../../src/contracts/auth.ts';
import type { CallView } from '../../../src/contracts/voice.ts';
import type { AgentStatus, Realtime, ReasonCode } from '../api/types.ts';

export type { AgentStatus, Realtime, ReasonCode };
export type QueueLive = Realtime['queues'][number];
export type AgentLive = Realtime['agents'][number];
export type TeamLive = Realtime['teams'][number];
export type ByState = Realtime['center']['agents'];
export type LiveState = keyof ByState;
export type Agent = z.infer<typeof AgentOverview>;
export type Call = z.infer<typeof CallView>;
export type UserRow = z.infer<typeof UserView>;
export type SlaReading = z.infer<typeof CaseSlaView>['stage'];

/** One row of `GET /api/case-supervision` (src/api/http/routes/case-supervision-routes.ts). */
export interface SupervisedCase {
  case: z.infer<typeof CaseView>;
  sla: z.infer<typeof CaseSlaView>;
  risk: 'overdue' | 'at_risk';
}

export const liveStates: readonly LiveState[] = ['available', 'busy', 'away', 'wrapup', 'offline'];

/** Colours of the agent states, the same on tags and charts. */
export const stateColor: Record<LiveState, string> = {
  available: '#52c41a',
  busy: '#1677ff',
  away: '#faad14',
  wrapup: '#722ed1',
  offline: '#bfbfbf',
};
