/**
 * The supervisor wallboard and the admin console in Chromium against a demo center: queue
 * counts follow the router within a second, a rest request is approved, an overdue case is
 * urged, and an administrator sees a bad queue expression refused next to its field before
 * creating the queue; every page is photographed in zh-CN and English, with no console error.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/app/app-context.ts';
import { alwaysOpenCalendarId, generalQueueId } from '../../src/app/seed/bootstrap.ts';
import { demoFlow } from '../../src/domain/ivr/demo-flow.ts';
import { startWebApp, type WebApp } from '../support/web-app.ts';

const adminSections = [
  ['users', 'section-users'],
  ['teams', 'section-teams'],
  ['skills', 'section-skills'],
  ['queues', 'section-queues'],
  ['workflows', 'section-workflows'],
  ['reasons', 'section-reasons'],
  ['capacity', 'section-capacity'],
  ['devices', 'section-devices'],
  ['ivr', 'section-ivr'],
  ['caseTypes', 'section-case-types'],
  ['categories', 'section-categories'],
  ['sla', 'section-sla'],
  ['calendars', 'section-calendars'],
  ['channels', 'section-channels'],
  ['connectors', 'section-connectors'],
  ['audit', 'section-audit'],
] as const;

describe('supervisor wallboard and admin console', () => {
  let w: WebApp;
  const tokens = new Map<string, string>();

  /** The API as a demo user (sessions are kept per user). */
  async function api<T>(user: string, method: string, path: string, body?: unknown): Promise<T> {
    let token = tokens.get(user);
    if (!token) {
      const r = await fetch(`${w.center.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user, password: 'kefu-demo' }),
      });
      token = ((await r.json()) as { token: string }).token;
      tokens.set(user, token);
    }
    const r = await fetch(`${w.center.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const data = (await r.json()) as T;
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(data)}`);
    return data;
  }

  const userId = async (username: string) =>
    (await api<{ items: { id: string }[] }>('admin', 'GET', `/api/users?q=${username}`)).items[0]
      ?.id ?? '';

  /** A screenshot once tab and chart animations have settled. */
  async function shot(page: Page, name: string) {
    await page.waitForTimeout(400);
    await w.shot(page, name);
  }

  async function setLang(page: Page, lang: 'zh-CN' | 'en') {
    await page.getByTestId('lang').click();
    await page.getByTitle(lang === 'en' ? 'English' : '中文').click();
  }

  beforeAll(async () => {
    w = await startWebApp();
    // The demo hotline, so the IVR section has a flow to draw.
    const queues = await w.center.services.routingConfig.listQueues();
    await w.center.services.ivrFlows.publish(
      systemActor,
      demoFlow({
        complaintsQueueId: queues.find((q) => q.name.startsWith('Complaints'))?.id ?? '',
        generalQueueId,
        calendarId: alwaysOpenCalendarId,
      }) as unknown as Record<string, unknown>,
    );
  }, 90_000);
  afterAll(async () => {
    await w?.close();
  });

  it(
    'wallboard follows queues within a second; rest approved; overdue case urged',
    { timeout: 45_000 },
    async () => {
      // Two agents at work (neither has the VIP skill, so VIP tasks wait); Emma asks for rest.
      await api('wangfang', 'POST', '/api/agent/session', { softphone: true });
      await api('emma', 'POST', '/api/agent/session', { softphone: true });
      const emmaId = await userId('emma');
      const vip = (await w.center.services.routingConfig.listQueues()).find((q) =>
        q.name.startsWith('VIP'),
      );
      expect(vip).toBeDefined();
      const vipId = vip?.id ?? '';

      // A case overdue within a second, and one at risk, through the admin API (a policy for
      // urgent consultations with a 1.2-second first stage, one for high ones warning early).
      const teams = await api<{ id: string; name: string }[]>('admin', 'GET', '/api/teams');
      const front = teams.find((x) => x.name.includes('Front line'))?.id ?? '';
      for (const [priority, accepted, warnPercent] of [
        ['urgent', 0.02, 20],
        ['high', 2, 99],
      ] as const)
        await api('admin', 'POST', '/api/sla-policies', {
          caseType: 'consultation',
          priority,
          calendarId: alwaysOpenCalendarId,
          stageMinutes: { accepted },
          totalMinutes: 600,
          warnPercent,
        });
      const overdue = await api<{ id: string; number: string }>('admin', 'POST', '/api/cases', {
        type: 'consultation',
        title: '催办测试 Overdue e2e case',
        priority: 'urgent',
        teamId: front,
      });
      const atRisk = await api<{ id: string; number: string }>('admin', 'POST', '/api/cases', {
        type: 'consultation',
        title: '预警测试 At-risk e2e case',
        priority: 'high',
        teamId: front,
      });

      const lina = await w.open('lina', 'zh-CN');
      await lina.getByTestId('nav-supervisor').click();
      const waiting = lina.getByTestId(`queue-waiting-${vipId}`);
      await waiting.waitFor({ timeout: 10_000 });
      await lina.getByTestId(`agent-state-${emmaId}`).waitFor({ timeout: 5_000 });

      // Each task submitted to the VIP queue shows on the board within a second.
      const delays: number[] = [];
      for (let n = 1; n <= 3; n++) {
        const t0 = Date.now();
        await w.center.services.router.submit(null, {
          channel: 'email',
          attributes: { subject: `e2e ${n}` },
          queueId: vipId,
        });
        await lina.waitForFunction(
          `document.querySelector('[data-testid="queue-waiting-${vipId}"]')?.textContent === '${n}'`,
          undefined,
          { timeout: 3_000, polling: 'raf' },
        );
        delays.push(Date.now() - t0);
      }
      console.log(`wallboard delays after submit (ms): ${delays.join(', ')}`);
      // Routing events fetch a snapshot at once (and one is pushed every second anyway).
      for (const d of delays) expect(d).toBeLessThan(1_000);
      expect(await lina.getByTestId('total-waiting').textContent()).toContain('3');

      // Emma asks for rest (needs approval); the supervisor approves it on the board.
      await api('emma', 'PUT', '/api/agent/state', { state: 'away', reason: 'rest' });
      await lina.getByTestId(`approve-${emmaId}`).click({ timeout: 5_000 });
      await lina
        .getByTestId(`agent-state-${emmaId}`)
        .getByText('休息', { exact: true })
        .waitFor({ timeout: 5_000 });
      await expect
        .poll(() => lina.getByTestId(`approve-${emmaId}`).count(), { timeout: 5_000 })
        .toBe(0);
      await lina.getByTestId('chart-states').locator('canvas').waitFor({ timeout: 5_000 });
      await shot(lina, 'supervisor-wallboard.zh-CN');

      // Case supervision: the overdue case is listed; urging it counts.
      await lina.getByTestId('tab-cases').click();
      const row = lina.getByTestId(`case-row-${overdue.number}`);
      await row.waitFor({ timeout: 10_000 });
      await row.getByText('已超时', { exact: true }).waitFor({ timeout: 2_000 });
      await lina.getByText('预警测试 At-risk e2e case').waitFor({ timeout: 2_000 });
      await shot(lina, 'supervisor-cases.zh-CN');
      await lina.getByTestId(`urge-${overdue.number}`).click();
      await lina.getByTestId('urge-note').fill('请尽快处理 Please hurry');
      await lina.getByTestId('urge-ok').click();
      await lina
        .getByTestId(`urge-count-${overdue.number}`)
        .getByText('1', { exact: true })
        .waitFor({ timeout: 5_000 });
      const after = await api<{ urgeCount: number }>('lina', 'GET', `/api/cases/${overdue.id}`);
      expect(after.urgeCount).toBe(1);

      // The at-risk case goes to Wang Fang.
      await lina.getByTestId(`reassign-${atRisk.number}`).click();
      await lina.getByTestId('reassign-agent').click();
      await lina.getByTitle('王芳 Wang Fang (wangfang)').click();
      await lina.getByTestId('reassign-ok').click();
      await lina
        .getByTestId(`case-row-${atRisk.number}`)
        .getByText('王芳 Wang Fang')
        .waitFor({ timeout: 5_000 });
      const wang = await userId('wangfang');
      expect(
        (await api<{ assigneeId: string }>('lina', 'GET', `/api/cases/${atRisk.id}`)).assigneeId,
      ).toBe(wang);

      await setLang(lina, 'en');
      await lina.getByTestId('tab-cases').getByText('Case supervision').waitFor({ timeout: 5_000 });
      await row.getByText('Overdue', { exact: true }).waitFor({ timeout: 5_000 });
      await shot(lina, 'supervisor-cases.en');
      await lina.getByTestId('tab-calls').click();
      await lina.getByTestId('call-table').waitFor({ timeout: 5_000 });
      await shot(lina, 'supervisor-calls-idle.en');
      await lina.getByTestId('tab-wallboard').click();
      await lina.getByTestId('chart-queues').locator('canvas').waitFor({ timeout: 5_000 });
      await lina
        .getByTestId(`agent-state-${emmaId}`)
        .getByText('Rest', { exact: true })
        .waitFor({ timeout: 5_000 });
      await shot(lina, 'supervisor-wallboard.en');
      expect(w.problems).toEqual([]);
    },
  );

  it(
    'admin: a bad queue expression is refused next to the field, a good one is created',
    { timeout: 45_000 },
    async () => {
      const admin = await w.open('admin', 'zh-CN');
      await admin.getByTestId('nav-admin').click();
      await admin.getByTestId('admin-menu-queues').click();
      await admin.getByTestId('queues-create').click();
      await admin.getByTestId('queue-name').fill('E2E 测试队列');
      await admin.getByTestId('queue-expression').fill('skills.billing >= (3 and');
      await admin.getByTestId('queue-form-save').click();
      const marker = admin.getByTestId('expression-error');
      await marker.waitFor({ timeout: 5_000 });
      // The message sits in the expression's own form item, with the position marked.
      const item = admin.getByTestId('queue-form').locator('.ant-form-item', { has: marker });
      await item.getByText('路由表达式有误').waitFor({ timeout: 2_000 });
      await shot(admin, 'admin-queue-bad-expression.zh-CN');

      await admin.getByTestId('queue-expression').fill('skills.billing >= 3 and "zh" in languages');
      await expect.poll(() => marker.count(), { timeout: 2_000 }).toBe(0);
      await admin.getByTestId('queue-form-save').click();
      await admin
        .getByTestId('section-queues')
        .getByText('E2E 测试队列')
        .waitFor({ timeout: 5_000 });
      const queues = await api<{ name: string; targetExpression: string }[]>(
        'admin',
        'GET',
        '/api/queues',
      );
      expect(queues.find((q) => q.name === 'E2E 测试队列')?.targetExpression).toBe(
        'skills.billing >= 3 and "zh" in languages',
      );

      // A workflow's filters and steps, each expression in its own field.
      await admin.getByTestId('admin-menu-workflows').click();
      const inbound = admin.getByTestId('section-workflows').getByRole('row', { name: /Inbound/ });
      await inbound.getByRole('button', { name: '编辑' }).click();
      await admin.getByTestId('workflow-filter-0-expression').waitFor({ timeout: 5_000 });
      expect(await admin.getByTestId('workflow-filter-0-expression').inputValue()).toContain('vip');
      await shot(admin, 'admin-workflow-form.zh-CN');
      await admin.getByRole('button', { name: /取\s*消/ }).click();

      // The IVR editor: the demo flow is drawn; a broken start node is refused with its path.
      await admin.getByTestId('admin-menu-ivr').click();
      await admin.getByTestId('ivr-flow-demo').click();
      await admin.getByTestId('ivr-node-welcome').waitFor({ timeout: 5_000 });
      const json = admin.getByTestId('ivr-json');
      await json.fill(
        (await json.inputValue()).replace('"start": "welcome"', '"start": "nowhere"'),
      );
      await admin.getByTestId('ivr-publish').click();
      await admin
        .getByTestId('ivr-problems')
        .getByText('start')
        .first()
        .waitFor({ timeout: 5_000 });
      // The flow is not published: the list still shows version 1.
      await admin.getByTestId('ivr-flow-demo').getByText('v1').waitFor({ timeout: 2_000 });
      await shot(admin, 'admin-ivr-invalid.zh-CN');
      await json.fill(
        (await json.inputValue()).replace('"start": "nowhere"', '"start": "welcome"'),
      );
      await admin.getByTestId('ivr-publish').click();
      await admin.getByTestId('ivr-flow-demo').getByText('v2').waitFor({ timeout: 5_000 });
      expect(w.problems).toEqual([]);
    },
  );

  it('admin: every section renders in both languages', { timeout: 60_000 }, async () => {
    const admin = await w.open('admin', 'zh-CN');
    await admin.getByTestId('nav-admin').click();
    for (const lang of ['zh-CN', 'en'] as const) {
      if (lang === 'en') await setLang(admin, 'en');
      for (const [key, section] of adminSections) {
        await admin.getByTestId(`admin-menu-${key}`).click();
        await admin.getByTestId(section).waitFor({ timeout: 5_000 });
        // Lists load from the API; wait until the spinner has gone.
        await expect
          .poll(() => admin.locator('.ant-spin-spinning').count(), { timeout: 5_000 })
          .toBe(0);
        // Demo mode: BOSS, billing and NMS of the demo operator backend, all healthy.
        if (key === 'connectors')
          await expect
            .poll(() => admin.getByTestId('connector-breaker-closed').count(), { timeout: 5_000 })
            .toBe(3);
        await shot(admin, `admin-${key}.${lang}`);
      }
    }
    expect(w.problems).toEqual([]);
  });
});
