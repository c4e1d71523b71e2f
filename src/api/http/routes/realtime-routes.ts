import type { OpenAPIHono } from '@hono/zod-openapi';
import { RealtimeSnapshot } from '../../../contracts/realtime.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import { jsonResponse, secured, staff } from '../secured-route.ts';

export function realtimeRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/realtime',
      tags: ['statistics'],
      summary:
        'Live figures per center, queue, agent and team (also pushed once a second on /api/stream?realtime=1)',
      responses: { 200: jsonResponse(RealtimeSnapshot) },
    }),
    (c) => c.json(jsonify(c.var.services.realtime.snapshot()), 200),
  );
}
