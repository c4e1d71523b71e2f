/**
 * The life of a case (事件): the seed's 服务受理 → 资料核查 → 任务分派 → 监督检查 → 客户回复,
 * then closing; 汇总分析 (analysis) is reporting over closed cases, not a stage.
 *
 * ```
 *  accepted ──▶ verifying ──▶ dispatched ──▶ supervising ──▶ replied ──▶ closed
 *     │  │          │  ▲          │ │ │ ▲          │  │           │  ▲        │
 *     │  │          │  └──────────┘ │ │ └──────────┘  │           │  │        │
 *     │  │          │   (returned:  │ │   (rework)    │           │  │        │
 *     │  │          │  incomplete)  │ └───────────────┼──▶ replied│  │        │
 *     │  └──────────┼───────────────┼─────────────────┼───────────┘  │        │
 *     │             └──▶ replied    │                 │  dispatched ◀┘        │
 *     └──▶ dispatched               │                 │  (customer not done)  │
 *  accepted ◀──────────────────────────── reopen ─────────────────────────────┘
 *  every open stage ──▶ canceled (terminal)
 *
 *  The case type's plan (case-type.ts) names the stages that must have been passed before
 *  replied or closed, so a complaint cannot skip verification even where the table allows it.
 * ```
 */
import { DomainError } from '../errors.ts';

export const caseStages = [
  'accepted',
  'verifying',
  'dispatched',
  'supervising',
  'replied',
  'closed',
  'canceled',
] as const;
export type CaseStage = (typeof caseStages)[number];

/** Stages in which work is still going on (SLA clocks run, urging allowed). */
export const openStages: readonly CaseStage[] = [
  'accepted',
  'verifying',
  'dispatched',
  'supervising',
  'replied',
];

export const caseStageTransitions: Readonly<Record<CaseStage, readonly CaseStage[]>> = {
  accepted: ['verifying', 'dispatched', 'replied', 'canceled'],
  verifying: ['dispatched', 'replied', 'canceled'],
  dispatched: ['supervising', 'replied', 'verifying', 'canceled'],
  supervising: ['replied', 'dispatched', 'canceled'],
  replied: ['closed', 'dispatched', 'canceled'],
  closed: ['accepted'],
  canceled: [],
};

export const isCaseStage = (s: string): s is CaseStage =>
  (caseStages as readonly string[]).includes(s);

export const isOpenStage = (s: CaseStage): boolean => openStages.includes(s);

export function canMoveCase(from: CaseStage, to: CaseStage): boolean {
  return caseStageTransitions[from].includes(to);
}

/** Rejects a move the table does not allow, with the legal alternatives in the details. */
export function assertCaseMove(from: CaseStage, to: CaseStage): void {
  if (!canMoveCase(from, to))
    throw new DomainError('case.illegal_transition', `a case cannot move from ${from} to ${to}`, {
      from,
      to,
      allowed: caseStageTransitions[from],
    });
}
