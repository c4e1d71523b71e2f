/**
 * The admin console's forms in Chromium against a demo center: an administrator creates and
 * then edits a skill, a team, an agent with that team and skill, a reason code, a business
 * calendar with a holiday and an SLA policy on it, each checked through the API; a taken skill
 * name is shown next to its field before anything is sent, and no console error is logged.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../support/web-app.ts';

const step = { timeout: 10_000 };

/** Picks an option of an Ant Design select (options carry their label as title). */
async function choose(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option).first().click(step);
  await page.keyboard.press('Escape');
}

/** Saves a form and waits until its modal has closed. */
async function save(page: Page, form: string): Promise<void> {
  await page.getByTestId(`${form}-save`).click();
  await page.getByTestId(form).waitFor({ state: 'hidden', ...step });
}

async function replace(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).fill(value);
}

describe('admin console forms', () => {
  let w: WebApp;
  let page: Page;
  let token = '';

  async function api<T>(path: string): Promise<T> {
    const r = await fetch(`${w.center.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(200);
    return (await r.json()) as T;
  }

  async function section(key: string, testId: string): Promise<void> {
    await page.getByTestId(`admin-menu-${key}`).click();
    await page.getByTestId(`section-${testId}`).waitFor(step);
  }

  beforeAll(async () => {
    w = await startWebApp();
    token = (await w.center.services.auth.login('admin', 'kefu-demo', null)).token;
    page = await w.open('admin', 'en');
    page.setDefaultTimeout(10_000);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-menu').waitFor(step);
  }, 90_000);
  afterAll(async () => w?.close());

  it('creates and edits a skill; a taken name is shown at the field', async () => {
    await section('skills', 'skills');
    await page.getByTestId('skills-create').click();
    await replace(page, 'skill-name', 'e2e_billing');
    await replace(page, 'skill-description', 'Bills and refunds');
    await save(page, 'skill-form');
    const created = (
      await api<{ id: string; name: string; description: string }[]>('/api/skills')
    ).find((s) => s.name === 'e2e_billing');
    expect(created).toMatchObject({ description: 'Bills and refunds' });

    await page.getByTestId(`skills-edit-${created!.id}`).click();
    await replace(page, 'skill-description', 'Bills, refunds and invoices');
    await save(page, 'skill-form');
    expect(await w.center.services.store.skills.get(created!.id)).toMatchObject({
      name: 'e2e_billing',
      description: 'Bills, refunds and invoices',
    });

    // A duplicate: refused next to the name field, the form stays open, nothing is sent.
    const before = (await api<unknown[]>('/api/skills')).length;
    await page.getByTestId('skills-create').click();
    await replace(page, 'skill-name', 'e2e_billing');
    await page.getByTestId('skill-form-save').click();
    const item = page
      .getByTestId('skill-form')
      .locator('.ant-form-item', { has: page.getByTestId('skill-name') });
    await item
      .locator('.ant-form-item-explain-error', { hasText: 'A skill with this name exists' })
      .waitFor(step);
    await w.shot(page, 'admin-skill-duplicate.en');
    expect((await api<unknown[]>('/api/skills')).length).toBe(before);
    await page.getByRole('button', { name: /Cancel/ }).click();
    await page.getByTestId('skill-form').waitFor({ state: 'hidden', ...step });
  });

  it('creates and edits a team', async () => {
    await section('teams', 'teams');
    await page.getByTestId('teams-create').click();
    await replace(page, 'team-name', 'E2E Billing Team');
    await replace(page, 'team-description', 'Billing front line');
    await save(page, 'team-form');
    const team = (await api<{ id: string; name: string }[]>('/api/teams')).find(
      (x) => x.name === 'E2E Billing Team',
    );
    expect(team).toMatchObject({ kind: 'front', description: 'Billing front line' });

    await page.getByTestId(`teams-edit-${team!.id}`).click();
    await replace(page, 'team-name', 'E2E Billing Desk');
    await save(page, 'team-form');
    expect(await api(`/api/teams/${team!.id}`)).toMatchObject({
      name: 'E2E Billing Desk',
      kind: 'front',
      description: 'Billing front line',
    });
  });

  it('creates and edits an agent with that team and skill', async () => {
    const team = (await api<{ id: string; name: string }[]>('/api/teams')).find(
      (x) => x.name === 'E2E Billing Desk',
    )!;
    const skill = (await api<{ id: string; name: string }[]>('/api/skills')).find(
      (s) => s.name === 'e2e_billing',
    )!;
    await section('users', 'users');
    await page.getByTestId('users-create').click();
    await replace(page, 'user-username', 'e2e_agent');
    await replace(page, 'user-password', 'e2e-password');
    await replace(page, 'user-display-name', 'E2E Agent');
    await choose(page, 'user-teams', 'E2E Billing Desk');
    await page.getByTestId('user-add-skill').click();
    await choose(page, 'user-skill-0', 'e2e_billing');
    await replace(page, 'user-level-0', '4');
    await save(page, 'user-form');
    const found = await api<{ items: { id: string; username: string }[] }>(
      '/api/users?q=e2e_agent',
    );
    const user = found.items.find((u) => u.username === 'e2e_agent');
    expect(user).toMatchObject({
      role: 'agent',
      displayName: 'E2E Agent',
      teamIds: [team.id],
      skills: [{ skillId: skill.id, level: 4 }],
    });

    await page.getByTestId(`users-edit-${user!.id}`).click();
    await replace(page, 'user-display-name', 'E2E Agent Two');
    await replace(page, 'user-level-0', '5');
    await save(page, 'user-form');
    expect(await api(`/api/users/${user!.id}`)).toMatchObject({
      role: 'agent',
      displayName: 'E2E Agent Two',
      teamIds: [team.id],
      skills: [{ skillId: skill.id, level: 5 }],
    });
    // The new password works.
    const login = await w.center.services.auth.login('e2e_agent', 'e2e-password', null);
    expect(login.user.id).toBe(user!.id);
  });

  it('creates and edits a reason code', async () => {
    await section('reasons', 'reasons');
    await page.getByTestId('reasons-create').click();
    await replace(page, 'reason-code', 'e2e_training');
    await replace(page, 'reason-label-zh', '培训');
    await replace(page, 'reason-label', 'Training');
    await replace(page, 'reason-max-minutes', '45');
    await save(page, 'reason-form');
    type Reason = { code: string; label: string; maxMinutes: number | null };
    const reason = (await api<Reason[]>('/api/reason-codes')).find(
      (r) => r.code === 'e2e_training',
    );
    expect(reason).toMatchObject({
      label: 'Training',
      labelZh: '培训',
      maxMinutes: 45,
      active: true,
      requiresApproval: false,
    });

    await page.getByTestId('reasons-edit-e2e_training').click();
    await replace(page, 'reason-label', 'Training session');
    await page.getByTestId('reason-requiresApproval').click();
    await save(page, 'reason-form');
    expect(
      (await api<Reason[]>('/api/reason-codes')).find((r) => r.code === 'e2e_training'),
    ).toMatchObject({ label: 'Training session', maxMinutes: 45, requiresApproval: true });
  });

  it('creates and edits a business calendar with a holiday', async () => {
    await section('calendars', 'calendars');
    await page.getByTestId('calendars-create').click();
    await replace(page, 'calendar-name', 'E2E Calendar');
    await page.getByTestId('calendar-holidays').click();
    await page.keyboard.type('2026-10-01');
    await page.keyboard.press('Enter');
    await save(page, 'calendar-form');
    type Cal = {
      id: string;
      name: string;
      holidays: string[];
      weekly: Record<string, { start: string; end: string }[]>;
    };
    const cal = (await api<Cal[]>('/api/calendars')).find((c) => c.name === 'E2E Calendar');
    expect(cal).toMatchObject({
      timeZone: 'Asia/Shanghai',
      holidays: ['2026-10-01'],
      weekly: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '13:30', end: '18:00' },
        ],
        sat: [],
      },
    });

    await page.getByTestId(`calendars-edit-${cal!.id}`).click();
    await replace(page, 'calendar-weekly-sat', '10:00-16:00');
    await page.getByTestId('calendar-holidays').click();
    await page.keyboard.type('2026-10-02');
    await page.keyboard.press('Enter');
    await save(page, 'calendar-form');
    expect(await api(`/api/calendars/${cal!.id}`)).toMatchObject({
      name: 'E2E Calendar',
      holidays: ['2026-10-01', '2026-10-02'],
      weekly: { sat: [{ start: '10:00', end: '16:00' }] },
    });
  });

  it('creates and edits an SLA policy on that calendar', async () => {
    const cal = (await api<{ id: string; name: string }[]>('/api/calendars')).find(
      (c) => c.name === 'E2E Calendar',
    )!;
    await section('sla', 'sla');
    await page.getByTestId('sla-create').click();
    await choose(page, 'sla-case-type', 'Complaint');
    await choose(page, 'sla-priority', 'Urgent');
    await choose(page, 'sla-calendar', 'E2E Calendar');
    await replace(page, 'sla-stage-accepted', '15');
    await replace(page, 'sla-total', '240');
    await save(page, 'sla-form');
    type Policy = {
      id: string;
      caseType: string;
      priority: string | null;
      totalMinutes: number;
      stageMinutes: Record<string, number>;
    };
    const policy = (await api<Policy[]>('/api/sla-policies')).find(
      (p) => p.caseType === 'complaint' && p.priority === 'urgent',
    );
    expect(policy).toMatchObject({
      calendarId: cal.id,
      stageMinutes: { accepted: 15 },
      totalMinutes: 240,
      warnPercent: 20,
    });

    await page.getByTestId(`sla-edit-${policy!.id}`).click();
    await replace(page, 'sla-total', '300');
    await replace(page, 'sla-stage-verifying', '60');
    await save(page, 'sla-form');
    expect(
      (await api<Policy[]>('/api/sla-policies')).find((p) => p.id === policy!.id),
    ).toMatchObject({
      calendarId: cal.id,
      stageMinutes: { accepted: 15, verifying: 60 },
      totalMinutes: 300,
    });
    await w.shot(page, 'admin-sla-edited.en');
  });

  it('logged no console error', () => {
    expect(w.problems).toEqual([]);
  });
});
