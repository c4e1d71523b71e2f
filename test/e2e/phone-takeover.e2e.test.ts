/**
 * A phone takeover in Chromium against a demo center: agent A (王芳) logs in with desk phone
 * 8002; agent B (张伟) is refused with the phone's holder named and told a supervisor can hand it
 * over (en and zh-CN); the supervisor hands 8002 over to B from the resource board; B's session
 * has the phone and A's has none (read through the API). Screenshots in en and zh-CN; no console
 * errors but Chromium's own line for each expected 409.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/app/app-context.ts';
import { startWebApp, type WebApp } from '../support/web-app.ts';

const step = { timeout: 10_000 };
const refused = (user: string) =>
  `${user}: console: Failed to load resource: the server responded with a status of 409 (Conflict)`;

/** The page's own agent session, read through the API with the page's token. */
async function sessionOf(
  w: WebApp,
  p: Page,
): Promise<{ extension: string | null; softphone: boolean } | null> {
  const token = (await p.evaluate('localStorage.getItem("kefu.token")')) as string;
  const r = await fetch(`${w.center.url}/api/agent/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const me = (await r.json()) as {
    session: { extension: string | null; softphone: boolean } | null;
  };
  return me.session && { extension: me.session.extension, softphone: me.session.softphone };
}

/** Opens the desktop's login and tries desk phone `extension`. */
async function loginWithDeskPhone(p: Page, label: string, extension: string): Promise<void> {
  await p.getByTestId('agent-login').click(step);
  await p.getByText(label, { exact: true }).click();
  await p.getByTestId('agent-login-extension').fill(extension);
  await p.getByTestId('agent-login-submit').click();
}

describe('phone takeover', () => {
  let w: WebApp;
  let wang: Page;
  let zhang: Page;
  let wangName = '';
  let zhangName = '';

  beforeAll(async () => {
    w = await startWebApp();
    const s = w.center.services;
    const seat = await s.inventory.saveSeat(systemActor, null, {
      name: 'T-01',
      zone: 'East',
      floor: '2F',
      teamId: null,
    });
    await s.devices.update(systemActor, '8002', { seatId: seat.id, kind: 'desk_phone' });
    const user = async (q: string) =>
      (await s.store.users.list({ q }, { limit: 1, offset: 0 })).items[0]!;
    wangName = (await user('wangfang')).displayName;
    zhangName = (await user('zhangwei')).displayName;
  }, 90_000);
  afterAll(async () => w?.close());

  it('refuses a phone another agent holds, naming the holder', async () => {
    wang = await w.open('wangfang', 'en');
    await loginWithDeskPhone(wang, 'Desk phone', '8002');
    await expect.poll(() => sessionOf(w, wang), step).toMatchObject({ extension: '8002' });

    zhang = await w.open('zhangwei', 'en');
    await loginWithDeskPhone(zhang, 'Desk phone', '8002');
    const inUse = zhang.getByTestId('agent-login-in-use');
    await inUse.waitFor(step);
    expect(await inUse.textContent()).toContain(
      `Phone 8002 is in use by another agent: ${wangName}`,
    );
    expect(await inUse.textContent()).toContain('A supervisor can hand it over to you');
    expect(await sessionOf(w, zhang)).toBeNull();
    await zhang.waitForTimeout(300);
    await w.shot(zhang, 'phone-takeover-refused-en');

    const zh = await w.open('zhangwei', 'zh-CN');
    await loginWithDeskPhone(zh, '桌面话机', '8002');
    const zhInUse = zh.getByTestId('agent-login-in-use');
    await zhInUse.waitFor(step);
    expect(await zhInUse.textContent()).toContain(`话机 8002 正被其他坐席使用：${wangName}`);
    expect(await zhInUse.textContent()).toContain('请班长在资源监控中把话机移交给您');
    await zh.waitForTimeout(300);
    await w.shot(zh, 'phone-takeover-refused-zh');
    // Chromium logs each refused request itself; those lines are expected, nothing else.
    expect(w.problems).toEqual([refused('zhangwei'), refused('zhangwei')]);
    w.problems.length = 0;
  }, 60_000);

  it('hands the phone over from the supervisor’s resource board', async () => {
    const lina = await w.open('lina', 'en');
    await lina.getByTestId('nav-supervisor').click();
    await lina.getByTestId('tab-resources').click();
    const row = lina.getByTestId('board-phone-8002');
    await row.waitFor(step);
    await expect.poll(() => row.textContent(), step).toContain(wangName);
    await lina.getByTestId('seat-handover-T-01').click();
    const dialog = lina.getByTestId('handover-dialog');
    await dialog.waitFor(step);
    expect(await dialog.textContent()).toContain(`${wangName} has it now.`);
    await lina.getByTestId('handover-agent').click();
    await lina.getByTitle(`${zhangName} (zhangwei)`).click();
    await lina.waitForTimeout(300);
    await w.shot(lina, 'phone-takeover-dialog-en');
    await lina.getByTestId('handover-confirm').click();
    await lina.getByText(`Phone 8002 handed over to ${zhangName}`).waitFor(step);
    await dialog.waitFor({ state: 'detached', ...step });
    await expect.poll(() => row.textContent(), step).toContain(zhangName);

    // Through the API: B has the phone, A is still logged in, without one.
    expect(await sessionOf(w, zhang)).toEqual({ extension: '8002', softphone: false });
    expect(await sessionOf(w, wang)).toEqual({ extension: null, softphone: false });
    await lina.waitForTimeout(300);
    await w.shot(lina, 'phone-takeover-board-en');

    // The board in Chinese: who has the phone now, and the dialog to hand it back.
    const zh = await w.open('lina', 'zh-CN');
    await zh.getByTestId('nav-supervisor').click();
    await zh.getByTestId('tab-resources').click();
    const zhRow = zh.getByTestId('board-phone-8002');
    await zhRow.waitFor(step);
    await expect.poll(() => zhRow.textContent(), step).toContain(zhangName);
    await zh.getByTestId('board-handover-8002').click();
    await zh.getByTestId('handover-dialog').waitFor(step);
    expect(await zh.getByTestId('handover-dialog').textContent()).toContain(
      `当前由 ${zhangName} 使用`,
    );
    await zh.waitForTimeout(300);
    await w.shot(zh, 'phone-takeover-dialog-zh');
    expect(w.problems).toEqual([]);
  }, 60_000);
});
