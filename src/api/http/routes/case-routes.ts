import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AssignRequest,
  CaseCreate,
  CaseDetails,
  CaseQuery,
  CaseView,
  CloseRequest,
  DispatchRequest,
  LinkContactRequest,
  NoteRequest,
  NoteView,
  PriorityRequest,
  ReopenRequest,
  ReplyRequest,
  ReplyView,
  TransitionRequest,
  UrgeRequest,
  CaseSlaView,
  CallbackRequest,
} from '../../../contracts/cases.ts';
import { IdParam, Ok, pageOf, Timestamp } from '../../../contracts/common.ts';
import { EventView } from '../../../contracts/events.ts';
import { MessageView } from '../../../contracts/messages.ts';
import { decodeUploads, messageView } from './message-routes.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import { meOr } from '../request-info.ts';
import { anyone, frontline, jsonBody, jsonResponse, secured, staff } from '../secured-route.ts';
import { stripUndefined } from './org-routes.ts';
import { eventView } from './event-routes.ts';

const tags = ['cases'];

export function caseRoutes(app: OpenAPIHono<ApiEnv>): void {
  const svc = (c: { var: ApiEnv['Variables'] }) => c.var.services.cases;

  app.openapi(
    secured(anyone, {
      method: 'post',
      path: '/api/cases',
      tags,
      summary: 'Open a case (stage accepted, with SLA due times)',
      request: { body: jsonBody(CaseCreate) },
      responses: { 201: jsonResponse(CaseView, 'created') },
    }),
    async (c) => c.json(jsonify(await svc(c).create(c.var.actor!, c.req.valid('json'))), 201),
  );
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/cases',
      tags,
      summary: 'List the cases you may see',
      request: { query: CaseQuery },
      responses: { 200: jsonResponse(pageOf(CaseView)) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const actor = c.var.actor!;
      const filter = stripUndefined({
        stage: q.stage,
        type: q.type,
        assigneeId: meOr(q.assignee, actor.id),
        teamId: q.team,
        customerId: q.customer,
        q: q.q,
        overdueAt: q.overdue === 'true' ? c.var.services.clock.now() : undefined,
      });
      return c.json(
        jsonify(await svc(c).list(actor, filter, { limit: q.limit, offset: q.offset })),
        200,
      );
    },
  );
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/cases/by-number/{number}',
      tags,
      summary: 'Find a case by its number (C-YYYYMMDD-NNNNNN)',
      request: { params: z.object({ number: z.string().max(40) }) },
      responses: { 200: jsonResponse(CaseView) },
    }),
    async (c) =>
      c.json(jsonify(await svc(c).getByNumber(c.var.actor!, c.req.valid('param').number)), 200),
  );
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/cases/{id}',
      tags,
      summary: 'Get a case',
      request: { params: IdParam },
      responses: { 200: jsonResponse(CaseView) },
    }),
    async (c) => c.json(jsonify(await svc(c).get(c.var.actor!, c.req.valid('param').id)), 200),
  );
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/cases/{id}/details',
      tags,
      summary: 'A case with notes, replies, contacts and SLA state',
      request: { params: IdParam },
      responses: { 200: jsonResponse(CaseDetails) },
    }),
    async (c) => c.json(jsonify(await svc(c).details(c.var.actor!, c.req.valid('param').id)), 200),
  );
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/cases/{id}/sla',
      tags,
      summary: 'SLA state of the current stage and of the whole case',
      request: { params: IdParam },
      responses: { 200: jsonResponse(CaseSlaView) },
    }),
    async (c) => c.json(jsonify(await svc(c).sla(c.var.actor!, c.req.valid('param').id)), 200),
  );
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/cases/{id}/timeline',
      tags,
      summary: 'The events of a case, oldest first',
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.array(EventView)) },
    }),
    async (c) =>
      c.json((await svc(c).timeline(c.var.actor!, c.req.valid('param').id)).map(eventView), 200),
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/cases/{id}/transition',
      tags,
      summary: 'Move a case to another stage',
      request: { params: IdParam, body: jsonBody(TransitionRequest) },
      responses: { 200: jsonResponse(CaseView) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      return c.json(
        jsonify(
          await svc(c).transition(c.var.actor!, c.req.valid('param').id, b.to, {
            note: b.note ?? null,
            satisfaction: b.satisfaction ?? null,
          }),
        ),
        200,
      );
    },
  );
  app.openapi(
    secured(frontline, {
      method: 'post',
      path: '/api/cases/{id}/assign',
      tags,
      summary: 'Assign a case to an agent and/or team',
      request: { params: IdParam, body: jsonBody(AssignRequest) },
      responses: { 200: jsonResponse(CaseView) },
    }),
    async (c) =>
      c.json(
        jsonify(await svc(c).assign(c.var.actor!, c.req.valid('param').id, c.req.valid('json'))),
        200,
      ),
  );
  app.openapi(
    secured(frontline, {
      method: 'post',
      path: '/api/cases/{id}/dispatch',
      tags,
      summary: 'Dispatch a case to a back-office team (任务分派)',
      request: { params: IdParam, body: jsonBody(DispatchRequest) },
      responses: { 200: jsonResponse(CaseView) },
    }),
    async (c) =>
      c.json(
        jsonify(await svc(c).dispatch(c.var.actor!, c.req.valid('param').id, c.req.valid('json'))),
        200,
      ),
  );
  app.openapi(
    secured(frontline, {
      method: 'post',
      path: '/api/cases/{id}/priority',
      tags,
      summary: 'Change the priority (SLA due times follow)',
      request: { params: IdParam, body: jsonBody(PriorityRequest) },
      responses: { 200: jsonResponse(CaseView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await svc(c).setPriority(
            c.var.actor!,
            c.req.valid('param').id,
            c.req.valid('json').priority,
          ),
        ),
        200,
      ),
  );
  app.openapi(
    secured(anyone, {
      method: 'post',
      path: '/api/cases/{id}/notes',
      tags,
      summary: 'Add a note (customers add public notes only)',
      request: { params: IdParam, body: jsonBody(NoteRequest) },
      responses: { 201: jsonResponse(NoteView, 'created') },
    }),
    async (c) =>
      c.json(
        jsonify(await svc(c).addNote(c.var.actor!, c.req.valid('param').id, c.req.valid('json'))),
        201,
      ),
  );
  app.openapi(
    secured(anyone, {
      method: 'post',
      path: '/api/cases/{id}/urge',
      tags,
      summary: 'Urge (催办) an open case',
      request: { params: IdParam, body: jsonBody(UrgeRequest) },
      responses: { 200: jsonResponse(CaseView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await svc(c).urge(
            c.var.actor!,
            c.req.valid('param').id,
            c.req.valid('json').note ?? null,
          ),
        ),
        200,
      ),
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/cases/{id}/contacts',
      tags,
      summary: 'Link a contact to the case',
      request: { params: IdParam, body: jsonBody(LinkContactRequest) },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await svc(c).linkContact(
        c.var.actor!,
        c.req.valid('param').id,
        c.req.valid('json').contactId,
      );
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/cases/{id}/replies',
      tags,
      summary: 'Record a reply to the customer (channels send it)',
      request: { params: IdParam, body: jsonBody(ReplyRequest) },
      responses: {
        201: jsonResponse(
          z.object({ reply: ReplyView, case: CaseView, message: MessageView.nullable() }),
          'created',
        ),
      },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const r = await svc(c).reply(c.var.actor!, c.req.valid('param').id, {
        ...b,
        attachments: decodeUploads(b.attachments),
      });
      return c.json(
        {
          ...jsonify({ reply: r.reply, case: r.case }),
          message: r.message ? messageView(r.message) : null,
        },
        201,
      );
    },
  );
  app.openapi(
    secured(anyone, {
      method: 'post',
      path: '/api/cases/{id}/callback',
      tags,
      summary:
        'Ask for a call-back (to the customer’s number unless another is given); a task goes to the router',
      request: { params: IdParam, body: jsonBody(CallbackRequest) },
      responses: {
        202: jsonResponse(z.object({ number: z.string(), at: Timestamp.nullable() }), 'accepted'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const r = await svc(c).requestCallback(c.var.actor!, c.req.valid('param').id, {
        ...body,
        at: body.at ? new Date(body.at) : null,
      });
      return c.json({ number: r.number, at: r.at?.toISOString() ?? null }, 202);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/cases/{id}/close',
      tags,
      summary: 'Close a case, optionally with a satisfaction score 1–5',
      request: { params: IdParam, body: jsonBody(CloseRequest) },
      responses: { 200: jsonResponse(CaseView) },
    }),
    async (c) =>
      c.json(
        jsonify(await svc(c).close(c.var.actor!, c.req.valid('param').id, c.req.valid('json'))),
        200,
      ),
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/cases/{id}/reopen',
      tags,
      summary: 'Reopen a closed case',
      request: { params: IdParam, body: jsonBody(ReopenRequest) },
      responses: { 200: jsonResponse(CaseView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await svc(c).reopen(
            c.var.actor!,
            c.req.valid('param').id,
            c.req.valid('json').note ?? null,
          ),
        ),
        200,
      ),
  );
}
