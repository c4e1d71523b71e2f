/** The knowledge base's category tree, kept by supervisors and administrators. */
import { DomainError } from '../../domain/errors.ts';
import { assertKbParent, type KbCategory } from '../../domain/kb/kb-category.ts';
import type { Actor, AppDeps } from '../app-context.ts';

export interface KbCategoryInput {
  readonly parentId: string | null;
  readonly name: string;
  readonly nameZh: string | null;
  readonly position?: number;
}

export class KbCategories {
  constructor(private readonly deps: AppDeps) {}

  list(): Promise<KbCategory[]> {
    return this.deps.store.kb.categories();
  }

  async create(actor: Actor, i: KbCategoryInput): Promise<KbCategory> {
    const id = this.deps.ids.newId();
    return this.save(actor, id, i, true);
  }

  async update(actor: Actor, id: string, i: KbCategoryInput): Promise<KbCategory> {
    return this.save(actor, id, i, false);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      if (!(await tx.kb.deleteCategory(id)))
        throw new DomainError('not_found', 'no such category', { id });
      tx.append([categoryEvent(id, 'kb_category.deleted', { id })], {
        actorId: actor.id,
        at: this.deps.clock.now(),
      });
    });
  }

  private async save(
    actor: Actor,
    id: string,
    i: KbCategoryInput,
    isNew: boolean,
  ): Promise<KbCategory> {
    return this.deps.store.transaction(async (tx) => {
      const all = await tx.kb.categories();
      const cur = all.find((c) => c.id === id);
      if (!isNew && !cur) throw new DomainError('not_found', 'no such category', { id });
      assertKbParent(all, id, i.parentId);
      const c: KbCategory = {
        id,
        parentId: i.parentId,
        name: i.name.trim(),
        nameZh: i.nameZh?.trim() || null,
        position: i.position ?? cur?.position ?? all.length,
      };
      if (isNew) await tx.kb.insertCategory(c);
      else await tx.kb.updateCategory(c);
      tx.append(
        [categoryEvent(id, isNew ? 'kb_category.created' : 'kb_category.updated', { ...c })],
        {
          actorId: actor.id,
          at: this.deps.clock.now(),
        },
      );
      return c;
    });
  }
}

const categoryEvent = (id: string, type: string, payload: Record<string, unknown>) => ({
  type,
  subjectType: 'kb_category',
  subjectId: id,
  payload,
  scope: { userIds: [], teamIds: [], dispatchTeamIds: [], customerId: null },
});
