import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  assertValidParent,
  buildCategoryTree,
  categoryPath,
  type CaseCategory,
  type CategoryNode,
} from '../../../../src/domain/case/category-tree.ts';
import { expectDomainError } from '../expect-domain-error.ts';

function cat(id: string, parentId: string | null, name: string = id): CaseCategory {
  return { id, parentId, name, nameZh: null, caseType: null };
}

/**
 * Billing ─┬─ Roaming charges ── Roaming data
 *          └─ Double billing
 * Network ─── No signal
 */
const all: readonly CaseCategory[] = [
  cat('net-signal', 'net', 'No signal'),
  cat('roam-data', 'roam', 'Roaming data'),
  cat('net', null, 'Network'),
  cat('roam', 'billing', 'Roaming charges'),
  { id: 'billing', parentId: null, name: 'Billing', nameZh: '计费', caseType: 'complaint' },
  cat('double', 'billing', 'Double billing'),
];

const names = (nodes: readonly CategoryNode[]): unknown =>
  nodes.map((n) => (n.children.length ? { [n.name]: names(n.children) } : n.name));

describe('buildCategoryTree', () => {
  it('nests children under parents, each level sorted by name', () => {
    expect(names(buildCategoryTree(all))).toEqual([
      { Billing: ['Double billing', { 'Roaming charges': ['Roaming data'] }] },
      { Network: ['No signal'] },
    ]);
  });

  it('keeps the category fields on each node', () => {
    const [billing] = buildCategoryTree(all);
    expect(billing).toMatchObject({
      id: 'billing',
      parentId: null,
      nameZh: '计费',
      caseType: 'complaint',
    });
  });

  it('puts a category whose parent is missing at the root', () => {
    const tree = buildCategoryTree([cat('a', null, 'A'), cat('orphan', 'gone', 'Orphan')]);
    expect(names(tree)).toEqual(['A', 'Orphan']);
  });

  it('builds nothing from nothing and leaves its input alone', () => {
    expect(buildCategoryTree([])).toEqual([]);
    const copy = structuredClone(all);
    buildCategoryTree(all);
    expect(all).toEqual(copy);
  });
});

describe('categoryPath', () => {
  it('runs from the root to the category', () => {
    expect(categoryPath(all, 'roam-data').map((c) => c.name)).toEqual([
      'Billing',
      'Roaming charges',
      'Roaming data',
    ]);
    expect(categoryPath(all, 'net').map((c) => c.id)).toEqual(['net']);
  });

  it('is empty for an unknown category', () => {
    expect(categoryPath(all, 'nope')).toEqual([]);
  });

  it('stops at a missing parent', () => {
    expect(categoryPath([cat('x', 'gone')], 'x').map((c) => c.id)).toEqual(['x']);
  });

  it('terminates even on cyclic data', () => {
    const cyclic = [cat('a', 'b'), cat('b', 'a')];
    expect(categoryPath(cyclic, 'a').length).toBeLessThanOrEqual(cyclic.length + 1);
  });
});

describe('assertValidParent', () => {
  it('accepts no parent, an existing parent, and moves within the tree', () => {
    expect(() => assertValidParent(all, 'net', null)).not.toThrow();
    expect(() => assertValidParent(all, 'new', 'billing')).not.toThrow();
    expect(() => assertValidParent(all, 'roam', 'net')).not.toThrow();
    expect(() => assertValidParent(all, 'roam-data', 'billing')).not.toThrow();
  });

  it('rejects a parent that does not exist', () => {
    expectDomainError(() => assertValidParent(all, 'new', 'gone'), 'category.invalid_parent', {
      parentId: 'gone',
    });
  });

  it('rejects a category as its own parent', () => {
    expectDomainError(() => assertValidParent(all, 'roam', 'roam'), 'category.invalid_parent', {
      parentId: 'roam',
    });
  });

  it('rejects a descendant as the parent (a cycle)', () => {
    expectDomainError(() => assertValidParent(all, 'billing', 'roam'), 'category.invalid_parent', {
      parentId: 'roam',
    });
    expectDomainError(
      () => assertValidParent(all, 'billing', 'roam-data'),
      'category.invalid_parent',
      { parentId: 'roam-data' },
    );
  });
});

describe('random forests (property)', () => {
  /** A forest: category i may only have a parent among 0..i-1, so the data has no cycle. */
  const forest = fc
    .array(fc.option(fc.nat(), { freq: 4 }), { minLength: 1, maxLength: 25 })
    .map((parents) =>
      parents.map((p, i) => cat(`c${i}`, p === null || i === 0 ? null : `c${p % i}`, `n${i}`)),
    );

  const ancestorsOf = (cats: readonly CaseCategory[], id: string): Set<string> => {
    const out = new Set<string>();
    for (let p = cats.find((c) => c.id === id)?.parentId ?? null; p !== null;) {
      out.add(p);
      p = cats.find((c) => c.id === p)?.parentId ?? null;
    }
    return out;
  };

  it('places every category exactly once, under its parent', () => {
    fc.assert(
      fc.property(forest, (cats) => {
        const seen: string[] = [];
        const visit = (nodes: readonly CategoryNode[], parent: string | null) => {
          for (const n of nodes) {
            seen.push(n.id);
            expect(n.parentId).toBe(parent);
            visit(n.children, n.id);
          }
        };
        visit(buildCategoryTree(cats), null);
        expect(seen.sort()).toEqual(cats.map((c) => c.id).sort());
      }),
    );
  });

  it('gives a path that ends at the category and climbs parent by parent', () => {
    fc.assert(
      fc.property(forest, fc.nat(), (cats, k) => {
        const target = cats[k % cats.length];
        if (!target) return;
        const path = categoryPath(cats, target.id);
        expect(path.at(-1)).toBe(target);
        expect(path[0]?.parentId).toBeNull();
        path.slice(1).forEach((c, i) => expect(c.parentId).toBe(path[i]?.id));
        expect(path.length).toBe(ancestorsOf(cats, target.id).size + 1);
      }),
    );
  });

  it('rejects exactly the parents that would make a cycle', () => {
    fc.assert(
      fc.property(forest, fc.nat(), fc.nat(), (cats, a, b) => {
        const child = cats[a % cats.length];
        const parent = cats[b % cats.length];
        if (!child || !parent) return;
        const cycle = parent.id === child.id || ancestorsOf(cats, parent.id).has(child.id);
        if (cycle)
          expectDomainError(
            () => assertValidParent(cats, child.id, parent.id),
            'category.invalid_parent',
          );
        else expect(() => assertValidParent(cats, child.id, parent.id)).not.toThrow();
      }),
    );
  });
});
