/**
 * Resource management: the inventory (seats, trunks, nodes), the live resource board with the
 * seat map and alarms, and moving a desk phone from one agent to another with a supervisor's
 * approval. Devices themselves are under /api/devices (voice-routes.ts).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { IdParam } from '../../../contracts/common.ts';
import {
  NodeView,
  ResourceBoard,
  SeatInput,
  SeatView,
  TakeoverRequest,
  TrunkInput,
  TrunkView,
} from '../../../contracts/resources.ts';
import { AgentSessionView } from '../../../contracts/routing.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { TrunkInput as TrunkFields } from '../../../domain/resource/trunk.ts';
import { resourceBoard } from '../../../app/resources/resource-board.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import {
  adminOnly,
  deleteRoute,
  jsonBody,
  jsonResponse,
  managers,
  secured,
  staff,
} from '../secured-route.ts';
import { sessionOut } from './agent-routes.ts';

const tags = ['resources'];
const ExtParam = z.object({ extension: z.string().regex(/^[0-9]{2,12}$/) });

const trunkFields = (b: z.infer<typeof TrunkInput>): TrunkFields => ({
  name: b.name,
  provider: b.provider ?? '',
  addresses: b.addresses ?? [],
  outbound: b.outbound
    ? {
        transport: b.outbound.transport ?? 'UDP',
        address: b.outbound.address,
        port: b.outbound.port ?? 5060,
      }
    : null,
  channelLimit: b.channelLimit ?? null,
  numbers: b.numbers ?? [],
  callerId: b.callerId ?? null,
  probe: b.probe ?? true,
  enabled: b.enabled ?? true,
});

const seatFields = (b: z.infer<typeof SeatInput>) => ({
  name: b.name,
  teamId: b.teamId ?? null,
  floor: b.floor ?? '',
  zone: b.zone,
});

export function resourceRoutes(app: OpenAPIHono<ApiEnv>): void {
  // ── seats ────────────────────────────────────────────────────────────────
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/resources/seats',
      tags,
      summary: 'Seats (位置) by zone and name (agents pick one to log in at)',
      responses: { 200: jsonResponse(z.array(SeatView)) },
    }),
    async (c) => c.json(jsonify(await c.var.services.inventory.listSeats()), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/resources/seats',
      tags,
      summary: 'Add a seat (resource.name_taken for a duplicate name)',
      request: { body: jsonBody(SeatInput) },
      responses: { 201: jsonResponse(SeatView, 'created') },
    }),
    async (c) =>
      c.json(
        jsonify(
          await c.var.services.inventory.saveSeat(
            c.var.actor!,
            null,
            seatFields(c.req.valid('json')),
          ),
        ),
        201,
      ),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'put',
      path: '/api/resources/seats/{id}',
      tags,
      summary: 'Replace a seat',
      request: { params: IdParam, body: jsonBody(SeatInput) },
      responses: { 200: jsonResponse(SeatView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await c.var.services.inventory.saveSeat(
            c.var.actor!,
            c.req.valid('param').id,
            seatFields(c.req.valid('json')),
          ),
        ),
        200,
      ),
  );
  deleteRoute(
    app,
    adminOnly,
    { path: '/api/resources/seats/{id}', tags, summary: 'Delete a seat (its phones are unbound)' },
    (s, actor, id) => s.inventory.deleteSeat(actor, id),
  );

  // ── trunks ───────────────────────────────────────────────────────────────
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/resources/trunks',
      tags,
      summary: 'Trunks: the command-line ones (source config, read-only) and the stored ones',
      responses: { 200: jsonResponse(z.array(TrunkView)) },
    }),
    async (c) => c.json(jsonify(await c.var.services.inventory.listTrunks()), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/resources/trunks',
      tags,
      summary: 'Add a trunk; the switch serves it at once',
      request: { body: jsonBody(TrunkInput) },
      responses: { 201: jsonResponse(TrunkView, 'created') },
    }),
    async (c) =>
      c.json(
        jsonify(
          await c.var.services.inventory.saveTrunk(
            c.var.actor!,
            null,
            trunkFields(c.req.valid('json')),
          ),
        ),
        201,
      ),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'put',
      path: '/api/resources/trunks/{id}',
      tags,
      summary: 'Replace a stored trunk',
      request: { params: IdParam, body: jsonBody(TrunkInput) },
      responses: { 200: jsonResponse(TrunkView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await c.var.services.inventory.saveTrunk(
            c.var.actor!,
            c.req.valid('param').id,
            trunkFields(c.req.valid('json')),
          ),
        ),
        200,
      ),
  );
  deleteRoute(
    app,
    adminOnly,
    { path: '/api/resources/trunks/{id}', tags, summary: 'Delete a stored trunk' },
    (s, actor, id) => s.inventory.deleteTrunk(actor, id),
  );

  // ── nodes and the board ──────────────────────────────────────────────────
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/resources/nodes',
      tags,
      summary: 'kefu nodes with their roles and last heartbeat',
      responses: { 200: jsonResponse(z.array(NodeView)) },
    }),
    async (c) => c.json(jsonify(await c.var.services.inventory.listNodes()), 200),
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/resources/board',
      tags,
      summary: 'Live resource board: phones, trunks, nodes, the seat map and active alarms',
      responses: { 200: jsonResponse(ResourceBoard) },
    }),
    async (c) => {
      const s = c.var.services;
      return c.json(jsonify(await resourceBoard(s, s.router, s.resourceMonitor, s.inventory)), 200);
    },
  );

  // ── a phone changes hands ────────────────────────────────────────────────
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/devices/{extension}/takeover',
      tags,
      summary:
        "A supervisor's approval: give the phone to this agent (logged in with it if not), leaving its current holder logged in without a phone",
      request: { params: ExtParam, body: jsonBody(TakeoverRequest) },
      responses: { 200: jsonResponse(AgentSessionView) },
    }),
    async (c) => {
      const { extension } = c.req.valid('param');
      const { agentId } = c.req.valid('json');
      const { store, router } = c.var.services;
      if (!(await store.devices.get(extension)))
        throw new DomainError('not_found', 'no such device', { extension });
      const s = await router.login(
        c.var.actor!,
        { extension, softphone: false, takeover: true },
        agentId,
      );
      return c.json(sessionOut(c, s), 200);
    },
  );
}
