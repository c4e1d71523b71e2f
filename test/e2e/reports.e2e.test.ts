/**
 * Reports and workforce pages in Chromium against a demo center: a generated day of calls in the
 * interval tables draws the history chart and table, the CSV export streams with its progress
 * to the end, the IVR and compliance reports render, and the Erlang calculator shows the agents
 * the API computes for 360 calls an hour, AHT 240 s, 80 % in 20 s; photographed in zh-CN and
 * English, with no console error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generalQueueId } from '../../src/app/seed/bootstrap.ts';
import { startWebApp, type WebApp } from '../support/web-app.ts';

const scope = { userIds: [], teamIds: [], dispatchTeamIds: [], customerId: null };

describe('reports and workforce pages', () => {
  let w: WebApp;
  beforeAll(async () => {
    w = await startWebApp();
    // 60 voice calls over the last two hours: every 6th abandons after 30 s, the rest answered.
    const now = Date.now();
    for (let i = 0; i < 60; i++) {
      const at = now - 2 * 3_600_000 + i * 120_000;
      const id = `e2e-task-${i}`;
      const abandon = i % 6 === 0;
      const wait = abandon ? 30_000 : (i % 4) * 10_000;
      const events: [number, string, Record<string, unknown>][] = [
        [at, 'task.created', { queueId: generalQueueId, channel: 'voice' }],
        abandon
          ? [at + wait, 'task.canceled', { waitedMs: wait, whileWaiting: true }]
          : [at + wait, 'task.assigned', { waitedMs: wait, agentId: 'e2e-agent' }],
      ];
      for (const [t, type, payload] of events)
        await w.center.services.store.transaction(async (tx) =>
          tx.append([{ type, subjectType: 'task', subjectId: id, payload, scope }], {
            actorId: null,
            at: new Date(t),
          }),
        );
      await w.center.services.store.transaction(async (tx) =>
        tx.append(
          [
            {
              type: 'ivr.left',
              subjectType: 'call',
              subjectId: `e2e-call-${i}`,
              payload: {
                flowId: 'demo',
                outcome: 'queue',
                segment: 1,
                sinceStartMs: 20_000,
                visits: [
                  { node: 'welcome', exit: '3' },
                  { node: 'general-queue', exit: 'queue' },
                ],
              },
              scope,
            },
          ],
          { actorId: null, at: new Date(at - 1000) },
        ),
      );
    }
    await w.center.services.materializer.catchUp();
  }, 90_000);
  afterAll(async () => w?.close());

  it(
    'shows history, exports CSV, IVR and compliance reports, and staffing',
    { timeout: 90_000 },
    async () => {
      const login = await fetch(`${w.center.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'lina', password: 'kefu-demo' }),
      });
      const { token } = (await login.json()) as { token: string };
      const staffing = (await (
        await fetch(`${w.center.url}/api/wfm/staffing`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            model: 'erlang-c',
            arrivalsPerHour: 360,
            ahtSeconds: 240,
            targetAnswerSeconds: 20,
            targetServiceLevel: 0.8,
            shrinkage: 0.3,
          }),
        })
      ).json()) as { agents: number };
      expect(staffing.agents).toBeGreaterThan(24); // 24 erlangs of load

      for (const lang of ['zh-CN', 'en'] as const) {
        const page = await w.open('lina', lang);
        await page.getByTestId('nav-supervisor').click();
        await page.getByTestId('tab-reports').click();
        await page.getByTestId('chart-history').locator('canvas').waitFor({ timeout: 10_000 });
        // 60 offered today (or across midnight, two rows): the table sums to the generated calls.
        const offered = await page
          .getByTestId('report-table')
          .locator('tbody tr td:nth-child(3)')
          .allInnerTexts();
        expect(offered.map(Number).reduce((a, b) => a + b, 0)).toBe(60);
        const download = page.waitForEvent('download');
        await page.getByTestId('report-export').click();
        await page.getByTestId('export-done').waitFor({ timeout: 10_000 });
        const file = await download;
        expect(file.suggestedFilename()).toBe('kefu-queue.csv');
        await w.shot(page, `reports-history-${lang}`);

        await page.getByTestId('tab-ivr').click();
        await expect
          .poll(() => page.getByTestId('ivr-containment').first().innerText(), { timeout: 10_000 })
          .toBe('0.0%');
        await w.shot(page, `reports-ivr-${lang}`);

        await page.getByTestId('tab-compliance').click();
        await page.getByTestId('compliance-answer').locator('tbody tr').first().waitFor();
        await w.shot(page, `reports-compliance-${lang}`);

        await page.getByTestId('tab-workforce').click();
        await page.getByTestId('wfm-calculate').click();
        await expect
          .poll(() => page.getByTestId('wfm-agents').innerText(), { timeout: 10_000 })
          .toBe(String(staffing.agents));
        await page.getByTestId('chart-plan').locator('canvas').waitFor();
        await w.shot(page, `reports-workforce-${lang}`);
        await page.close();
      }

      // A report period in the address (a bookmarked report): 2020 had no calls.
      const linked = await w.open('lina', 'en');
      await linked.goto(`${w.center.url}/supervisor?from=2020-01-01&to=2020-01-07`);
      await linked.getByTestId('tab-reports').click();
      await linked
        .getByTestId('report-table')
        .locator('.ant-table-placeholder')
        .waitFor({ timeout: 10_000 });
      expect(linked.url()).toContain('from=2020-01-01');
      await linked.close();
      expect(w.problems).toEqual([]);
    },
  );
});
