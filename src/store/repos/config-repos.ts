/** Configuration tables: case types, categories, business calendars, SLA policies, settings. */
import { asc, eq } from 'drizzle-orm';
import type {
  CalendarRepo,
  CaseTypeRepo,
  CategoryRepo,
  SettingsRepo,
  SlaPolicyRepo,
} from '../../app/ports/store.ts';
import type { CaseCategory } from '../../domain/case/category-tree.ts';
import type { CaseTypeDef, PlannableStage, Priority } from '../../domain/case/case-type.ts';
import type { BusinessCalendar } from '../../domain/sla/business-calendar.ts';
import type { SlaPolicy } from '../../domain/sla/sla-policy.ts';
import { mapUnique, type Db } from '../db.ts';
import { businessCalendars, caseCategories, caseTypes, settings, slaPolicies } from '../schema.ts';

export class DrizzleCaseTypeRepo implements CaseTypeRepo {
  constructor(private readonly db: Db) {}
  async list(): Promise<CaseTypeDef[]> {
    return (await this.db.select().from(caseTypes).orderBy(asc(caseTypes.code))).map(toType);
  }
  async get(code: string): Promise<CaseTypeDef | null> {
    const [r] = await this.db.select().from(caseTypes).where(eq(caseTypes.code, code));
    return r ? toType(r) : null;
  }
  async insert(t: CaseTypeDef): Promise<void> {
    await mapUnique(
      () => this.db.insert(caseTypes).values({ ...t, requiredStages: [...t.requiredStages] }),
      { case_types_pkey: ['case_type.code_taken', `case type ${t.code} exists`] },
    );
  }
  async update(t: CaseTypeDef): Promise<void> {
    await this.db
      .update(caseTypes)
      .set({ ...t, requiredStages: [...t.requiredStages] })
      .where(eq(caseTypes.code, t.code));
  }
}

const toType = (r: typeof caseTypes.$inferSelect): CaseTypeDef => ({
  code: r.code,
  name: r.name,
  nameZh: r.nameZh,
  requiredStages: r.requiredStages as PlannableStage[],
  defaultPriority: r.defaultPriority as Priority,
  active: r.active,
});

export class DrizzleCategoryRepo implements CategoryRepo {
  constructor(private readonly db: Db) {}
  async list(): Promise<CaseCategory[]> {
    return this.db.select().from(caseCategories).orderBy(asc(caseCategories.name));
  }
  async get(id: string): Promise<CaseCategory | null> {
    const [r] = await this.db.select().from(caseCategories).where(eq(caseCategories.id, id));
    return r ?? null;
  }
  async insert(c: CaseCategory): Promise<void> {
    await this.db.insert(caseCategories).values(c);
  }
  async update(c: CaseCategory): Promise<void> {
    await this.db.update(caseCategories).set(c).where(eq(caseCategories.id, c.id));
  }
  async delete(id: string): Promise<boolean> {
    const r = await this.db
      .delete(caseCategories)
      .where(eq(caseCategories.id, id))
      .returning({ id: caseCategories.id });
    return r.length > 0;
  }
}

export class DrizzleCalendarRepo implements CalendarRepo {
  constructor(private readonly db: Db) {}
  async list(): Promise<BusinessCalendar[]> {
    return (
      await this.db.select().from(businessCalendars).orderBy(asc(businessCalendars.name))
    ).map(toCalendar);
  }
  async get(id: string): Promise<BusinessCalendar | null> {
    const [r] = await this.db.select().from(businessCalendars).where(eq(businessCalendars.id, id));
    return r ? toCalendar(r) : null;
  }
  async insert(c: BusinessCalendar): Promise<void> {
    await this.db.insert(businessCalendars).values(fromCalendar(c));
  }
  async update(c: BusinessCalendar): Promise<void> {
    await this.db
      .update(businessCalendars)
      .set(fromCalendar(c))
      .where(eq(businessCalendars.id, c.id));
  }
  async delete(id: string): Promise<boolean> {
    const r = await this.db
      .delete(businessCalendars)
      .where(eq(businessCalendars.id, id))
      .returning({ id: businessCalendars.id });
    return r.length > 0;
  }
}

const fromCalendar = (c: BusinessCalendar): typeof businessCalendars.$inferInsert => ({
  id: c.id,
  name: c.name,
  timeZone: c.timeZone,
  weekly: JSON.parse(JSON.stringify(c.weekly)),
  holidays: [...c.holidays],
  specialDays: JSON.parse(JSON.stringify(c.specialDays)),
});

const toCalendar = (r: typeof businessCalendars.$inferSelect): BusinessCalendar => ({
  id: r.id,
  name: r.name,
  timeZone: r.timeZone,
  weekly: r.weekly,
  holidays: r.holidays,
  specialDays: r.specialDays,
});

const policyTaken: Record<string, ['sla.policy_taken', string]> = {
  sla_policies_type_priority_uq: [
    'sla.policy_taken',
    'a policy for this case type and priority exists',
  ],
};

export class DrizzleSlaPolicyRepo implements SlaPolicyRepo {
  constructor(private readonly db: Db) {}
  async list(): Promise<SlaPolicy[]> {
    return (
      await this.db
        .select()
        .from(slaPolicies)
        .orderBy(asc(slaPolicies.caseType), asc(slaPolicies.priority))
    ).map(toPolicy);
  }
  async get(id: string): Promise<SlaPolicy | null> {
    const [r] = await this.db.select().from(slaPolicies).where(eq(slaPolicies.id, id));
    return r ? toPolicy(r) : null;
  }
  async insert(p: SlaPolicy): Promise<void> {
    await mapUnique(() => this.db.insert(slaPolicies).values(fromPolicy(p)), policyTaken);
  }
  async update(p: SlaPolicy): Promise<void> {
    await mapUnique(
      () => this.db.update(slaPolicies).set(fromPolicy(p)).where(eq(slaPolicies.id, p.id)),
      policyTaken,
    );
  }
  async delete(id: string): Promise<boolean> {
    const r = await this.db
      .delete(slaPolicies)
      .where(eq(slaPolicies.id, id))
      .returning({ id: slaPolicies.id });
    return r.length > 0;
  }
}

const fromPolicy = (p: SlaPolicy): typeof slaPolicies.$inferInsert => ({
  id: p.id,
  caseType: p.caseType,
  priority: p.priority ?? '',
  calendarId: p.calendarId,
  stageMinutes: { ...p.stageMinutes },
  totalMinutes: p.totalMinutes,
  warnPercent: p.warnPercent,
});

const toPolicy = (r: typeof slaPolicies.$inferSelect): SlaPolicy => ({
  id: r.id,
  caseType: r.caseType,
  priority: r.priority === '' ? null : (r.priority as Priority),
  calendarId: r.calendarId,
  stageMinutes: r.stageMinutes,
  totalMinutes: r.totalMinutes,
  warnPercent: r.warnPercent,
});

export class DrizzleSettingsRepo implements SettingsRepo {
  constructor(private readonly db: Db) {}
  async get<T>(key: string): Promise<T | null> {
    const [r] = await this.db.select().from(settings).where(eq(settings.key, key));
    return r ? (r.value as T) : null;
  }
  async set(key: string, value: unknown): Promise<void> {
    await this.db
      .insert(settings)
      .values({ key, value })
      .onConflictDoUpdate({ target: settings.key, set: { value } });
  }
}
