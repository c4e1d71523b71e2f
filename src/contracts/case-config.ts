import { z } from 'zod';
import { plannableStages, priorities } from '../domain/case/case-type.ts';
import { Id, Name } from './common.ts';

export const Priority = z.enum(priorities);

export const CaseTypeView = z
  .object({
    code: z.string(),
    name: z.string(),
    nameZh: z.string(),
    requiredStages: z.array(z.enum(plannableStages)),
    defaultPriority: Priority,
    active: z.boolean(),
  })
  .meta({ id: 'CaseType' });
export const CaseTypeCreate = z
  .strictObject({
    code: z.string().min(2).max(40),
    name: Name(100),
    nameZh: Name(100),
    requiredStages: z.array(z.enum(plannableStages)).max(3).default([]),
    defaultPriority: Priority.default('normal'),
    active: z.boolean().default(true),
  })
  .meta({ id: 'CaseTypeCreate' });
export const CaseTypeUpdate = z
  .strictObject({
    name: Name(100).optional(),
    nameZh: Name(100).optional(),
    requiredStages: z.array(z.enum(plannableStages)).max(3).optional(),
    defaultPriority: Priority.optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'CaseTypeUpdate' });

export const CategoryView = z
  .object({
    id: Id,
    parentId: Id.nullable(),
    name: z.string(),
    nameZh: z.string().nullable(),
    caseType: z.string().nullable(),
  })
  .meta({ id: 'Category' });
export const CategoryCreate = z
  .strictObject({
    parentId: Id.nullable().default(null),
    name: Name(100),
    nameZh: Name(100).nullable().default(null),
    caseType: z.string().max(40).nullable().default(null),
  })
  .meta({ id: 'CategoryCreate' });
export const CategoryUpdate = z
  .strictObject({
    parentId: Id.nullable().optional(),
    name: Name(100).optional(),
    nameZh: Name(100).nullable().optional(),
    caseType: z.string().max(40).nullable().optional(),
  })
  .meta({ id: 'CategoryUpdate' });
export type CategoryNodeT = z.infer<typeof CategoryView> & { children: CategoryNodeT[] };
export const CategoryNode: z.ZodType<CategoryNodeT> = CategoryView.extend({
  get children() {
    return z.array(CategoryNode);
  },
}).meta({ id: 'CategoryNode' });

const Interval = z.strictObject({
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
});
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Weekly = z.strictObject({
  mon: z.array(Interval).max(8).optional(),
  tue: z.array(Interval).max(8).optional(),
  wed: z.array(Interval).max(8).optional(),
  thu: z.array(Interval).max(8).optional(),
  fri: z.array(Interval).max(8).optional(),
  sat: z.array(Interval).max(8).optional(),
  sun: z.array(Interval).max(8).optional(),
});

export const CalendarView = z
  .object({
    id: Id,
    name: z.string(),
    timeZone: z.string(),
    weekly: Weekly,
    holidays: z.array(Day),
    specialDays: z.array(z.object({ date: Day, intervals: z.array(Interval) })),
  })
  .meta({ id: 'BusinessCalendar' });
export const CalendarCreate = z
  .strictObject({
    name: Name(100),
    timeZone: z.string().min(1).max(64),
    weekly: Weekly,
    holidays: z.array(Day).max(1000).default([]),
    specialDays: z
      .array(z.strictObject({ date: Day, intervals: z.array(Interval).max(8) }))
      .max(1000)
      .default([]),
  })
  .meta({ id: 'BusinessCalendarCreate' });
export const CalendarUpdate = z
  .strictObject({
    name: Name(100).optional(),
    timeZone: z.string().min(1).max(64).optional(),
    weekly: Weekly.optional(),
    holidays: z.array(Day).max(1000).optional(),
    specialDays: z
      .array(z.strictObject({ date: Day, intervals: z.array(Interval).max(8) }))
      .max(1000)
      .optional(),
  })
  .meta({ id: 'BusinessCalendarUpdate' });

const StageMinutes = z.strictObject({
  accepted: z.number().optional(),
  verifying: z.number().optional(),
  dispatched: z.number().optional(),
  supervising: z.number().optional(),
  replied: z.number().optional(),
});

export const SlaPolicyView = z
  .object({
    id: Id,
    caseType: z.string(),
    priority: Priority.nullable(),
    calendarId: Id,
    stageMinutes: StageMinutes,
    totalMinutes: z.number(),
    warnPercent: z.number(),
  })
  .meta({ id: 'SlaPolicy' });
export const SlaPolicyCreate = z
  .strictObject({
    caseType: z.string().min(1).max(40),
    priority: Priority.nullable().default(null),
    calendarId: Id,
    stageMinutes: StageMinutes,
    totalMinutes: z.number(),
    warnPercent: z.number().default(20),
  })
  .meta({ id: 'SlaPolicyCreate' });
export const SlaPolicyUpdate = z
  .strictObject({
    caseType: z.string().min(1).max(40).optional(),
    priority: Priority.nullable().optional(),
    calendarId: Id.optional(),
    stageMinutes: StageMinutes.optional(),
    totalMinutes: z.number().optional(),
    warnPercent: z.number().optional(),
  })
  .meta({ id: 'SlaPolicyUpdate' });
