/** Case categories form a tree (e.g. Billing › Roaming charges); a parent may not be its own descendant. */
import { DomainError } from '../errors.ts';

export interface CaseCategory {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly nameZh: string | null;
  readonly caseType: string | null;
}

export interface CategoryNode extends CaseCategory {
  readonly children: CategoryNode[];
}

export function buildCategoryTree(all: readonly CaseCategory[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  for (const c of all) nodes.set(c.id, { ...c, children: [] });
  const roots: CategoryNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: CategoryNode[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** A node of any category tree (cases, knowledge base). */
interface TreeNode {
  readonly id: string;
  readonly parentId: string | null;
}

/** The path from the root to `id`, e.g. ['Billing', 'Roaming charges']. */
export function categoryPath<T extends TreeNode>(all: readonly T[], id: string): T[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  const path: T[] = [];
  let cur = byId.get(id);
  while (cur && path.length <= all.length) {
    path.unshift(cur);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return path;
}

/** Rejects a parent that does not exist or would make a cycle. */
export function assertValidParent(
  all: readonly TreeNode[],
  id: string,
  parentId: string | null,
): void {
  if (parentId === null) return;
  const byId = new Map(all.map((c) => [c.id, c]));
  if (!byId.has(parentId))
    throw new DomainError('category.invalid_parent', 'parent category does not exist', {
      parentId,
    });
  let cur: string | null = parentId;
  for (let i = 0; cur !== null && i <= all.length; i++) {
    if (cur === id)
      throw new DomainError('category.invalid_parent', 'a category cannot be its own ancestor', {
        parentId,
      });
    cur = byId.get(cur)?.parentId ?? null;
  }
}
