/** Knowledge-base categories form a tree (套餐资费 › 国际漫游); a parent may not be its own descendant. */
import { DomainError } from '../errors.ts';

export interface KbCategory {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly nameZh: string | null;
  readonly position: number;
}

/** Rejects a parent that does not exist or would make a cycle. */
export function assertKbParent(
  all: readonly KbCategory[],
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

/** Names from the root down, e.g. ['Tariffs', 'Roaming'] (in zh when asked and set). */
export function kbCategoryPath(
  all: readonly KbCategory[],
  id: string | null,
  zh = false,
): string[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  const out: string[] = [];
  let cur = id ? byId.get(id) : undefined;
  while (cur && out.length <= all.length) {
    out.unshift(zh ? (cur.nameZh ?? cur.name) : cur.name);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return out;
}

/** The category at a path of names (either language), for imports; null when absent. */
export function kbCategoryAt(
  all: readonly KbCategory[],
  path: readonly string[],
): KbCategory | null {
  let parent: string | null = null;
  let found: KbCategory | null = null;
  for (const name of path) {
    found =
      all.find((c) => c.parentId === parent && (c.name === name || c.nameZh === name)) ?? null;
    if (!found) return null;
    parent = found.id;
  }
  return found;
}
