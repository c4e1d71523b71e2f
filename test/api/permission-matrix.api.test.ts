/**
 * Every route × every role. The expected matrix is written out here, so a change of who may
 * call what is a deliberate edit; the test also fails if a route exists that the matrix does
 * not name, and calls each route as each role (and with no session) to check the guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../src/domain/user/user.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';

const all = 'admin supervisor agent backoffice customer';
const staff = 'admin supervisor agent backoffice';
const frontline = 'admin supervisor agent';
const managers = 'admin supervisor';
const admin = 'admin';

const expected: Record<string, string> = {
  'GET /api/health': 'public',
  'GET /api/info': 'public',
  'POST /api/wfm/staffing': managers,
  'GET /api/wfm/plan': managers,
  'GET /api/reports/intervals': managers,
  'GET /api/recordings': frontline,
  'GET /api/recordings/{id}': frontline,
  'GET /api/recordings/{id}/audio': frontline,
  'GET /api/recordings/{id}/waveform': frontline,
  'GET /api/recordings/retention': admin,
  'PUT /api/recordings/retention': admin,
  'POST /api/recordings/retention/run': admin,
  'GET /api/webhooks': admin,
  'POST /api/webhooks': admin,
  'GET /api/webhooks/{id}': admin,
  'PATCH /api/webhooks/{id}': admin,
  'DELETE /api/webhooks/{id}': admin,
  'POST /api/webhooks/{id}/rotate-secret': admin,
  'POST /api/webhooks/{id}/test': admin,
  'GET /api/webhooks/{id}/deliveries': admin,
  'POST /api/webhook-deliveries/{id}/replay': admin,
  'GET /api/campaigns': managers,
  'POST /api/campaigns': managers,
  'GET /api/campaigns/{id}': managers,
  'PATCH /api/campaigns/{id}': managers,
  'POST /api/campaigns/{id}/start': managers,
  'POST /api/campaigns/{id}/pause': managers,
  'POST /api/campaigns/{id}/stop': managers,
  'POST /api/campaigns/{id}/records': managers,
  'GET /api/campaigns/{id}/records': managers,
  'GET /api/campaigns/{id}/stats': managers,
  'GET /api/dnc': managers,
  'POST /api/dnc': managers,
  'DELETE /api/dnc/{number}': managers,
  'GET /api/kb/search': staff,
  'GET /api/kb/suggestions': staff,
  'GET /api/kb/articles': managers,
  'POST /api/kb/articles': managers,
  'GET /api/kb/articles/{id}': staff,
  'PUT /api/kb/articles/{id}': managers,
  'POST /api/kb/articles/{id}/workflow': managers,
  'GET /api/kb/articles/{id}/versions': managers,
  'POST /api/kb/articles/{id}/used': staff,
  'POST /api/kb/articles/{id}/feedback': staff,
  'POST /api/kb/render': managers,
  'GET /api/kb/categories': staff,
  'POST /api/kb/categories': managers,
  'PATCH /api/kb/categories/{id}': managers,
  'DELETE /api/kb/categories/{id}': managers,
  'GET /api/kb/stats': managers,
  'GET /api/kb/export': managers,
  'POST /api/kb/import': managers,
  'GET /api/kb/public/search': 'public',
  'GET /api/kb/public/articles/{slug}': 'public',
  'POST /api/kb/public/articles/{slug}/feedback': 'public',
  'POST /api/kb/public/contact': 'public',
  'GET /api/reports/cases': managers,
  'GET /api/reports/ivr': managers,
  'GET /api/reports/compliance': managers,
  'GET /api/reports/surveys': managers,
  'GET /api/surveys/sms-settings': managers,
  'PUT /api/surveys/sms-settings': managers,
  'GET /api/surveys/ivr-settings': managers,
  'PUT /api/surveys/ivr-settings': managers,
  'GET /api/qa/forms': frontline,
  'GET /api/qa/forms/{id}': frontline,
  'POST /api/qa/forms': managers,
  'PUT /api/qa/forms/{id}': managers,
  'GET /api/qa/evaluations': frontline,
  'GET /api/qa/evaluations/{id}': frontline,
  'POST /api/qa/evaluations': managers,
  'PATCH /api/qa/evaluations/{id}': managers,
  'POST /api/qa/evaluations/{id}/acknowledge': frontline,
  'POST /api/qa/evaluations/{id}/dispute': frontline,
  'POST /api/qa/evaluations/{id}/resolve': managers,
  'POST /api/reports/rebuild': admin,
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': all,
  'GET /api/auth/me': all,
  'GET /api/users': managers,
  'GET /api/users/{id}': managers,
  'POST /api/users': admin,
  'PATCH /api/users/{id}': admin,
  'DELETE /api/users/{id}': admin,
  'GET /api/directory': staff,
  'GET /api/teams': staff,
  'GET /api/teams/{id}': staff,
  'POST /api/teams': admin,
  'PATCH /api/teams/{id}': admin,
  'DELETE /api/teams/{id}': admin,
  'GET /api/skills': staff,
  'GET /api/skills/{id}': staff,
  'POST /api/skills': admin,
  'PATCH /api/skills/{id}': admin,
  'DELETE /api/skills/{id}': admin,
  'GET /api/customers': staff,
  'GET /api/customers/{id}': all,
  'GET /api/customers/{id}/account': staff,
  'GET /api/customers/{id}/billing': staff,
  'GET /api/connectors/status': admin,
  'POST /api/cases/{id}/boss-orders': staff,
  'POST /api/cases/{id}/nms-tickets': staff,
  'POST /api/customers': staff,
  'PATCH /api/customers/{id}': staff,
  'DELETE /api/customers/{id}': admin,
  'GET /api/contacts': staff,
  'GET /api/contacts/{id}': staff,
  'POST /api/contacts': staff,
  'PATCH /api/contacts/{id}': staff,
  'DELETE /api/contacts/{id}': managers,
  'GET /api/case-types': all,
  'POST /api/case-types': admin,
  'PATCH /api/case-types/{code}': admin,
  'GET /api/case-categories': all,
  'GET /api/case-categories/tree': all,
  'POST /api/case-categories': admin,
  'PATCH /api/case-categories/{id}': admin,
  'DELETE /api/case-categories/{id}': admin,
  'GET /api/calendars': staff,
  'GET /api/calendars/{id}': staff,
  'POST /api/calendars': admin,
  'PATCH /api/calendars/{id}': admin,
  'DELETE /api/calendars/{id}': admin,
  'GET /api/sla-policies': staff,
  'POST /api/sla-policies': admin,
  'PATCH /api/sla-policies/{id}': admin,
  'DELETE /api/sla-policies/{id}': admin,
  'POST /api/cases': all,
  'GET /api/cases': all,
  'GET /api/cases/by-number/{number}': all,
  'GET /api/cases/{id}': all,
  'GET /api/cases/{id}/details': all,
  'GET /api/cases/{id}/sla': all,
  'GET /api/cases/{id}/timeline': all,
  'POST /api/cases/{id}/transition': staff,
  'POST /api/cases/{id}/assign': frontline,
  'POST /api/cases/{id}/dispatch': frontline,
  'POST /api/cases/{id}/priority': frontline,
  'POST /api/cases/{id}/notes': all,
  'POST /api/cases/{id}/urge': all,
  'POST /api/cases/{id}/contacts': staff,
  'POST /api/cases/{id}/replies': staff,
  'POST /api/cases/{id}/callback': all,
  'POST /api/cases/{id}/close': staff,
  'POST /api/cases/{id}/reopen': staff,
  'GET /api/queues': staff,
  'GET /api/queues/{id}': staff,
  'POST /api/queues': admin,
  'PATCH /api/queues/{id}': admin,
  'DELETE /api/queues/{id}': admin,
  'GET /api/workflows': managers,
  'GET /api/workflows/{id}': managers,
  'POST /api/workflows': admin,
  'PATCH /api/workflows/{id}': admin,
  'DELETE /api/workflows/{id}': admin,
  'GET /api/reason-codes': staff,
  'PUT /api/reason-codes/{code}': admin,
  'GET /api/capacity-profiles': managers,
  'PUT /api/capacity-profiles/{id}': admin,
  'DELETE /api/capacity-profiles/{id}': admin,
  'GET /api/agents/{id}/settings': managers,
  'PUT /api/agents/{id}/settings': admin,
  'POST /api/agent/session': staff,
  'DELETE /api/agent/session': staff,
  'PUT /api/agent/state': staff,
  'POST /api/agent/wrapup/extend': staff,
  'GET /api/agent/me': staff,
  'POST /api/reservations/{id}/accept': staff,
  'POST /api/reservations/{id}/reject': staff,
  'POST /api/tasks/{id}/wrap': staff,
  'POST /api/tasks/{id}/complete': staff,
  'POST /api/tasks/{id}/transfer': staff,
  'GET /api/agents': managers,
  'PUT /api/agents/{id}/state': managers,
  'DELETE /api/agents/{id}/session': managers,
  'POST /api/agents/{id}/away-decision': managers,
  'POST /api/tasks': staff,
  'GET /api/tasks': managers,
  'GET /api/tasks/{id}': staff,
  'POST /api/tasks/{id}/cancel': managers,
  'POST /api/tasks/{id}/route': managers,
  'POST /api/tasks/{id}/priority': managers,
  'GET /api/events': all,
  'GET /api/audit': admin,
  'GET /api/realtime': staff,
  'GET /api/devices': managers,
  'PUT /api/devices/{extension}': admin,
  'DELETE /api/devices/{extension}': admin,
  'PATCH /api/devices/{extension}': admin,
  'POST /api/devices/{extension}/takeover': managers,
  'GET /api/resources/seats': staff,
  'POST /api/resources/seats': admin,
  'PUT /api/resources/seats/{id}': admin,
  'DELETE /api/resources/seats/{id}': admin,
  'GET /api/resources/trunks': managers,
  'POST /api/resources/trunks': admin,
  'PUT /api/resources/trunks/{id}': admin,
  'DELETE /api/resources/trunks/{id}': admin,
  'GET /api/resources/nodes': managers,
  'GET /api/resources/board': managers,
  'GET /api/ivr-flows': managers,
  'GET /api/ivr-flows/{id}': managers,
  'GET /api/ivr-flows/{id}/versions': managers,
  'POST /api/ivr-flows': admin,
  'PUT /api/ivr-flows/{id}': admin,
  'GET /api/ivr-numbers': managers,
  'PUT /api/ivr-numbers/{number}': admin,
  'GET /api/contacts/{id}/recording': staff,
  'POST /api/contacts/{id}/recording/pause': staff,
  'POST /api/contacts/{id}/recording/resume': staff,
  'GET /api/contacts/{id}/messages': staff,
  'POST /api/contacts/{id}/messages': staff,
  'GET /api/cases/{id}/messages': all,
  'GET /api/messages/{id}': all,
  'GET /api/attachments/{id}': all,
  'POST /api/contacts/{id}/typing': staff,
  'POST /api/contacts/{id}/end': staff,
  'GET /api/forms/options': 'public',
  'POST /api/forms/cases': 'public',
  'POST /api/portal/sms-code': 'public',
  'POST /api/portal/sms-code/verify': 'public',
  'POST /api/portal/email-link': 'public',
  'POST /api/portal/email-link/verify': 'public',
  'GET /api/portal/cases': 'customer',
  'GET /api/portal/cases/{id}': 'customer',
  'POST /api/portal/cases/{id}/replies': 'customer',
  'POST /api/portal/cases/{id}/satisfaction': 'customer',
  'GET /api/calls': staff,
  'POST /api/calls': staff,
  'GET /api/calls/{id}': staff,
  'POST /api/calls/{id}/hold': staff,
  'POST /api/calls/{id}/retrieve': staff,
  'POST /api/calls/{id}/hangup': staff,
  'POST /api/calls/{id}/complete-transfer': staff,
  'POST /api/calls/{id}/conference': staff,
  'POST /api/calls/{id}/cancel-consult': staff,
  'POST /api/calls/{id}/transfer': staff,
  'POST /api/calls/{id}/consult': staff,
  'POST /api/calls/{id}/dtmf': staff,
  'POST /api/calls/{id}/add-party': staff,
  'POST /api/calls/{id}/remove-party': staff,
  'POST /api/calls/{id}/monitor': managers,
  'POST /api/calls/{id}/release': managers,
  'POST /api/calls/{id}/route': managers,
  'GET /api/case-supervision': managers,
  'GET /api/channels': admin,
  'GET /api/routing/check-expression': admin,
  'POST /api/ivr-flows/check': admin,
};

type Op = { 'x-roles': string[] };

describe('permission matrix (every route × role)', () => {
  let h: Harness;
  let routes: { key: string; method: string; path: string; roles: string[] }[];
  beforeAll(async () => {
    h = await makeHarness('pglite');
    const doc = await h.json('GET', '/api/openapi.json', { as: null });
    routes = Object.entries(doc.body.paths as Record<string, Record<string, Op>>).flatMap(
      ([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          roles: op['x-roles'],
        })),
    );
  });
  afterAll(async () => h?.close());

  it('documents the roles of every route, exactly as the matrix says', () => {
    const documented = Object.fromEntries(routes.map((r) => [r.key, r.roles.join(' ')]));
    expect(documented).toEqual(expected);
  });

  it('enforces the matrix for every route, role and anonymous caller', async () => {
    const concrete = (p: string) =>
      p
        .replace('{id}', 'no-such-id')
        .replace('{code}', 'no_such_code')
        .replace('{number}', 'C-00000000-000000')
        .replace('{extension}', '99999')
        .replace('{slug}', 'no-such-article');
    // Log-out ends the session used to call it, so it goes last.
    const ordered = [...routes].sort(
      (a, b) => Number(a.key.endsWith('/logout')) - Number(b.key.endsWith('/logout')),
    );
    const failures: string[] = [];
    for (const r of ordered) {
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      const anon = await h.call(r.method, concrete(r.path), {
        as: null,
        ...(body ? { body } : {}),
      });
      const isPublic = r.roles.includes('public');
      if (isPublic ? anon.status === 401 || anon.status === 403 : anon.status !== 401)
        failures.push(`${r.key} anonymous → ${anon.status}`);
      if (isPublic) continue;
      for (const role of roles as readonly Role[]) {
        const who = role === 'backoffice' ? 'backoffice' : role;
        const res = await h.call(r.method, concrete(r.path), {
          as: who,
          ...(body ? { body } : {}),
        });
        const allowed = r.roles.includes(role);
        const problem = res.status >= 400 ? ((await res.json()) as { code: string }).code : null;
        if (allowed && (res.status === 401 || res.status === 403))
          failures.push(`${r.key} as ${role} → ${res.status} ${problem}`);
        if (!allowed && (res.status !== 403 || problem !== 'auth.forbidden'))
          failures.push(`${r.key} as ${role} → ${res.status} (expected 403)`);
      }
    }
    expect(failures).toEqual([]);
  });
});
