/**
 * Every route declares who may call it. `secured()` wraps `createRoute` with a guard that
 * answers 401 without a session and 403 for other roles, records the roles in the OpenAPI
 * document (`x-roles`, read back by the permission matrix test), and audits administrators'
 * changes.
 */
import { createRoute, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Actor } from '../../app/app-context.ts';
import { roles as allRoles, type Role } from '../../domain/user/user.ts';
import { IdParam, Ok, Problem } from '../../contracts/common.ts';
import type { ApiEnv } from './api-env.ts';
import { problem } from './problem.ts';

export type Access = 'public' | readonly Role[];

export const anyone: readonly Role[] = allRoles;
export const staff: readonly Role[] = ['admin', 'supervisor', 'agent', 'backoffice'];
export const frontline: readonly Role[] = ['admin', 'supervisor', 'agent'];
export const managers: readonly Role[] = ['admin', 'supervisor'];
export const adminOnly: readonly Role[] = ['admin'];

function guard(access: Access): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (access === 'public') return next();
    const actor = c.get('actor');
    if (!actor) return problem(c, 'auth.required', 'log in first');
    if (!access.includes(actor.role))
      return problem(c, 'auth.forbidden', `the ${actor.role} role may not do this`);
    await next();
    if (actor.role === 'admin' && c.req.method !== 'GET')
      await audit(
        c.get('services'),
        actor,
        c.req.method,
        c.req.routePath,
        c.req.param('id') ?? c.req.param('code') ?? null,
        c.res.status,
      );
  };
}

async function audit(
  services: ApiEnv['Variables']['services'],
  actor: Actor,
  method: string,
  path: string,
  targetId: string | null,
  status: number,
): Promise<void> {
  try {
    await services.store.audit.insert({
      at: services.clock.now(),
      actorId: actor.id,
      actorName: actor.username,
      action: `${method} ${path}`,
      targetType: path.split('/')[2] ?? null,
      targetId,
      ip: actor.ip,
      outcome: status < 400 ? 'ok' : status === 403 ? 'denied' : 'failed',
      details: { status },
    });
  } catch (e) {
    console.error('audit write failed', e);
  }
}

const problemResponses = {
  400: {
    description: 'invalid request',
    content: { 'application/problem+json': { schema: Problem } },
  },
  401: {
    description: 'not logged in',
    content: { 'application/problem+json': { schema: Problem } },
  },
  403: {
    description: 'role not allowed',
    content: { 'application/problem+json': { schema: Problem } },
  },
  404: {
    description: 'not found or not visible',
    content: { 'application/problem+json': { schema: Problem } },
  },
  409: { description: 'conflict', content: { 'application/problem+json': { schema: Problem } } },
} as const;

export function secured<const R extends RouteConfig>(access: Access, config: R) {
  return createRoute({
    ...config,
    middleware: [guard(access)] as never,
    'x-roles': access === 'public' ? ['public'] : [...access],
    ...(access === 'public' ? {} : { security: [{ bearer: [] }, { cookie: [] }] }),
    responses: { ...problemResponses, ...config.responses },
  } as R);
}

/** A JSON request body that must be present. */
export const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T>(schema: T, description = 'ok') => ({
  description,
  content: { 'application/json': { schema } },
});

/**
 * `DELETE {path}` with an `{id}` parameter answering `{ok: true}`: the one shape every
 * deletable resource shares.
 */
export function deleteRoute(
  app: OpenAPIHono<ApiEnv>,
  access: Access,
  d: { path: string; tags: string[]; summary: string },
  remove: (services: ApiEnv['Variables']['services'], actor: Actor, id: string) => Promise<unknown>,
): void {
  app.openapi(
    secured(access, {
      method: 'delete',
      path: d.path,
      tags: d.tags,
      summary: d.summary,
      request: { params: IdParam },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await remove(c.var.services, c.var.actor as Actor, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
}
