/**
 * CTI over HTTP: the agent desktop controls its calls, supervisors monitor and release them.
 * Each command answers the call as it is afterwards; the same changes arrive as `call.*` events
 * on the WebSocket stream.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Actor } from '../../../app/app-context.ts';
import type { CallControl } from '../../../app/ports/call-control.ts';
import type { Call } from '../../../domain/call/call.ts';
import {
  CallTargetBody,
  CallView,
  DtmfBody,
  MakeCallBody,
  MonitorBody,
  RemovePartyBody,
  RouteCallBody,
} from '../../../contracts/voice.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonBody, jsonResponse, managers, secured, staff } from '../secured-route.ts';

const tags = ['calls'];
const CallParam = z.object({ id: z.string().min(1).max(64) });

type Simple = 'hold' | 'retrieve' | 'hangup' | 'completeTransfer' | 'conference' | 'cancelConsult';

const simple: readonly [string, Simple, string][] = [
  ['hold', 'hold', 'Put the customer on hold (they hear music)'],
  ['retrieve', 'retrieve', 'Take the customer off hold'],
  ['hangup', 'hangup', 'Hang up your own leg (the call goes on if others remain)'],
  ['complete-transfer', 'completeTransfer', 'Hand the customer to the consulted party and leave'],
  ['conference', 'conference', 'Join customer, yourself and the consulted party'],
  ['cancel-consult', 'cancelConsult', 'Drop the consulted party and return to the customer'],
];

export function callRoutes(app: OpenAPIHono<ApiEnv>): void {
  const view = (c: Call) => c as z.infer<typeof CallView>;
  const act = (
    path: string,
    summary: string,
    roles: typeof staff,
    run: (calls: CallControl, actor: Actor, id: string, body: never) => Promise<Call>,
    schema?: z.ZodType,
  ) =>
    app.openapi(
      secured(roles, {
        method: 'post',
        path: `/api/calls/{id}/${path}`,
        tags,
        summary,
        request: { params: CallParam, ...(schema ? { body: jsonBody(schema) } : {}) },
        responses: { 200: jsonResponse(CallView) },
      }),
      async (c) => {
        const body = (schema ? c.req.valid('json' as never) : undefined) as never;
        const call = await run(c.var.services.calls, c.var.actor!, c.req.valid('param').id, body);
        return c.json(view(call), 200);
      },
    );

  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/calls',
      tags,
      summary: 'Calls in progress: your own, or all of them for supervisors',
      responses: { 200: jsonResponse(z.array(CallView)) },
    }),
    async (c) => c.json((await c.var.services.calls.list(c.var.actor!)).map(view), 200),
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/calls',
      tags,
      summary: 'Click-to-dial: your phone rings, then the number is called through the trunk',
      request: { body: jsonBody(MakeCallBody) },
      responses: { 201: jsonResponse(CallView) },
    }),
    async (c) =>
      c.json(view(await c.var.services.calls.makeCall(c.var.actor!, c.req.valid('json'))), 201),
  );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/calls/{id}',
      tags,
      summary: 'One call in progress, with its legs',
      request: { params: CallParam },
      responses: { 200: jsonResponse(CallView) },
    }),
    async (c) =>
      c.json(view(await c.var.services.calls.get(c.var.actor!, c.req.valid('param').id)), 200),
  );
  for (const [path, method, summary] of simple)
    act(path, summary, staff, (calls, actor, id) => calls[method](actor, id));
  act(
    'transfer',
    'Blind transfer to an agent, an extension, an outside number or a queue',
    staff,
    (calls, actor, id, body: z.infer<typeof CallTargetBody>) => calls.transfer(actor, id, body),
    CallTargetBody,
  );
  act(
    'consult',
    'Put the customer on hold and call an agent, an extension or an outside number',
    staff,
    (calls, actor, id, body: z.infer<typeof CallTargetBody>) => calls.consult(actor, id, body),
    CallTargetBody,
  );
  act(
    'add-party',
    'Conference: ring another agent, extension or number into the conference',
    staff,
    (calls, actor, id, body: z.infer<typeof CallTargetBody>) => calls.addParty(actor, id, body),
    CallTargetBody,
  );
  act(
    'remove-party',
    'Conference: drop one party (by leg id)',
    staff,
    (calls, actor, id, body: z.infer<typeof RemovePartyBody>) =>
      calls.removeParty(actor, id, body.legId),
    RemovePartyBody,
  );
  act(
    'dtmf',
    'Send DTMF digits (RFC 4733) to the party you are talking with',
    staff,
    (calls, actor, id, body: z.infer<typeof DtmfBody>) => calls.sendDtmf(actor, id, body.digits),
    DtmfBody,
  );
  act(
    'monitor',
    'Supervisor: listen silently, whisper to the agent or barge in (again to change the mode)',
    managers,
    (calls, actor, id, body: z.infer<typeof MonitorBody>) => calls.monitor(actor, id, body.mode),
    MonitorBody,
  );
  act(
    'route',
    'Supervisor: move a waiting or ringing call to another queue or straight to an agent',
    managers,
    (calls, actor, id, body: z.infer<typeof RouteCallBody>) => calls.route(actor, id, body),
    RouteCallBody,
  );
  act('release', 'Supervisor: end the whole call', managers, (calls, actor, id) =>
    calls.forceRelease(actor, id),
  );
}
