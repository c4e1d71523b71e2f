import type { OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { LoginRequest, LoginResponse, UserView } from '../../../contracts/auth.ts';
import { Ok } from '../../../contracts/common.ts';
import { DomainError } from '../../../domain/errors.ts';
import { sessionCookie, type ApiEnv } from '../api-env.ts';
import { clientIp, requestToken } from '../request-info.ts';
import { jsonify } from '../jsonify.ts';
import { anyone, jsonBody, jsonResponse, secured } from '../secured-route.ts';
import { demoLogins, demoPassword } from '../../../app/seed/demo-seed.ts';

export function authRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured('public', {
      method: 'get',
      path: '/api/health',
      tags: ['system'],
      summary: 'Liveness',
      responses: { 200: jsonResponse(z.object({ status: z.literal('ok') })) },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    secured('public', {
      method: 'get',
      path: '/api/info',
      tags: ['system'],
      summary: 'What the login page needs: whether this is a demo center, and its demo logins',
      responses: {
        200: jsonResponse(
          z.object({
            name: z.string(),
            demo: z.boolean(),
            demoPassword: z.string().nullable(),
            demoLogins: z.array(
              z.object({ username: z.string(), role: z.string(), displayName: z.string() }),
            ),
          }),
        ),
      },
    }),
    (c) => {
      const demo = c.var.services.centerInfo.demo;
      return c.json(
        {
          name: 'kefu',
          demo,
          demoPassword: demo ? demoPassword : null,
          demoLogins: demo ? demoLogins.map((l) => ({ ...l })) : [],
        },
        200,
      );
    },
  );

  app.openapi(
    secured('public', {
      method: 'post',
      path: '/api/auth/login',
      tags: ['auth'],
      summary: 'Log in; the token works as a Bearer token and is also set as a session cookie',
      request: { body: jsonBody(LoginRequest) },
      responses: {
        200: jsonResponse(LoginResponse),
        429: { description: 'too many failed logins' },
      },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      try {
        const r = await c.var.services.auth.login(username, password, clientIp(c));
        setCookie(c, sessionCookie, r.token, {
          httpOnly: true,
          sameSite: 'Strict',
          path: '/',
          expires: r.expiresAt,
          secure: c.req.url.startsWith('https:'),
        });
        return c.json(jsonify({ token: r.token, expiresAt: r.expiresAt, user: r.user }), 200);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'auth.rate_limited')
          c.header('Retry-After', String(e.details?.['retryAfterSeconds'] ?? 60));
        throw e;
      }
    },
  );

  app.openapi(
    secured(anyone, {
      method: 'post',
      path: '/api/auth/logout',
      tags: ['auth'],
      summary: 'End this session',
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      const token = requestToken(c);
      if (token) await c.var.services.auth.logout(token);
      deleteCookie(c, sessionCookie, { path: '/' });
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/auth/me',
      tags: ['auth'],
      summary: 'The logged-in user',
      responses: { 200: jsonResponse(UserView) },
    }),
    async (c) => {
      const actor = c.var.actor;
      const user = actor && (await c.var.services.org.getUser(actor.id));
      if (!user) throw new DomainError('auth.required', 'session has no user');
      return c.json(jsonify(user), 200);
    },
  );
}
