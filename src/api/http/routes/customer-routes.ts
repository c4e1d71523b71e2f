import type { OpenAPIHono } from '@hono/zod-openapi';
import { IdParam, pageOf } from '../../../contracts/common.ts';
import {
  ContactCreate,
  ContactQuery,
  ContactUpdate,
  ContactView,
  CustomerCreate,
  CustomerQuery,
  CustomerUpdate,
  CustomerView,
} from '../../../contracts/customers.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import {
  adminOnly,
  anyone,
  jsonBody,
  jsonResponse,
  managers,
  secured,
  staff,
  deleteRoute,
} from '../secured-route.ts';
import { stripUndefined } from './org-routes.ts';

const toDate = (s: string | null | undefined) =>
  s === undefined ? undefined : s === null ? null : new Date(s);

export function customerRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/customers',
      tags: ['customers'],
      summary: 'Search customers by phone, e-mail, name, tag or level',
      request: { query: CustomerQuery },
      responses: { 200: jsonResponse(pageOf(CustomerView)) },
    }),
    async (c) => {
      const { limit, offset, ...f } = c.req.valid('query');
      return c.json(
        jsonify(await c.var.services.customers.search(stripUndefined(f), { limit, offset })),
        200,
      );
    },
  );
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/customers/{id}',
      tags: ['customers'],
      summary: 'Get a customer (customers may read only themselves)',
      request: { params: IdParam },
      responses: { 200: jsonResponse(CustomerView) },
    }),
    async (c) =>
      c.json(
        jsonify(await c.var.services.customers.get(c.var.actor!, c.req.valid('param').id)),
        200,
      ),
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/customers',
      tags: ['customers'],
      summary: 'Create a customer',
      request: { body: jsonBody(CustomerCreate) },
      responses: { 201: jsonResponse(CustomerView, 'created') },
    }),
    async (c) =>
      c.json(
        jsonify(await c.var.services.customers.create(c.var.actor!, c.req.valid('json'))),
        201,
      ),
  );
  app.openapi(
    secured(staff, {
      method: 'patch',
      path: '/api/customers/{id}',
      tags: ['customers'],
      summary: 'Update a customer',
      request: { params: IdParam, body: jsonBody(CustomerUpdate) },
      responses: { 200: jsonResponse(CustomerView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await c.var.services.customers.update(
            c.var.actor!,
            c.req.valid('param').id,
            c.req.valid('json'),
          ),
        ),
        200,
      ),
  );
  deleteRoute(
    app,
    adminOnly,
    { path: '/api/customers/{id}', tags: ['customers'], summary: 'Delete a customer' },
    (s, actor, id) => s.customers.delete(actor, id),
  );

  // ── contacts ────────────────────────────────────────────────────────────
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/contacts',
      tags: ['contacts'],
      summary: 'List contacts by customer, case, channel or agent',
      request: { query: ContactQuery },
      responses: { 200: jsonResponse(pageOf(ContactView)) },
    }),
    async (c) => {
      const { limit, offset, ...f } = c.req.valid('query');
      return c.json(
        jsonify(await c.var.services.customers.listContacts(stripUndefined(f), { limit, offset })),
        200,
      );
    },
  );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/contacts/{id}',
      tags: ['contacts'],
      summary: 'Read a contact with its IVR data',
      request: { params: IdParam },
      responses: { 200: jsonResponse(ContactView) },
    }),
    async (c) =>
      c.json(jsonify(await c.var.services.customers.getContact(c.req.valid('param').id)), 200),
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/contacts',
      tags: ['contacts'],
      summary: 'Create a contact (the customer is found from the address when not given)',
      request: { body: jsonBody(ContactCreate) },
      responses: { 201: jsonResponse(ContactView, 'created') },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const contact = await c.var.services.customers.createContact(c.var.actor!, {
        ...b,
        startedAt: toDate(b.startedAt) ?? undefined,
        endedAt: toDate(b.endedAt),
      });
      return c.json(jsonify(contact), 201);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'patch',
      path: '/api/contacts/{id}',
      tags: ['contacts'],
      summary: 'Update a contact; IVR data keys are merged',
      request: { params: IdParam, body: jsonBody(ContactUpdate) },
      responses: { 200: jsonResponse(ContactView) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const contact = await c.var.services.customers.updateContact(
        c.var.actor!,
        c.req.valid('param').id,
        {
          ...b,
          endedAt: toDate(b.endedAt),
        },
      );
      return c.json(jsonify(contact), 200);
    },
  );
  deleteRoute(
    app,
    managers,
    { path: '/api/contacts/{id}', tags: ['contacts'], summary: 'Delete a contact' },
    (s, actor, id) => s.customers.deleteContact(actor, id),
  );
}
