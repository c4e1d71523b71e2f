import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Role, UserCreate, UserUpdate, UserView } from '../../../contracts/auth.ts';
import { IdParam, PageQuery, pageOf } from '../../../contracts/common.ts';
import {
  SkillCreate,
  SkillUpdate,
  SkillView,
  TeamCreate,
  TeamDetails,
  TeamUpdate,
  TeamView,
} from '../../../contracts/org.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import {
  adminOnly,
  jsonBody,
  jsonResponse,
  managers,
  secured,
  staff,
  deleteRoute,
} from '../secured-route.ts';

const notFound = (what: string, id: string) =>
  new DomainError('not_found', `no such ${what}`, { id });

export function orgRoutes(app: OpenAPIHono<ApiEnv>): void {
  // ── users ───────────────────────────────────────────────────────────────
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/users',
      tags: ['users'],
      summary: 'List users',
      request: {
        query: PageQuery.extend({
          role: Role.optional(),
          team: z.string().optional(),
          q: z.string().max(100).optional(),
        }),
      },
      responses: { 200: jsonResponse(pageOf(UserView)) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await c.var.services.org.listUsers(
        {
          ...(q.role ? { role: q.role } : {}),
          ...(q.team ? { teamId: q.team } : {}),
          ...(q.q ? { q: q.q } : {}),
        },
        q,
      );
      return c.json(jsonify(r), 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/users/{id}',
      tags: ['users'],
      summary: 'Get a user',
      request: { params: IdParam },
      responses: { 200: jsonResponse(UserView) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const u = await c.var.services.org.getUser(id);
      if (!u) throw notFound('user', id);
      return c.json(jsonify(u), 200);
    },
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/users',
      tags: ['users'],
      summary: 'Create a user',
      request: { body: jsonBody(UserCreate) },
      responses: { 201: jsonResponse(UserView, 'created') },
    }),
    async (c) => {
      const u = await c.var.services.org.createUser(c.var.actor!, c.req.valid('json'));
      return c.json(jsonify(u), 201);
    },
  );
  app.openapi(
    secured(adminOnly, {
      method: 'patch',
      path: '/api/users/{id}',
      tags: ['users'],
      summary: 'Update a user (role, teams, skills, password, disabled)',
      request: { params: IdParam, body: jsonBody(UserUpdate) },
      responses: { 200: jsonResponse(UserView) },
    }),
    async (c) => {
      const u = await c.var.services.org.updateUser(
        c.var.actor!,
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(jsonify(u), 200);
    },
  );
  deleteRoute(
    app,
    adminOnly,
    { path: '/api/users/{id}', tags: ['users'], summary: 'Delete a user' },
    (s, actor, id) => s.org.deleteUser(actor, id),
  );

  // ── teams ───────────────────────────────────────────────────────────────
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/teams',
      tags: ['teams'],
      summary: 'List teams (workgroups)',
      responses: { 200: jsonResponse(z.array(TeamView)) },
    }),
    async (c) => c.json(jsonify(await c.var.services.store.teams.list()), 200),
  );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/teams/{id}',
      tags: ['teams'],
      summary: 'Get a team with its members',
      request: { params: IdParam },
      responses: { 200: jsonResponse(TeamDetails) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const t = await c.var.services.store.teams.get(id);
      if (!t) throw notFound('team', id);
      return c.json(
        jsonify({ ...t, memberIds: await c.var.services.store.teams.memberIds(id) }),
        200,
      );
    },
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/teams',
      tags: ['teams'],
      summary: 'Create a team',
      request: { body: jsonBody(TeamCreate) },
      responses: { 201: jsonResponse(TeamView, 'created') },
    }),
    async (c) =>
      c.json(jsonify(await c.var.services.org.createTeam(c.var.actor!, c.req.valid('json'))), 201),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'patch',
      path: '/api/teams/{id}',
      tags: ['teams'],
      summary: 'Update a team',
      request: { params: IdParam, body: jsonBody(TeamUpdate) },
      responses: { 200: jsonResponse(TeamView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await c.var.services.org.updateTeam(
            c.var.actor!,
            c.req.valid('param').id,
            stripUndefined(c.req.valid('json')),
          ),
        ),
        200,
      ),
  );
  deleteRoute(
    app,
    adminOnly,
    { path: '/api/teams/{id}', tags: ['teams'], summary: 'Delete a team' },
    (s, actor, id) => s.org.deleteTeam(actor, id),
  );

  // ── skills ──────────────────────────────────────────────────────────────
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/skills',
      tags: ['skills'],
      summary: 'List skills',
      responses: { 200: jsonResponse(z.array(SkillView)) },
    }),
    async (c) => c.json(jsonify(await c.var.services.store.skills.list()), 200),
  );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/skills/{id}',
      tags: ['skills'],
      summary: 'Get a skill',
      request: { params: IdParam },
      responses: { 200: jsonResponse(SkillView) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const s = await c.var.services.store.skills.get(id);
      if (!s) throw notFound('skill', id);
      return c.json(jsonify(s), 200);
    },
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/skills',
      tags: ['skills'],
      summary: 'Create a skill',
      request: { body: jsonBody(SkillCreate) },
      responses: { 201: jsonResponse(SkillView, 'created') },
    }),
    async (c) =>
      c.json(jsonify(await c.var.services.org.createSkill(c.var.actor!, c.req.valid('json'))), 201),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'patch',
      path: '/api/skills/{id}',
      tags: ['skills'],
      summary: 'Update a skill',
      request: { params: IdParam, body: jsonBody(SkillUpdate) },
      responses: { 200: jsonResponse(SkillView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await c.var.services.org.updateSkill(
            c.var.actor!,
            c.req.valid('param').id,
            stripUndefined(c.req.valid('json')),
          ),
        ),
        200,
      ),
  );
  deleteRoute(
    app,
    adminOnly,
    { path: '/api/skills/{id}', tags: ['skills'], summary: 'Delete a skill' },
    (s, actor, id) => s.org.deleteSkill(actor, id),
  );
}

/** Drops keys whose value is undefined, so a patch does not overwrite with nothing. */
export function stripUndefined<T extends object>(
  o: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}
