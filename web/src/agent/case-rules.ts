/**
 * The case stage table (from the domain, through src/contracts/rules.ts) and the plan check:
 * the desktop offers only the moves the server accepts, and says which stages a plan still
 * needs before the customer may be answered.
 */
import type { CaseType, LoggedEvent } from '../api/types.ts';
import { caseStageTransitions, openStages, type CaseStage } from '../../../src/contracts/rules.ts';

export type Stage = CaseStage;
export const stageMoves = caseStageTransitions;
export { openStages };

/** Stages passed since the case was last (re)accepted, read from its timeline. */
export function visitedStages(timeline: readonly LoggedEvent[]): Set<string> {
  let visited = new Set<string>(['accepted']);
  for (const e of timeline) {
    if (e.type !== 'case.stage_changed') continue;
    const { from, to } = e.payload as { from?: string; to?: string };
    if (from === 'closed' && to === 'accepted') visited = new Set(['accepted']);
    else if (to) visited.add(to);
  }
  return visited;
}

/** Stages the type's plan still requires before `to` (only replied and closed are checked). */
export function missingFor(
  to: Stage,
  plan: CaseType | undefined,
  visited: ReadonlySet<string>,
): string[] {
  if (to !== 'replied' && to !== 'closed') return [];
  return (plan?.requiredStages ?? []).filter((s) => !visited.has(s));
}

/** "核查、派单和督办" / "verifying, dispatched and supervising", in the page's language. */
export const joinList = (items: string[], lang: string) =>
  new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
