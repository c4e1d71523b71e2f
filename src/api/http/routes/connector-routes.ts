/**
 * The operator systems as the API shows them: a customer's account (plan, balance, services)
 * for the screen pop, and each connector's health for administrators.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { IdParam } from '../../../contracts/common.ts';
import {
  BillingHistoryView,
  BillingQuery,
  BossOrderCreate,
  BossOrderView,
  ConnectorStatusView,
  CustomerAccountView,
  NmsTicketCreate,
  NmsTicketView,
} from '../../../contracts/connectors.ts';
import type { ApiEnv } from '../api-env.ts';
import { adminOnly, jsonBody, jsonResponse, secured, staff } from '../secured-route.ts';

export function connectorRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/customers/{id}/account',
      tags: ['customers'],
      summary:
        "The customer's account at the operator: plan, balance and services (null without a phone number)",
      request: { params: IdParam },
      responses: { 200: jsonResponse(CustomerAccountView) },
    }),
    async (c) => {
      const { customerAccounts } = c.var.services;
      const account = await customerAccounts.forCustomer(c.var.actor!, c.req.valid('param').id);
      return c.json(
        account
          ? {
              ...account,
              services: account.services ? [...account.services] : null,
              errors: [...account.errors],
            }
          : null,
        200,
      );
    },
  );

  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/customers/{id}/billing',
      tags: ['customers'],
      summary: "The customer's bills of a month with items, payments and top-ups, from billing",
      request: { params: IdParam, query: BillingQuery },
      responses: { 200: jsonResponse(BillingHistoryView) },
    }),
    async (c) => {
      const { customerAccounts } = c.var.services;
      const h = await customerAccounts.billingFor(
        c.var.actor!,
        c.req.valid('param').id,
        c.req.valid('query').month,
      );
      // The port's lists are readonly; the response schema's are not: same data.
      return c.json(h as z.infer<typeof BillingHistoryView>, 200);
    },
  );

  app.openapi(
    secured(adminOnly, {
      method: 'get',
      path: '/api/connectors/status',
      tags: ['system'],
      summary: 'Each operator connector: circuit breaker state, calls, failures, p50/p95 latency',
      responses: { 200: jsonResponse(z.array(ConnectorStatusView)) },
    }),
    (c) => c.json(c.var.services.connectors.status(), 200),
  );

  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/cases/{id}/boss-orders',
      tags: ['cases'],
      summary:
        'Place a BOSS service order for the customer of a service-request case; the case follows it',
      request: { params: IdParam, body: jsonBody(BossOrderCreate) },
      responses: { 201: jsonResponse(BossOrderView, 'placed') },
    }),
    async (c) => {
      const { caseOperatorRequests } = c.var.services;
      const order = await caseOperatorRequests.placeOrder(
        c.var.actor!,
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(order, 201);
    },
  );

  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/cases/{id}/nms-tickets',
      tags: ['cases'],
      summary: 'Open an NMS fault ticket for a fault-report case; its status flows into the case',
      request: { params: IdParam, body: jsonBody(NmsTicketCreate) },
      responses: { 201: jsonResponse(NmsTicketView, 'opened') },
    }),
    async (c) => {
      const { caseOperatorRequests } = c.var.services;
      const ticket = await caseOperatorRequests.openTicket(
        c.var.actor!,
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(ticket, 201);
    },
  );
}
