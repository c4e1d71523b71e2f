/**
 * Resource management in Chromium against a demo center: an administrator adds a seat and a
 * trunk through the forms, binds a demo phone to the seat, an agent logs in at the seat, and the
 * resource board's seat map shows the agent at the seat with their state, the phone's health,
 * and the alarm for a logged-in agent whose phone is not registered — which the supervisor's
 * wallboard shows too. Screenshots in en and zh-CN; no console errors.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/app/app-context.ts';
import { startWebApp, type WebApp } from '../support/web-app.ts';

const step = { timeout: 10_000 };

describe('resources admin pages', () => {
  let w: WebApp;
  let page: Page;

  async function openSection(p: Page, key: string): Promise<void> {
    await p.getByTestId('nav-admin').click();
    await p.getByTestId(`admin-menu-${key}`).click();
  }

  beforeAll(async () => {
    w = await startWebApp();
    page = await w.open('admin', 'en');
    page.setDefaultTimeout(10_000);
  }, 90_000);
  afterAll(async () => w?.close());

  it('adds a seat and a trunk through the forms', async () => {
    await openSection(page, 'seats');
    await page.getByTestId('section-seats').waitFor(step);
    await page.getByTestId('seats-create').click();
    await page.getByTestId('seat-name').fill('A-01');
    await page.getByTestId('seat-floor').fill('3F');
    // The zone is required: the form says so before anything is sent.
    await page.getByTestId('seat-form-save').click();
    await page.getByText('Required').first().waitFor(step);
    await page.getByTestId('seat-zone').fill('North');
    await page.getByTestId('seat-form-save').click();
    await page.getByTestId('seats-row-A-01').waitFor(step);
    const seats = await w.center.services.inventory.listSeats();
    expect(seats).toEqual([expect.objectContaining({ name: 'A-01', zone: 'North', floor: '3F' })]);
    await w.center.services.inventory.saveSeat(systemActor, null, {
      name: 'A-02',
      zone: 'North',
      floor: '3F',
      teamId: null,
    });

    await openSection(page, 'trunks');
    await page.getByTestId('section-trunks').waitFor(step);
    await page.getByTestId('trunks-create').click();
    await page.getByTestId('trunk-name').fill('carrier-cm');
    await page.getByTestId('trunk-provider').fill('China Mobile');
    await page.getByTestId('trunk-addresses').fill('192.0.2.10, 192.0.2.11');
    await page.getByTestId('trunk-outbound').fill('192.0.2.10:5060');
    await page.getByTestId('trunk-limit').fill('30');
    await page.getByTestId('trunk-form-save').click();
    await page.getByTestId('trunks-row-carrier-cm').waitFor(step);
    const [trunk] = await w.center.services.inventory.listTrunks();
    expect(trunk).toMatchObject({
      name: 'carrier-cm',
      provider: 'China Mobile',
      addresses: ['192.0.2.10', '192.0.2.11'],
      outbound: { address: '192.0.2.10', port: 5060 },
      channelLimit: 30,
      source: 'stored',
    });
    await page.waitForTimeout(300);
    await w.shot(page, 'resources-trunks-en');
  }, 60_000);

  it('shows the agent at their seat on the seat map, with the phone alarm', async () => {
    const s = w.center.services;
    const seat = (await s.inventory.listSeats()).find((x) => x.name === 'A-01')!;
    await s.devices.update(systemActor, '8001', { seatId: seat.id, kind: 'desk_phone' });
    const agent = (await s.store.users.list({ q: 'wangfang' }, { limit: 1, offset: 0 })).items[0]!;
    // The agent logs in at the seat: kefu binds the seat's desk phone to the session.
    const desk = await w.open('wangfang', 'en');
    await desk.getByTestId('agent-login').click(step);
    await desk.getByText('Seat', { exact: true }).click();
    await desk.getByTestId('agent-login-seat').click();
    await desk.getByText('A-01 · North').click();
    await desk.getByTestId('agent-login-submit').click();
    await expect.poll(() => s.router.agentSession(agent.id)?.extension ?? null, step).toBe('8001');
    await openSection(page, 'resourceBoard');
    const tile = page.getByTestId('seat-A-01');
    await tile.waitFor(step);
    await expect.poll(() => tile.getAttribute('data-agent-state'), step).toBe('available');
    expect(await tile.textContent()).toContain(agent.displayName);
    expect(await tile.textContent()).toContain('8001');
    expect(await page.getByTestId('seat-A-02').getAttribute('data-agent-state')).toBe('empty');
    const alarm = page.getByTestId('alarm-phone_unregistered-8001');
    await alarm.waitFor(step);
    expect(await alarm.textContent()).toContain(`${agent.displayName}'s phone 8001`);
    await page.getByTestId('board-trunk-carrier-cm').waitFor({ state: 'attached', ...step });
    await page.getByTestId('board-node').waitFor(step);
    await page.waitForTimeout(300);
    await w.shot(page, 'resources-board-en');

    // The agent goes away: the tile follows within the board's refresh.
    await s.router.setState(
      systemActor,
      agent.id,
      { state: 'away', reason: s.router.reasons()[0]!.code },
      'supervisor',
    );
    await expect.poll(() => tile.getAttribute('data-agent-state'), step).toBe('away');
  }, 60_000);

  it('puts the alarm on the supervisor’s wallboard, and shows the board in Chinese', async () => {
    const lina = await w.open('lina', 'zh-CN');
    await lina.getByTestId('nav-supervisor').click();
    const board = lina.getByTestId('wallboard-alarms');
    await board.waitFor(step);
    expect(await board.textContent()).toContain('8001');
    await w.shot(lina, 'resources-wallboard-alarm-zh');
    // Supervisors have the resource board too (read-only: the inventory is the admin's).
    await lina.getByTestId('tab-resources').click();
    await lina.getByTestId('seat-A-01').waitFor(step);

    const zh = await w.open('admin', 'zh-CN');
    await openSection(zh, 'resourceBoard');
    await zh.getByTestId('seat-A-01').waitFor(step);
    await zh.getByText('座位图').waitFor(step);
    await zh.getByText('话机 8001 未注册').waitFor(step);
    await zh.waitForTimeout(300);
    await w.shot(zh, 'resources-board-zh');
    expect(w.problems).toEqual([]);
  }, 60_000);
});
