/**
 * The knowledge base in Chromium against a demo center: a supervisor writes a roaming article
 * on the KB page and submits it, the administrator publishes it; an agent opens a case about
 * roaming, sees the article suggested above the reply, inserts it and sends the reply; the
 * statistics tab counts the use. Screenshots in zh-CN and English, no console error.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/app/app-context.ts';
import { startWebApp, type WebApp } from '../support/web-app.ts';

const step = { timeout: 15_000 };

describe('knowledge base: authoring, review, suggestion and insertion into a reply', () => {
  let w: WebApp;
  let caseNumber = '';

  async function setLang(page: Page, lang: 'zh-CN' | 'en') {
    await page.getByTestId('lang').click();
    await page.getByTitle(lang === 'en' ? 'English' : '中文').click();
  }
  const noToasts = (page: Page) =>
    expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);

  beforeAll(async () => {
    w = await startWebApp();
    const s = w.center.services;
    const lina = (await s.store.users.getCredentials('lina'))!.user;
    const author: Actor = { ...systemActor, id: lina.id, username: 'lina', role: 'supervisor' };
    // The demo seeds a few articles (Japan roaming, plans, invoices …); one more neighbour.
    for (const [slug, title, body] of [
      ['broadband-install', '宽带报装指南', '登录APP选择宽带报装，工程师48小时内上门安装。'],
    ] as const) {
      const a = await s.kb.articles.create(author, {
        slug,
        lang: 'zh-CN',
        title,
        body,
        tags: [],
        categoryId: null,
        audience: 'public',
        validFrom: null,
        validUntil: null,
      });
      const sub = await s.kb.articles.move(author, a.id, a.rev, 'submit', null);
      await s.kb.articles.move(systemActor, a.id, sub.rev, 'publish', null);
    }
    const script = await s.kb.articles.create(author, {
      slug: 'invoice-script',
      lang: 'zh-CN',
      title: '内部话术：发票投诉处理',
      body: '【内部】发票开错时可先行补偿10元话费。',
      tags: ['发票'],
      categoryId: null,
      audience: 'internal',
      validFrom: null,
      validUntil: null,
    });
    const sub = await s.kb.articles.move(author, script.id, script.rev, 'submit', null);
    await s.kb.articles.move(systemActor, script.id, sub.rev, 'publish', null);
    const wangfang = (await s.store.users.getCredentials('wangfang'))!.user;
    const liu = (await s.customers.search({ msisdn: '8613900139000' }, { limit: 1, offset: 0 }))
      .items[0]!;
    const c = await s.cases.create(systemActor, {
      type: 'consultation',
      title: '下周去泰国，咨询国际漫游怎么收费',
      description: '客户想知道在泰国上网的日套餐价格',
      customerId: liu.id,
      assigneeId: wangfang.id,
    });
    caseNumber = c.number;
  }, 90_000);
  afterAll(async () => {
    await w?.close();
  });

  it(
    'supervisor writes, admin publishes, agent inserts the suggestion',
    { timeout: 150_000 },
    async () => {
      // ── the supervisor writes the article and sends it to review ───────────────
      const lina = await w.open('lina', 'zh-CN');
      lina.setDefaultTimeout(step.timeout);
      await lina.getByTestId('nav-kb').click();
      await lina.getByTestId('kb-new').click();
      await lina.getByTestId('kb-slug').fill('roaming-thailand');
      await lina.getByTestId('kb-title').fill('泰国国际漫游资费与开通');
      await lina
        .getByTestId('kb-body')
        .fill(
          '前往泰国前请发送 **KTMY** 到10086开通国际漫游。\n\n| 项目 | 资费 |\n|---|---|\n| 日套餐（不限流量） | 25元/天 |\n| 拨打泰国本地 | 0.99元/分钟 |',
        );
      await lina.getByTestId('kb-tags').click();
      await lina.keyboard.type('漫游');
      await lina.keyboard.press('Enter');
      await lina.getByTestId('kb-preview-tab').click();
      await lina.getByTestId('kb-preview').locator('table').waitFor(step);
      expect(await lina.getByTestId('kb-preview').locator('strong').textContent()).toBe('KTMY');
      await w.shot(lina, 'kb-editor-preview.zh-CN');
      await lina.getByTestId('kb-save').click();
      await lina.getByTestId('kb-action-submit').click();
      await lina.locator('[data-testid="kb-state"][data-state="in_review"]').waitFor(step);
      await noToasts(lina);
      await w.shot(lina, 'kb-editor-in-review.zh-CN');

      // ── the administrator reviews and publishes it ─────────────────────────────
      const admin = await w.open('admin', 'en');
      admin.setDefaultTimeout(step.timeout);
      await admin.getByTestId('nav-kb').click();
      await admin.getByTestId('kb-row-roaming-thailand').click();
      await admin.getByTestId('kb-action-publish').click();
      await admin.locator('[data-testid="kb-state"][data-state="published"]').waitFor(step);
      await admin.getByTestId('kb-versions').getByText('created').waitFor(step);
      await noToasts(admin);
      await w.shot(admin, 'kb-editor-published.en');
      await admin.locator('.ant-drawer-close').click();
      await admin.getByTestId('kb-row-roaming-thailand').waitFor(step);
      await w.shot(admin, 'kb-articles.en');

      // ── the agent opens the roaming case and inserts the suggested answer ──────
      const agent = await w.open('wangfang', 'zh-CN');
      agent.setDefaultTimeout(step.timeout);
      await agent.getByTestId('tab-cases').click();
      await agent.getByTestId('case-item').filter({ hasText: caseNumber }).click();
      await agent.getByTestId('case-view').getByText(caseNumber).waitFor(step);
      const suggestions = agent
        .getByTestId('kb-suggest')
        .locator('[data-testid^="kb-suggestion-"]');
      await suggestions.first().waitFor(step);
      expect(await suggestions.first().getAttribute('data-testid')).toBe(
        'kb-suggestion-roaming-thailand',
      );
      await agent.getByTestId('kb-suggestion-roaming-thailand').click();
      await agent.getByTestId('kb-article-roaming-thailand').locator('table').waitFor(step);
      await w.shot(agent, 'kb-agent-suggestion.zh-CN');
      await agent.getByTestId('kb-insert').click();
      await expect
        .poll(() => agent.getByTestId('case-reply-body').inputValue(), step)
        .toContain('前往泰国前请发送 KTMY 到10086开通国际漫游。');
      expect(await agent.getByTestId('case-reply-body').inputValue()).toContain(
        '日套餐（不限流量） 25元/天',
      );
      await w.shot(agent, 'kb-agent-inserted.zh-CN');
      await agent.getByTestId('kb-suggestion-roaming-thailand').click();
      await agent.getByTestId('kb-answered').click();
      await noToasts(agent);
      // The customer is on the phone: the answer is recorded as given by phone.
      await agent.getByTestId('case-reply-channel').click();
      await agent.getByTitle('电话答复').click();
      await agent.getByTestId('case-reply-send').click();
      await agent.getByTestId('recorded-reply').filter({ hasText: '25元/天' }).waitFor(step);
      await setLang(agent, 'en');
      await agent.getByTestId('kb-suggest').getByText('Knowledge base').waitFor(step);
      await w.shot(agent, 'kb-agent-suggestion.en');

      // ── the statistics count the use ──────────────────────────────────────────
      await lina.locator('.ant-drawer-close').click();
      await lina.getByTestId('kb-tab-stats').click();
      await lina.getByTestId('kb-most-used').getByText('泰国国际漫游资费与开通').waitFor(step);
      await w.shot(lina, 'kb-stats.zh-CN');
      await setLang(lina, 'en');
      await lina.getByTestId('kb-stats').getByText('Most used in replies').waitFor(step);
      await w.shot(lina, 'kb-stats.en');
      await admin.getByTestId('kb-tab-categories').click();
      await w.shot(admin, 'kb-categories.en');

      expect(w.problems).toEqual([]);
    },
  );

  it(
    'customers search and read public articles on the portal and in the chat widget',
    { timeout: 90_000 },
    async () => {
      const problems: string[] = [];
      const visit = async (locale: 'zh-CN' | 'en', path: string) => {
        const ctx = await w.browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
        const page = await ctx.newPage();
        page.setDefaultTimeout(step.timeout);
        page.on('console', (m) => {
          // Chromium logs every failed request: the signed-out portal's session probe answers
          // 401, and the deliberately opened internal article 404. Any other error counts.
          const expected =
            /Failed to load resource: .* 401/.test(m.text()) ||
            (path === '/portal.html' && /Failed to load resource: .* 404/.test(m.text()));
          if (m.type() === 'error' && !expected) problems.push(`${path}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
        await page.goto(`${w.center.url}${path}`);
        return { page, ctx };
      };

      // ── the portal, not signed in ──────────────────────────────────────────────
      const { page: portal, ctx: portalCtx } = await visit('zh-CN', '/portal.html');
      await portal.locator('#kb-q').fill('发票');
      await portal.locator('#kb button[type=submit]').click();
      await portal.locator('.kb-hit[data-slug="invoice"]').waitFor(step);
      expect(await portal.locator('.kb-hit[data-slug="invoice-script"]').count()).toBe(0);
      expect(await portal.locator('#kb').textContent()).not.toContain('内部话术');
      await portal.locator('.kb-results mark').first().waitFor(step);
      await w.shot(portal, 'kb-portal-search.zh-CN');
      await portal.locator('.kb-hit[data-slug="invoice"]').click();
      await portal.locator('#kb-title').filter({ hasText: '如何开具电子发票' }).waitFor(step);
      await portal.locator('#kb-yes').click();
      await portal.locator('#kb .note').filter({ hasText: '谢谢' }).waitFor(step);
      await w.shot(portal, 'kb-portal-article.zh-CN');
      // A link to an internal article shows nothing of it.
      await portal.goto(`${w.center.url}/portal.html?article=invoice-script`);
      await portal.locator('#kb .error').waitFor(step);
      expect(await portal.locator('#kb').textContent()).not.toContain('补偿');
      await portalCtx.close();

      const { page: en, ctx: enCtx } = await visit('en', '/portal.html?article=broadband-install');
      await en.locator('#kb-title').filter({ hasText: '宽带报装指南' }).waitFor(step);
      await en.locator('#kb').getByText('Did this help?').waitFor(step);
      await w.shot(en, 'kb-portal-article.en');
      await enCtx.close();

      // ── the chat widget's help search before a chat ───────────────────────────
      const { page: chat, ctx: chatCtx } = await visit('zh-CN', '/chat-demo.html');
      const widget = chat.locator('[data-kefu-chat]');
      await widget.locator('.fab').click();
      await widget.locator('.kbs input').fill('宽带报装');
      await widget.locator('.kbs button').click();
      await widget.locator('.kbr button.hit').first().click();
      await widget
        .locator('.kbr .art')
        .getByText('工程师48小时内上门安装', { exact: false })
        .waitFor(step);
      await widget.locator('.kbr .vote button').first().click();
      await w.shot(chat, 'kb-widget.zh-CN');
      await chatCtx.close();

      // The portal visit that read an article and left counts once its 30 minutes are over.
      const stats = await w.center.services.kb.activity.stats(
        new Date(Date.now() - 3_600_000),
        new Date(Date.now() + 3_600_000),
      );
      expect(stats.mostViewed.map((r) => r.slug)).toEqual(
        expect.arrayContaining(['invoice', 'broadband-install']),
      );
      expect(stats.feedback.filter((f) => f.source === 'portal').length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    },
  );
});
