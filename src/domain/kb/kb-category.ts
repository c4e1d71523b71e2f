/** Knowledge-base categories form a tree (套餐资费 › 国际漫游); a parent may not be its own descendant. */
import { assertValidParent, categoryPath } from '../case/category-tree.ts';

export interface KbCategory {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly nameZh: string | null;
  readonly position: number;
}

/** Rejects a parent that does not exist or would make a cycle (the case tree's rule). */
export const assertKbParent = assertValidParent;

/** Names from the root down, e.g. ['Tariffs', 'Roaming'] (in zh when asked and set). */
export function kbCategoryPath(
  all: readonly KbCategory[],
  id: string | null,
  zh = false,
): string[] {
  return id ? categoryPath(all, id).map((c) => (zh ? (c.nameZh ?? c.name) : c.name)) : [];
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
