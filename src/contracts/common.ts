/** Shapes shared by every resource: problems, paging, ids, timestamps. */
import { z } from 'zod';

/** RFC 9457 problem details, with kefu's stable `code`. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('field errors, for validation.failed'),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem' });

export const Timestamp = z.iso.datetime({ offset: true }).describe('ISO 8601 instant');
export const Id = z.string().min(1).max(100);
export const IdParam = z.object({ id: Id });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });

export const Ok = z.object({ ok: z.literal(true) });

/** A string trimmed and bounded, for names and titles. */
export const Name = (max = 200) => z.string().trim().min(1).max(max);
