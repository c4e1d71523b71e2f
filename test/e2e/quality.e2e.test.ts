/**
 * Quality in Chromium against a demo center: the supervisor builds a form (a scale question and
 * an auto-fail item), evaluates two of an agent's contacts watching the score, the agent
 * acknowledges one and disputes the other, and the supervisor changes the disputed score.
 * Every page is photographed in zh-CN and English, with no console error.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../support/web-app.ts';

interface Evaluation {
  id: string;
  contactId: string;
  state: string;
  score: number | null;
}

describe('quality: forms, evaluations, acknowledgement and dispute', () => {
  let w: WebApp;
  const tokens = new Map<string, string>();

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

  async function shot(page: Page, name: string) {
    await page.waitForTimeout(400);
    await w.shot(page, name);
  }

  async function setLang(page: Page, lang: 'zh-CN' | 'en') {
    await page.getByTestId('lang').click();
    await page.getByTitle(lang === 'en' ? 'English' : '中文').click();
  }

  /** A number typed into an InputNumber (its test id may sit on the input or around it). */
  const numberInput = (page: Page, id: string) =>
    page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

  /** Waits until every toast has gone (so a screenshot shows only the page's language). */
  const noToasts = (page: Page) =>
    expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);

  const answer = (page: Page, q: string, label: string) =>
    page.getByTestId(`answer-${q}`).getByText(label, { exact: true }).click();

  beforeAll(async () => {
    w = await startWebApp();
  }, 90_000);
  afterAll(async () => {
    await w?.close();
  });

  it(
    'supervisor evaluates, agent acknowledges and disputes, supervisor resolves',
    { timeout: 90_000 },
    async () => {
      // Two calls Wang Fang handled.
      const wangfang = (
        await api<{ items: { id: string }[] }>('admin', 'GET', '/api/users?q=wangfang')
      ).items[0]!.id;
      const contacts: string[] = [];
      for (const from of ['13800000001', '13800000002'])
        contacts.push(
          (
            await api<{ id: string }>('admin', 'POST', '/api/contacts', {
              channel: 'voice',
              direction: 'inbound',
              from,
              to: '10086',
              agentId: wangfang,
              startedAt: new Date(Date.now() - 300_000).toISOString(),
              endedAt: new Date(Date.now() - 60_000).toISOString(),
            })
          ).id,
        );

      // The supervisor builds the form.
      const lina = await w.open('lina', 'zh-CN');
      await lina.getByTestId('nav-quality').click();
      await lina.getByTestId('tab-forms').click();
      await lina.getByTestId('form-new').click();
      await lina.getByTestId('form-name').fill('通话质检 Call QA');
      await lina.getByTestId('section-title-0').fill('服务规范 Manners');
      await lina.getByTestId('question-text-0-0').fill('使用标准问候语 Greeting');
      await lina.getByTestId('add-question-0').click();
      await lina.getByTestId('question-text-0-1').fill('未对客户无礼 No rudeness');
      await lina.getByTestId('question-autofail-0-1').click();
      await lina.getByTestId('add-section').click();
      await lina.getByTestId('section-title-1').fill('问题解决 Resolution');
      await numberInput(lina, 'section-weight-1').fill('2');
      await lina.getByTestId('question-text-1-0').fill('解决程度 How well solved');
      await lina.getByTestId('question-kind-1-0').click();
      await lina.getByTitle('分值').click();
      await shot(lina, 'quality-form-editor.zh-CN');
      await lina.getByTestId('form-save').click();
      await lina
        .getByText('服务规范 Manners ×1 · 问题解决 Resolution ×2')
        .waitFor({ timeout: 5_000 });
      await shot(lina, 'quality-forms.zh-CN');

      // Two evaluations: a good one, and one that fails the auto-fail item.
      await lina.getByTestId('tab-evaluations').click();
      const evaluate = async (from: string, rude: boolean, expected: string) => {
        await lina.getByTestId('evaluate-open').click();
        await lina.getByTestId('evaluate-contact').click();
        await lina.keyboard.type(from);
        await lina.keyboard.press('Enter');
        await lina.getByTestId('evaluate-form').click();
        await lina.locator('.ant-select-item-option[title="通话质检 Call QA (v1)"]').click();
        await answer(lina, '0-0', '是');
        // Not yet complete: submitting is not offered (no request that would fail).
        expect(await lina.getByTestId('evaluate-submit').isDisabled()).toBe(true);
        await answer(lina, '0-1', rude ? '否' : '是');
        await answer(lina, '1-0', '4');
        await lina.getByTestId('qa-score').getByText(expected).waitFor({ timeout: 2_000 });
        if (!rude) await shot(lina, 'quality-evaluate.zh-CN');
        await lina.getByTestId('evaluate-comment').fill(rude ? '语气生硬' : '处理得当');
        await lina.getByTestId('evaluate-submit').click();
        await lina.getByTestId('evaluate-submit').waitFor({ state: 'detached', timeout: 5_000 });
      };
      // (1·100 + 2·80) / 3 = 86.67; the auto-fail zeroes the other.
      await evaluate('13800000001', false, '86.67');
      await evaluate('13800000002', true, '0.00');
      const list = await api<{ items: Evaluation[] }>('lina', 'GET', '/api/qa/evaluations');
      const good = list.items.find((e) => e.contactId === contacts[0])!;
      const failed = list.items.find((e) => e.contactId === contacts[1])!;
      expect([good.state, good.score, failed.state, failed.score]).toEqual([
        'submitted',
        86.67,
        'submitted',
        0,
      ]);
      await lina.getByTestId(`evaluation-state-${failed.id}`).waitFor({ timeout: 5_000 });
      await shot(lina, 'quality-evaluations.zh-CN');

      // The agent acknowledges the first and disputes the second, saying why.
      const agent = await w.open('wangfang', 'zh-CN');
      await agent.getByTestId('nav-quality').click();
      await agent.getByTestId(`evaluation-open-${good.id}`).click();
      await agent.getByTestId('review-acknowledge').click();
      await agent
        .getByTestId(`evaluation-state-${good.id}`)
        .getByText('已确认')
        .waitFor({ timeout: 5_000 });
      await agent.getByTestId(`evaluation-open-${failed.id}`).click();
      // Disputing needs a reason: offered only once one is written.
      expect(await agent.getByTestId('review-dispute').isDisabled()).toBe(true);
      await agent.getByTestId('review-comment').fill('录音里我一直很礼貌，请复听');
      await shot(agent, 'quality-dispute.zh-CN');
      await agent.getByTestId('review-dispute').click();
      await agent
        .getByTestId(`evaluation-state-${failed.id}`)
        .getByText('申诉中')
        .waitFor({ timeout: 5_000 });
      await shot(agent, 'quality-mine.zh-CN');

      // The supervisor listens again and changes the score.
      await lina.reload();
      await lina.getByTestId(`evaluation-open-${failed.id}`).click();
      await lina.getByTestId('review-resolution').getByText('修改评分').click();
      await answer(lina, '0-1', '是');
      await lina.getByTestId('qa-score').getByText('86.67').waitFor({ timeout: 2_000 });
      await lina.getByTestId('review-comment').fill('复听确认无不礼貌');
      await lina.getByTestId('review-resolve').click();
      await lina
        .getByTestId(`evaluation-state-${failed.id}`)
        .getByText('已处理')
        .waitFor({ timeout: 5_000 });
      await lina.getByTestId(`evaluation-score-${failed.id}`).getByText('86.67').waitFor();
      const resolved = await api<Evaluation & { resolution: string }>(
        'wangfang',
        'GET',
        `/api/qa/evaluations/${failed.id}`,
      );
      expect(resolved).toMatchObject({ state: 'resolved', resolution: 'changed', score: 86.67 });

      // Survey answers for the two calls (what the SMS survey records; tested on its own in
      // test/api/sms-survey.api.test.ts) show in the satisfaction report.
      await w.center.services.surveys.record({ channel: 'sms', contactId: contacts[0]!, score: 5 });
      await w.center.services.surveys.record({ channel: 'sms', contactId: contacts[1]!, score: 2 });
      await lina.getByTestId('tab-surveys').click();
      const sms = lina.getByTestId('survey-row-sms');
      await sms.getByText('短信调查').waitFor({ timeout: 5_000 });
      expect(await sms.textContent()).toContain('3.50');
      expect(await sms.textContent()).toContain('50.0%');
      await lina.getByTestId('survey-group').getByText('坐席').click();
      await lina.getByTestId(`survey-row-${wangfang}`).getByText('王芳 Wang Fang').waitFor();
      await shot(lina, 'quality-surveys.zh-CN');
      // The supervisor turns the SMS survey on, with its default text.
      await lina.getByTestId('sms-survey-text').waitFor();
      await lina.getByTestId('sms-survey-enabled').click();
      await lina.getByTestId('sms-survey-save').click();
      await expect
        .poll(
          async () =>
            (await api<{ enabled: boolean }>('lina', 'GET', '/api/surveys/sms-settings')).enabled,
          { timeout: 5_000 },
        )
        .toBe(true);
      await lina.getByTestId('tab-evaluations').click();

      // The same pages in English (once the Chinese toasts are gone).
      await noToasts(lina);
      await setLang(lina, 'en');
      await lina.getByTestId(`evaluation-state-${failed.id}`).getByText('Resolved').waitFor();
      await shot(lina, 'quality-evaluations.en');
      await lina.getByTestId(`evaluation-open-${failed.id}`).click();
      await lina.getByText('Change the score', { exact: false }).first().waitFor();
      await shot(lina, 'quality-review.en');
      await lina.keyboard.press('Escape');
      await lina.getByTestId('tab-forms').click();
      await shot(lina, 'quality-forms.en');
      await lina.getByTestId('tab-surveys').click();
      await lina.getByTestId(`survey-row-${wangfang}`).getByText('3.50').waitFor();
      await shot(lina, 'quality-surveys.en');
      await noToasts(agent);
      await setLang(agent, 'en');
      await agent.getByTestId(`evaluation-state-${good.id}`).getByText('Acknowledged').waitFor();
      await shot(agent, 'quality-mine.en');

      expect(w.problems).toEqual([]);
    },
  );
});
