/**
 * The HTTP API: one Hono app with OpenAPI routes. Order of the middleware matters: body limit
 * and media-type checks first, then authentication (which only identifies; each route's guard
 * decides), then the routes; every error ends in `onError` as problem+json.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { isDomainError } from '../../domain/errors.ts';
import type { ApiEnv, Services } from './api-env.ts';
import { problem } from './problem.ts';
import { clientIp, requestToken } from './request-info.ts';
import { agentRoutes } from './routes/agent-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { caseConfigRoutes } from './routes/case-config-routes.ts';
import { caseRoutes } from './routes/case-routes.ts';
import { customerRoutes } from './routes/customer-routes.ts';
import { eventRoutes } from './routes/event-routes.ts';
import { realtimeRoutes } from './routes/realtime-routes.ts';
import { voiceRoutes } from './routes/voice-routes.ts';
import { callRoutes } from './routes/call-routes.ts';
import { orgRoutes } from './routes/org-routes.ts';
import { routingConfigRoutes } from './routes/routing-config-routes.ts';
import { taskRoutes } from './routes/task-routes.ts';
import { messageRoutes } from './routes/message-routes.ts';
import { wfmRoutes } from './routes/wfm-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { formRoutes } from './routes/form-routes.ts';
import { portalRoutes } from './routes/portal-routes.ts';
import { chatRoutes } from './routes/chat-routes.ts';
import { caseSupervisionRoutes } from './routes/case-supervision-routes.ts';
import { channelStatusRoutes } from './routes/channel-status-routes.ts';
import { checkRoutes } from './routes/check-routes.ts';
import { directoryRoutes } from './routes/directory-routes.ts';
import { recordingRoutes } from './routes/recording-routes.ts';
import { qualityRoutes } from './routes/quality-routes.ts';
import { surveyRoutes } from './routes/survey-routes.ts';
import { webhookRoutes } from './routes/webhook-routes.ts';
import { connectorRoutes } from './routes/connector-routes.ts';
import { dialerRoutes } from './routes/dialer-routes.ts';
import { resourceRoutes } from './routes/resource-routes.ts';
import { kbRoutes } from './routes/kb-routes.ts';
import { kbPublicRoutes } from './routes/kb-public-routes.ts';
import { metricsEndpoint } from './metrics-endpoint.ts';

export interface ApiOptions {
  readonly maxBodyBytes?: number;
  readonly logger?: Logger;
  /** Bearer token Prometheus scrapes `/metrics` with (administrators' sessions work too). */
  readonly metricsToken?: string | null;
}

/** Routes that also take a text/csv body. */
const csvPaths = /^\/api\/campaigns\/[^/]+\/records$/;

export function createApi(services: Services, o: ApiOptions = {}): OpenAPIHono<ApiEnv> {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = result.error.issues.map((i) => ({
          path: i.path.map(String).join('.') || '(body)',
          message: i.message,
        }));
        return problem(
          c,
          'validation.failed',
          errors.map((e) => `${e.path}: ${e.message}`).join('; '),
          { errors },
        );
      }
    },
  });

  app.use('/api/*', async (c, next) => {
    c.set('services', services);
    c.set('actor', null);
    await next();
  });

  // The chat widget runs on other sites and reads help articles from there: the public
  // knowledge-base routes answer any origin (they take no cookie and show only public data).
  app.use(
    '/api/kb/public/*',
    cors({ origin: '*', allowMethods: ['GET', 'POST'], allowHeaders: ['content-type'] }),
  );

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: o.maxBodyBytes ?? 1024 * 1024,
      onError: (c) =>
        problem(
          c,
          'request.too_large',
          `request bodies are limited to ${o.maxBodyBytes ?? 1024 * 1024} bytes`,
        ),
    }),
  );

  app.use('/api/*', async (c, next) => {
    const m = c.req.method;
    if (m === 'POST' || m === 'PUT' || m === 'PATCH') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const hasBody =
        c.req.header('content-length') !== '0' &&
        (c.req.header('content-length') !== undefined ||
          c.req.header('transfer-encoding') !== undefined);
      // Contact lists are imported as CSV; every other body is JSON.
      const csvAllowed = type === 'text/csv' && csvPaths.test(c.req.path);
      if (hasBody && type !== 'application/json' && !csvAllowed)
        return problem(
          c,
          'request.unsupported_media_type',
          'send JSON with Content-Type: application/json',
        );
    }
    await next();
  });

  app.get('/metrics', metricsEndpoint(services, o.metricsToken ?? null));

  app.use('/api/*', async (c, next) => {
    const token = requestToken(c);
    if (token) c.set('actor', await services.auth.authenticate(token, clientIp(c)));
    await next();
  });

  authRoutes(app);
  orgRoutes(app);
  customerRoutes(app);
  connectorRoutes(app);
  caseConfigRoutes(app);
  caseRoutes(app);
  routingConfigRoutes(app);
  agentRoutes(app);
  taskRoutes(app);
  eventRoutes(app);
  realtimeRoutes(app);
  voiceRoutes(app);
  callRoutes(app);
  messageRoutes(app);
  wfmRoutes(app);
  reportRoutes(app);
  formRoutes(app);
  portalRoutes(app);
  chatRoutes(app);
  caseSupervisionRoutes(app);
  channelStatusRoutes(app);
  checkRoutes(app);
  directoryRoutes(app);
  recordingRoutes(app);
  qualityRoutes(app);
  surveyRoutes(app);
  webhookRoutes(app);
  dialerRoutes(app);
  resourceRoutes(app);
  kbRoutes(app);
  kbPublicRoutes(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'kefu_session',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'kefu API',
      version: '0.1.0',
      description:
        'Contact center with case management. Errors are application/problem+json with a stable `code`.',
    },
  });
  app.get('/api/docs', swaggerUI({ url: '/api/openapi.json' }));

  app.notFound((c) => problem(c, 'not_found', `no route for ${c.req.method} ${c.req.path}`));

  app.onError((err, c) => {
    if (isDomainError(err)) {
      return problem(c, err.code, err.message, err.details ? { details: err.details } : {});
    }
    if (err instanceof HTTPException) {
      if (err.status === 400 && /JSON/i.test(err.message))
        return problem(c, 'request.malformed_json', 'the request body is not valid JSON');
      if (err.status === 413) return problem(c, 'request.too_large', err.message);
      return problem(c, err.status === 401 ? 'auth.required' : 'validation.failed', err.message);
    }
    (o.logger ?? console).error({ err, path: c.req.path, method: c.req.method }, 'unhandled error');
    return problem(c, 'internal', 'something went wrong; the error was logged');
  });

  return app;
}
