import { describe, it, expect } from 'vitest';
import {
  assertCaseMove,
  canMoveCase,
  caseStageTransitions,
  caseStages,
  isCaseStage,
  isOpenStage,
  openStages,
  type CaseStage,
} from '../../../../src/domain/case/case-stage.ts';
import { domainError, expectDomainError } from '../expect-domain-error.ts';

/** The legal moves, written out from the diagram in case-stage.ts (independently of the table). */
const legal = new Set<string>([
  'accepted>verifying',
  'accepted>dispatched',
  'accepted>replied',
  'accepted>canceled',
  'verifying>dispatched',
  'verifying>replied',
  'verifying>canceled',
  'dispatched>supervising',
  'dispatched>replied',
  'dispatched>verifying',
  'dispatched>canceled',
  'supervising>replied',
  'supervising>dispatched',
  'supervising>canceled',
  'replied>closed',
  'replied>dispatched',
  'replied>canceled',
  'closed>accepted',
]);

const allPairs = caseStages.flatMap((from) => caseStages.map((to) => ({ from, to })));

function reachableFrom(start: CaseStage): Set<CaseStage> {
  const seen = new Set<CaseStage>([start]);
  const todo: CaseStage[] = [start];
  for (let s = todo.pop(); s !== undefined; s = todo.pop())
    for (const n of caseStageTransitions[s])
      if (!seen.has(n)) {
        seen.add(n);
        todo.push(n);
      }
  return seen;
}

describe('case stages', () => {
  it('lists the seven stages, five of them open', () => {
    expect(caseStages).toEqual([
      'accepted',
      'verifying',
      'dispatched',
      'supervising',
      'replied',
      'closed',
      'canceled',
    ]);
    expect(openStages).toEqual(['accepted', 'verifying', 'dispatched', 'supervising', 'replied']);
    for (const s of caseStages) expect(isOpenStage(s)).toBe(s !== 'closed' && s !== 'canceled');
  });

  it('recognises stage names exactly', () => {
    for (const s of caseStages) expect(isCaseStage(s)).toBe(true);
    for (const s of ['', 'open', 'Closed', 'analysis', 'accepted ', 'cancelled'])
      expect(isCaseStage(s)).toBe(false);
  });

  it('has a table row for every stage that names only known stages, without self-loops', () => {
    expect(Object.keys(caseStageTransitions).sort()).toEqual([...caseStages].sort());
    for (const [from, tos] of Object.entries(caseStageTransitions)) {
      for (const to of tos) expect(isCaseStage(to)).toBe(true);
      expect(tos).not.toContain(from);
      expect(new Set(tos).size).toBe(tos.length);
    }
  });
});

describe('the transition table over all 7×7 pairs', () => {
  it.each(allPairs)('$from → $to', ({ from, to }) => {
    const allowed = legal.has(`${from}>${to}`);
    expect(canMoveCase(from, to)).toBe(allowed);
    if (allowed) {
      expect(() => assertCaseMove(from, to)).not.toThrow();
    } else {
      const e = expectDomainError(() => assertCaseMove(from, to), 'case.illegal_transition', {
        from,
        to,
        allowed: caseStageTransitions[from],
      });
      expect(e.message).toContain(from);
      expect(e.message).toContain(to);
    }
  });

  it('allows exactly the moves of the diagram', () => {
    expect(allPairs.filter(({ from, to }) => canMoveCase(from, to)).length).toBe(legal.size);
  });
});

describe('stage rules', () => {
  it('makes canceled terminal', () => {
    expect(caseStageTransitions.canceled).toEqual([]);
    for (const to of caseStages) {
      const e = domainError(() => assertCaseMove('canceled', to));
      expect(e.details).toMatchObject({ allowed: [] });
    }
  });

  it('lets a closed case only be reopened (closed → accepted)', () => {
    expect(caseStageTransitions.closed).toEqual(['accepted']);
    expect(canMoveCase('closed', 'canceled')).toBe(false);
  });

  it('lets every open stage be canceled', () => {
    for (const s of openStages) expect(canMoveCase(s, 'canceled')).toBe(true);
  });

  it('reaches every stage from accepted, and closed from every open stage', () => {
    expect([...reachableFrom('accepted')].sort()).toEqual([...caseStages].sort());
    for (const s of openStages) expect(reachableFrom(s).has('closed')).toBe(true);
  });

  it('only enters closed from replied', () => {
    const into = caseStages.filter((s) => canMoveCase(s, 'closed'));
    expect(into).toEqual(['replied']);
  });
});
