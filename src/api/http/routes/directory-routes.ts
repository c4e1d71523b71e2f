/**
 * The staff directory: who the colleagues are, by name, for every staff role. Agents may not
 * list users (that answer carries e-mail addresses, skills and settings); the desktop still
 * needs a name for a note's author, a case's assignee or a transfer target.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Role } from '../../../contracts/auth.ts';
import { Id } from '../../../contracts/common.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonResponse, secured, staff } from '../secured-route.ts';

const DirectoryEntry = z
  .object({ id: Id, displayName: z.string(), role: Role, teamIds: z.array(Id) })
  .meta({ id: 'DirectoryEntry' });
const Directory = z.object({ items: z.array(DirectoryEntry) }).meta({ id: 'Directory' });

/** Users are read a page at a time, per staff role (customers are never read). */
const pageSize = 500;

export function directoryRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/directory',
      tags: ['users'],
      summary: 'Staff who are not disabled: id, display name, role and teams (no e-mail)',
      responses: { 200: jsonResponse(Directory) },
    }),
    async (c) => {
      const users = c.var.services.store.users;
      const items: z.infer<typeof DirectoryEntry>[] = [];
      for (const role of staff) {
        for (let offset = 0; ; offset += pageSize) {
          const page = await users.list({ role }, { limit: pageSize, offset });
          for (const u of page.items)
            if (!u.disabled)
              items.push({
                id: u.id,
                displayName: u.displayName,
                role: u.role,
                teamIds: [...u.teamIds],
              });
          if (page.items.length < pageSize) break;
        }
      }
      return c.json({ items }, 200);
    },
  );
}
