/**
 * Cases that use the operator's systems, in the browser: an agent places a BOSS order from a
 * service-request case and opens an NMS ticket from a fault-report case; the demo operator
 * backend works them and their status changes appear in each case's history. The customer's
 * bills come from the demo billing system.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/app/app-context.ts';
import { demoBills } from '../../src/connectors/demo/demo-subscribers.ts';
import { startWebApp, type WebApp } from '../support/web-app.ts';

const step = { timeout: 15_000 };

describe('operator requests from cases', () => {
  let w: WebApp;
  const cases: Record<string, string> = {};

  beforeAll(async () => {
    w = await startWebApp();
    const s = w.center.services;
    const agent = (await s.store.users.getCredentials('wangfang'))!.user;
    const liu = (await s.customers.search({ msisdn: '8613900139000' }, { limit: 1, offset: 0 }))
      .items[0]!;
    for (const [type, title] of [
      ['service_request', '开通国际漫游 Open roaming'],
      ['fault_report', '家中无信号 No signal at home'],
    ] as const) {
      const c = await s.cases.create(systemActor, {
        type,
        title,
        description: '',
        customerId: liu.id,
        assigneeId: agent.id,
      });
      cases[type] = c.number;
    }
  }, 90_000);
  afterAll(() => w?.close());

  const openCase = async (page: Page, number: string) => {
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('case-item').filter({ hasText: number }).click(step);
    await page.getByTestId('case-view').getByText(number).waitFor(step);
  };
  const statusInHistory = (page: Page, status: string) =>
    page.getByTestId('operator-request-status').filter({ hasText: status }).first().waitFor({
      timeout: 30_000,
    });

  it(
    'places a BOSS order and opens an NMS ticket, following both',
    { timeout: 120_000 },
    async () => {
      const page = await w.open('wangfang', 'en');
      page.setDefaultTimeout(step.timeout);

      await openCase(page, cases['service_request']!);
      await page.getByTestId('operator-request').click();
      await page.getByTestId('operator-order-code').fill('ROAM');
      await page.getByTestId('operator-request-confirm').click();
      await page.getByRole('tab', { name: 'History' }).click();
      await statusInHistory(page, 'pending');
      // The demo BOSS completes orders after a few seconds; the follower polls every 5 s.
      await statusInHistory(page, 'completed');
      await w.shot(page, 'case-boss-order.en');

      await openCase(page, cases['fault_report']!);
      await page.getByTestId('operator-request').click();
      await page.getByTestId('operator-ticket-location').fill('浦东 张江 博云路 2 号');
      await page.getByTestId('operator-ticket-symptom').fill('No signal indoors since Monday');
      await page.getByTestId('operator-request-confirm').click();
      await page.getByRole('tab', { name: 'History' }).click();
      await statusInHistory(page, 'open');
      await statusInHistory(page, 'in_progress');

      // The customer pane reads last month's bill from the demo billing system on request.
      const now = new Date();
      const last = new Date(Date.UTC(now.getFullYear(), now.getMonth() - 1, 1));
      const month = last.toISOString().slice(0, 7);
      const [bill] = demoBills('8613900139000', month);
      await page.getByTestId('billing-open').click();
      await page.getByTestId('billing-total').getByText(`${bill!.total} CNY`).waitFor(step);
      await page.getByText(bill!.items[0]!.description).waitFor(step);
      await w.shot(page, 'customer-billing.en');

      expect(w.problems).toEqual([]);
    },
  );
});
