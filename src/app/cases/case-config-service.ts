/** Case types (plans), the category tree, business calendars and SLA policies. */
import {
  assertValidParent,
  buildCategoryTree,
  type CaseCategory,
} from '../../domain/case/category-tree.ts';
import { caseTypeCodePattern, type CaseTypeDef } from '../../domain/case/case-type.ts';
import { DomainError } from '../../domain/errors.ts';
import { adminOnlyScope } from '../../domain/events/domain-event.ts';
import { validateCalendar, type BusinessCalendar } from '../../domain/sla/business-calendar.ts';
import { validateSlaPolicy, type SlaPolicy } from '../../domain/sla/sla-policy.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { StoreTx } from '../ports/store.ts';

type WithoutId<T> = Omit<T, 'id'>;

export class CaseConfigService {
  constructor(private readonly deps: AppDeps) {}

  private async tx<T>(
    actor: Actor,
    type: string,
    subjectType: string,
    fn: (tx: StoreTx) => Promise<T & { id?: string; code?: string }>,
  ) {
    return this.deps.store.transaction(async (tx) => {
      const r = await fn(tx);
      tx.append(
        [
          {
            type,
            subjectType,
            subjectId: r.id ?? r.code ?? '',
            payload: {},
            scope: adminOnlyScope,
          },
        ],
        { actorId: actor.id, at: this.deps.clock.now() },
      );
      return r;
    });
  }

  listCaseTypes() {
    return this.deps.store.caseTypes.list();
  }

  createCaseType(actor: Actor, t: CaseTypeDef) {
    if (!caseTypeCodePattern.test(t.code))
      throw new DomainError(
        'validation.failed',
        'a case type code is 2–40 lowercase letters, digits or _',
        { field: 'code' },
      );
    return this.tx(actor, 'case_type.created', 'case_type', async (tx) => {
      await tx.caseTypes.insert(t);
      return t;
    });
  }

  updateCaseType(actor: Actor, code: string, p: Partial<WithoutId<CaseTypeDef>>) {
    return this.tx(actor, 'case_type.updated', 'case_type', async (tx) => {
      const cur = await tx.caseTypes.get(code);
      if (!cur) throw new DomainError('not_found', 'no such case type', { code });
      const next: CaseTypeDef = { ...cur, ...p, code };
      await tx.caseTypes.update(next);
      return next;
    });
  }

  async categoryTree() {
    return buildCategoryTree(await this.deps.store.categories.list());
  }

  listCategories() {
    return this.deps.store.categories.list();
  }

  createCategory(actor: Actor, c: WithoutId<CaseCategory>) {
    return this.tx(actor, 'category.created', 'category', async (tx) => {
      const cat: CaseCategory = { ...c, id: this.deps.ids.newId() };
      assertValidParent(await tx.categories.list(), cat.id, cat.parentId);
      await this.assertType(tx, cat.caseType);
      await tx.categories.insert(cat);
      return cat;
    });
  }

  updateCategory(actor: Actor, id: string, p: Partial<WithoutId<CaseCategory>>) {
    return this.tx(actor, 'category.updated', 'category', async (tx) => {
      const cur = await tx.categories.get(id);
      if (!cur) throw new DomainError('not_found', 'no such category', { id });
      const next: CaseCategory = { ...cur, ...p, id };
      assertValidParent(await tx.categories.list(), id, next.parentId);
      await this.assertType(tx, next.caseType);
      await tx.categories.update(next);
      return next;
    });
  }

  deleteCategory(actor: Actor, id: string) {
    return this.tx(actor, 'category.deleted', 'category', async (tx) => {
      if ((await tx.categories.list()).some((c) => c.parentId === id))
        throw new DomainError('conflict', 'delete the sub-categories first', { id });
      if (!(await tx.categories.delete(id)))
        throw new DomainError('not_found', 'no such category', { id });
      return { id };
    });
  }

  private async assertType(tx: StoreTx, code: string | null) {
    if (code && !(await tx.caseTypes.get(code)))
      throw new DomainError('case.unknown_type', `unknown case type ${code}`, { type: code });
  }

  listCalendars() {
    return this.deps.store.calendars.list();
  }

  async getCalendar(id: string) {
    const c = await this.deps.store.calendars.get(id);
    if (!c) throw new DomainError('not_found', 'no such calendar', { id });
    return c;
  }

  createCalendar(actor: Actor, c: WithoutId<BusinessCalendar>) {
    const cal = validateCalendar({ ...c, id: this.deps.ids.newId() });
    return this.tx(actor, 'calendar.created', 'calendar', async (tx) => {
      await tx.calendars.insert(cal);
      return cal;
    });
  }

  updateCalendar(actor: Actor, id: string, p: Partial<WithoutId<BusinessCalendar>>) {
    return this.tx(actor, 'calendar.updated', 'calendar', async (tx) => {
      const cur = await tx.calendars.get(id);
      if (!cur) throw new DomainError('not_found', 'no such calendar', { id });
      const next = validateCalendar({ ...cur, ...p, id });
      await tx.calendars.update(next);
      return next;
    });
  }

  deleteCalendar(actor: Actor, id: string) {
    return this.tx(actor, 'calendar.deleted', 'calendar', async (tx) => {
      if ((await tx.slaPolicies.list()).some((p) => p.calendarId === id))
        throw new DomainError('conflict', 'SLA policies still use this calendar', { id });
      if (!(await tx.calendars.delete(id)))
        throw new DomainError('not_found', 'no such calendar', { id });
      return { id };
    });
  }

  listSlaPolicies() {
    return this.deps.store.slaPolicies.list();
  }

  createSlaPolicy(actor: Actor, p: WithoutId<SlaPolicy>) {
    const policy = validateSlaPolicy({ ...p, id: this.deps.ids.newId() });
    return this.tx(actor, 'sla_policy.created', 'sla_policy', async (tx) => {
      await this.assertPolicyRefs(tx, policy);
      await tx.slaPolicies.insert(policy);
      return policy;
    });
  }

  updateSlaPolicy(actor: Actor, id: string, p: Partial<WithoutId<SlaPolicy>>) {
    return this.tx(actor, 'sla_policy.updated', 'sla_policy', async (tx) => {
      const cur = await tx.slaPolicies.get(id);
      if (!cur) throw new DomainError('not_found', 'no such SLA policy', { id });
      const next = validateSlaPolicy({ ...cur, ...p, id });
      await this.assertPolicyRefs(tx, next);
      await tx.slaPolicies.update(next);
      return next;
    });
  }

  deleteSlaPolicy(actor: Actor, id: string) {
    return this.tx(actor, 'sla_policy.deleted', 'sla_policy', async (tx) => {
      if (!(await tx.slaPolicies.delete(id)))
        throw new DomainError('not_found', 'no such SLA policy', { id });
      return { id };
    });
  }

  private async assertPolicyRefs(tx: StoreTx, p: SlaPolicy) {
    await this.assertType(tx, p.caseType);
    if (!(await tx.calendars.get(p.calendarId)))
      throw new DomainError('sla.invalid_policy', `calendar ${p.calendarId} does not exist`, {
        field: 'calendarId',
      });
  }
}
