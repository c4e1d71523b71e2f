/** The web app's shell in Chromium: login page with demo logins, language switch, role pages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../support/web-app.ts';

describe('web app shell', () => {
  let w: WebApp;
  beforeAll(async () => {
    w = await startWebApp();
  }, 90_000);
  afterAll(async () => {
    await w?.close();
  });

  it(
    'shows demo logins, logs in by role, switches language, keeps the session on reload',
    { timeout: 60_000 },
    async () => {
      const ctx = await w.browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'zh-CN',
      });
      const page = await ctx.newPage();
      page.on('pageerror', (e) => w.problems.push(`login: ${e.message}`));
      await page.goto(`${w.center.url}/`);
      await page.getByText('登录客服中心').waitFor();
      await page.getByRole('cell', { name: 'wangfang' }).click();
      expect(await page.getByTestId('login-username').inputValue()).toBe('wangfang');
      await w.shot(page, 'login.zh-CN');
      await page.getByTestId('login-password').fill('wrong');
      await page.getByTestId('login-submit').click();
      await page.getByText('用户名或密码错误').waitFor();
      await ctx.close();

      const admin = await w.open('admin', 'en');
      expect(new URL(admin.url()).pathname).toBe('/agent');
      await admin.getByTestId('nav-admin').waitFor();
      await admin.getByTestId('nav-supervisor').waitFor();
      await admin.getByTestId('lang').click();
      await admin.getByTitle('中文').click();
      await admin.getByTestId('nav-admin').getByText('系统管理').waitFor();
      await admin.reload();
      await admin.getByTestId('nav-admin').getByText('系统管理').waitFor();

      const agent = await w.open('wangfang', 'en');
      await agent.getByTestId('nav-agent').waitFor();
      expect(await agent.getByTestId('nav-admin').count()).toBe(0);
      await agent.goto(`${w.center.url}/admin`);
      await agent.waitForURL('**/agent');
      expect(w.problems).toEqual([]);
    },
  );
});
