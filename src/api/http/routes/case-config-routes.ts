import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  CalendarCreate,
  CalendarUpdate,
  CalendarView,
  CaseTypeCreate,
  CaseTypeUpdate,
  CaseTypeView,
  CategoryCreate,
  CategoryNode,
  CategoryUpdate,
  CategoryView,
  SlaPolicyCreate,
  SlaPolicyUpdate,
  SlaPolicyView,
} from '../../../contracts/case-config.ts';
import { IdParam } from '../../../contracts/common.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import {
  adminOnly,
  anyone,
  jsonBody,
  jsonResponse,
  secured,
  staff,
  deleteRoute,
} from '../secured-route.ts';
import { stripUndefined } from './org-routes.ts';

const CodeParam = z.object({ code: z.string().min(1).max(40) });

export function caseConfigRoutes(app: OpenAPIHono<ApiEnv>): void {
  const cfg = (c: { var: ApiEnv['Variables'] }) => c.var.services.caseConfig;

  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/case-types',
      tags: ['case configuration'],
      summary: 'List case types and their plans',
      responses: { 200: jsonResponse(z.array(CaseTypeView)) },
    }),
    async (c) => c.json(jsonify(await cfg(c).listCaseTypes()), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/case-types',
      tags: ['case configuration'],
      summary: 'Create a case type',
      request: { body: jsonBody(CaseTypeCreate) },
      responses: { 201: jsonResponse(CaseTypeView, 'created') },
    }),
    async (c) =>
      c.json(jsonify(await cfg(c).createCaseType(c.var.actor!, c.req.valid('json'))), 201),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'patch',
      path: '/api/case-types/{code}',
      tags: ['case configuration'],
      summary: 'Update a case type (plan, names, default priority, active)',
      request: { params: CodeParam, body: jsonBody(CaseTypeUpdate) },
      responses: { 200: jsonResponse(CaseTypeView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await cfg(c).updateCaseType(
            c.var.actor!,
            c.req.valid('param').code,
            stripUndefined(c.req.valid('json')),
          ),
        ),
        200,
      ),
  );

  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/case-categories',
      tags: ['case configuration'],
      summary: 'List case categories (flat)',
      responses: { 200: jsonResponse(z.array(CategoryView)) },
    }),
    async (c) => c.json(jsonify(await cfg(c).listCategories()), 200),
  );
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/case-categories/tree',
      tags: ['case configuration'],
      summary: 'The category tree',
      responses: { 200: jsonResponse(z.array(CategoryNode)) },
    }),
    async (c) => c.json(jsonify(await cfg(c).categoryTree()), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/case-categories',
      tags: ['case configuration'],
      summary: 'Create a category',
      request: { body: jsonBody(CategoryCreate) },
      responses: { 201: jsonResponse(CategoryView, 'created') },
    }),
    async (c) =>
      c.json(jsonify(await cfg(c).createCategory(c.var.actor!, c.req.valid('json'))), 201),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'patch',
      path: '/api/case-categories/{id}',
      tags: ['case configuration'],
      summary: 'Update a category',
      request: { params: IdParam, body: jsonBody(CategoryUpdate) },
      responses: { 200: jsonResponse(CategoryView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await cfg(c).updateCategory(
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
    {
      path: '/api/case-categories/{id}',
      tags: ['case configuration'],
      summary: 'Delete a category without sub-categories',
    },
    (s, actor, id) => s.caseConfig.deleteCategory(actor, id),
  );

  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/calendars',
      tags: ['case configuration'],
      summary: 'List business calendars',
      responses: { 200: jsonResponse(z.array(CalendarView)) },
    }),
    async (c) => c.json(jsonify(await cfg(c).listCalendars()), 200),
  );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/calendars/{id}',
      tags: ['case configuration'],
      summary: 'Get a business calendar',
      request: { params: IdParam },
      responses: { 200: jsonResponse(CalendarView) },
    }),
    async (c) => c.json(jsonify(await cfg(c).getCalendar(c.req.valid('param').id)), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/calendars',
      tags: ['case configuration'],
      summary: 'Create a business calendar (weekly hours, holidays, special days, time zone)',
      request: { body: jsonBody(CalendarCreate) },
      responses: { 201: jsonResponse(CalendarView, 'created') },
    }),
    async (c) =>
      c.json(jsonify(await cfg(c).createCalendar(c.var.actor!, c.req.valid('json'))), 201),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'patch',
      path: '/api/calendars/{id}',
      tags: ['case configuration'],
      summary: 'Update a business calendar',
      request: { params: IdParam, body: jsonBody(CalendarUpdate) },
      responses: { 200: jsonResponse(CalendarView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await cfg(c).updateCalendar(
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
    {
      path: '/api/calendars/{id}',
      tags: ['case configuration'],
      summary: 'Delete a business calendar no policy uses',
    },
    (s, actor, id) => s.caseConfig.deleteCalendar(actor, id),
  );

  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/sla-policies',
      tags: ['case configuration'],
      summary: 'List SLA policies',
      responses: { 200: jsonResponse(z.array(SlaPolicyView)) },
    }),
    async (c) => c.json(jsonify(await cfg(c).listSlaPolicies()), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/sla-policies',
      tags: ['case configuration'],
      summary: 'Create an SLA policy for a case type (and priority)',
      request: { body: jsonBody(SlaPolicyCreate) },
      responses: { 201: jsonResponse(SlaPolicyView, 'created') },
    }),
    async (c) =>
      c.json(jsonify(await cfg(c).createSlaPolicy(c.var.actor!, c.req.valid('json'))), 201),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'patch',
      path: '/api/sla-policies/{id}',
      tags: ['case configuration'],
      summary: 'Update an SLA policy',
      request: { params: IdParam, body: jsonBody(SlaPolicyUpdate) },
      responses: { 200: jsonResponse(SlaPolicyView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await cfg(c).updateSlaPolicy(
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
    {
      path: '/api/sla-policies/{id}',
      tags: ['case configuration'],
      summary: 'Delete an SLA policy',
    },
    (s, actor, id) => s.caseConfig.deleteSlaPolicy(actor, id),
  );
}
