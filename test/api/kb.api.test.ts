/**
 * The knowledge base over HTTP on both stores: authors write and review (a second person
 * publishes), agents search and get suggestions for a case, customers read only published
 * public articles within validity — through the public routes, logged in or not — and the
 * statistics count views, uses, empty searches and deflection. Import/export round-trips.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

const T = { timeout: 60_000 };

describe.each(storeKinds)('knowledge base API on %s', (kind) => {
  let h: Harness;
  const ids: Record<string, string> = {};

  /** Writes, submits (as the supervisor) and publishes (as the admin) an article. */
  async function publish(slug: string, o: Record<string, unknown>) {
    const created = await h.json('POST', '/api/kb/articles', {
      as: 'supervisor',
      body: { slug, lang: 'zh-CN', tags: [], audience: 'public', ...o },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sub = await h.json('POST', `/api/kb/articles/${created.body.id}/workflow`, {
      as: 'supervisor',
      body: { action: 'submit', rev: created.body.rev },
    });
    const pub = await h.json('POST', `/api/kb/articles/${created.body.id}/workflow`, {
      as: 'admin',
      body: { action: 'publish', rev: sub.body.rev },
    });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    ids[slug] = created.body.id as string;
    return pub.body;
  }

  beforeAll(async () => {
    h = await makeHarness(kind);
    const cat = await h.json('POST', '/api/kb/categories', {
      as: 'supervisor',
      body: { name: 'Roaming', nameZh: '国际漫游' },
    });
    expect(cat.status).toBe(201);
    await publish('roaming-japan', {
      title: '日本国际漫游资费',
      body: '# 日本漫游\n\n日套餐 **28元/天**。<script>alert(1)</script> [开通](javascript:alert(1))',
      tags: ['漫游', 'roaming'],
      categoryId: cat.body.id,
    });
    await publish('roaming-japan-en', {
      lang: 'en',
      title: 'Roaming in Japan',
      body: 'Day pass 28 yuan.',
      tags: ['roaming'],
      translationOf: ids['roaming-japan'],
    });
    await publish('retention-script', {
      lang: 'en',
      title: 'Retention offer for roaming complaints',
      body: 'Internal: offer 30 percent off.',
      audience: 'internal',
    });
    await publish('old-promo', {
      lang: 'en',
      title: 'Roaming promo summer',
      body: 'Expired promo.',
      validUntil: new Date(h.clock.now().getTime() - 1000).toISOString(),
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('runs the review workflow with versions and a second reviewer', T, async () => {
    const a = await h.json('POST', '/api/kb/articles', {
      as: 'supervisor',
      body: { slug: 'draft-one', lang: 'en', title: 'Draft', body: 'v1', audience: 'public' },
    });
    expect(a.body).toMatchObject({ state: 'draft', version: 1, actions: ['submit', 'archive'] });
    const dup = await h.json('POST', '/api/kb/articles', {
      as: 'supervisor',
      body: { slug: 'draft-one', lang: 'en', title: 'Again', body: 'x', audience: 'public' },
    });
    expect(dup).toMatchObject({ status: 409, body: { code: 'kb.slug_taken' } });
    const edited = await h.json('PUT', `/api/kb/articles/${a.body.id}`, {
      as: 'supervisor',
      body: { rev: a.body.rev, title: 'Draft', body: 'v2', audience: 'public', note: 'second' },
    });
    expect(edited.body).toMatchObject({ version: 2 });
    const stale = await h.json('PUT', `/api/kb/articles/${a.body.id}`, {
      as: 'supervisor',
      body: { rev: a.body.rev, title: 'Draft', body: 'v3', audience: 'public' },
    });
    expect(stale).toMatchObject({ status: 409, body: { code: 'conflict' } });
    const sub = await h.json('POST', `/api/kb/articles/${a.body.id}/workflow`, {
      as: 'supervisor',
      body: { action: 'submit', rev: edited.body.rev },
    });
    const own = await h.json('POST', `/api/kb/articles/${a.body.id}/workflow`, {
      as: 'supervisor',
      body: { action: 'publish', rev: sub.body.rev },
    });
    expect(own).toMatchObject({ status: 403, body: { code: 'kb.own_review' } });
    const illegal = await h.json('POST', `/api/kb/articles/${a.body.id}/workflow`, {
      as: 'admin',
      body: { action: 'restore', rev: sub.body.rev },
    });
    expect(illegal).toMatchObject({ status: 409, body: { code: 'kb.illegal_transition' } });
    const rejected = await h.json('POST', `/api/kb/articles/${a.body.id}/workflow`, {
      as: 'admin',
      body: { action: 'reject', rev: sub.body.rev, comment: 'too short' },
    });
    expect(rejected.body).toMatchObject({ state: 'draft', reviewComment: 'too short' });
    const versions = await h.json('GET', `/api/kb/articles/${a.body.id}/versions`, {
      as: 'supervisor',
    });
    expect(
      versions.body.items.map((v: { version: number; note: string }) => [v.version, v.note]),
    ).toEqual([
      [2, 'second'],
      [1, 'created'],
    ]);
    // Agents do not see drafts at all.
    expect((await h.json('GET', `/api/kb/articles/${a.body.id}`, { as: 'agent' })).status).toBe(
      404,
    );
  });

  it('renders bodies safely for every reader', T, async () => {
    const r = await h.json('GET', '/api/kb/public/articles/roaming-japan', { as: null });
    expect(r.status).toBe(200);
    expect(r.body.html).toContain('<strong>28元/天</strong>');
    expect(r.body.html).not.toMatch(/<script|javascript:/);
    expect(r.body.translations).toEqual([
      { slug: 'roaming-japan-en', lang: 'en', title: 'Roaming in Japan' },
    ]);
    const preview = await h.json('POST', '/api/kb/render', {
      as: 'supervisor',
      body: { body: '<img src=x onerror=alert(1)> **b**' },
    });
    expect(preview.body.html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; <strong>b</strong></p>');
  });

  it('never shows internal, draft or expired articles to customers', T, async () => {
    for (const as of [null, 'customer'] as const) {
      const s = await h.json('GET', '/api/kb/public/search?q=roaming&limit=50', { as });
      expect(s.status).toBe(200);
      const slugs = s.body.items.map((i: { slug: string }) => i.slug);
      expect(slugs).toContain('roaming-japan-en');
      expect(slugs).not.toContain('retention-script');
      expect(slugs).not.toContain('old-promo');
      expect(s.body.items.every((i: { audience: string }) => i.audience === 'public')).toBe(true);
      for (const slug of ['retention-script', 'old-promo', 'draft-one', 'no-such'])
        expect((await h.json('GET', `/api/kb/public/articles/${slug}`, { as })).status).toBe(404);
      expect(
        (
          await h.json('POST', '/api/kb/public/articles/retention-script/feedback', {
            as,
            body: { helpful: true },
          })
        ).status,
      ).toBe(404);
    }
    // Customers have no staff route at all.
    expect((await h.json('GET', '/api/kb/search?q=roaming', { as: 'customer' })).status).toBe(403);
    expect(
      (await h.json('GET', `/api/kb/articles/${ids['retention-script']}`, { as: 'customer' }))
        .status,
    ).toBe(403);
    // Agents see internal articles.
    const desk = await h.json('GET', '/api/kb/search?q=retention', { as: 'agent' });
    expect(desk.body.items.map((i: { slug: string }) => i.slug)).toEqual(['retention-script']);
    const read = await h.json('GET', `/api/kb/articles/${ids['retention-script']}`, {
      as: 'agent',
    });
    expect(read.body).toMatchObject({ working: null, live: { audience: 'internal' } });
  });

  it('suggests articles for a roaming case and counts their use', T, async () => {
    const c = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: {
        type: 'consultation',
        title: '客户下周去日本，咨询漫游怎么收费',
        customerId: h.customerId,
      },
    });
    expect(c.status).toBe(201);
    const s = await h.json('GET', `/api/kb/suggestions?caseId=${c.body.id}`, { as: 'agent' });
    expect(s.body.items[0]).toMatchObject({ slug: 'roaming-japan' });
    // Another team's agent cannot read the case, so gets no suggestions for it either.
    expect(
      (await h.json('GET', `/api/kb/suggestions?caseId=${c.body.id}`, { as: 'agent2' })).status,
    ).toBe(404);
    const used = await h.json('POST', `/api/kb/articles/${ids['roaming-japan']}/used`, {
      as: 'agent',
      body: { caseId: c.body.id },
    });
    expect(used.status).toBe(200);
    await h.json('POST', `/api/kb/articles/${ids['roaming-japan']}/feedback`, {
      as: 'agent',
      body: { caseId: c.body.id, helpful: true },
    });
    const stats = await h.json('GET', '/api/kb/stats', { as: 'supervisor' });
    expect(stats.body.mostUsed).toEqual([
      { articleId: ids['roaming-japan'], slug: 'roaming-japan', title: '日本国际漫游资费', n: 1 },
    ]);
    expect(stats.body.feedback).toContainEqual(
      expect.objectContaining({ slug: 'roaming-japan', source: 'desk', helpful: 1, notHelpful: 0 }),
    );
  });

  it('suggests articles for a contact from its IVR choice', T, async () => {
    const k = await h.json('POST', '/api/contacts', {
      as: 'agent',
      body: {
        channel: 'voice',
        direction: 'inbound',
        from: '13900139000',
        to: '10086',
        ivrData: { menu: '国际漫游', destination: '日本' },
      },
    });
    expect(k.status, JSON.stringify(k.body)).toBe(201);
    const s = await h.json('GET', `/api/kb/suggestions?contactId=${k.body.id}`, { as: 'agent' });
    expect(s.body.items[0]).toMatchObject({ slug: 'roaming-japan' });
    const neither = await h.json('GET', '/api/kb/suggestions', { as: 'agent' });
    expect(neither).toMatchObject({ status: 400, body: { code: 'validation.failed' } });
  });

  it('counts views, empty searches and deflection of portal sessions', T, async () => {
    const read = 'sessionread0001';
    const filed = 'sessionfiled001';
    await h.json('GET', `/api/kb/public/articles/roaming-japan?session=${read}`, { as: null });
    await h.json('GET', `/api/kb/public/articles/roaming-japan-en?session=${filed}`, { as: null });
    await h.json('POST', '/api/kb/public/contact', { as: null, body: { session: filed } });
    for (const q of ['量子传输', '  ', ' 量子传输 '])
      await h.json('GET', `/api/kb/public/search?q=${encodeURIComponent(q)}&session=${read}`, {
        as: null,
      });
    await h.json('POST', '/api/kb/public/articles/roaming-japan/feedback', {
      as: null,
      body: { helpful: false, session: read },
    });
    const early = await h.json('GET', '/api/kb/stats', { as: 'supervisor' });
    // The reading session's 30 minutes are not over; the one that filed is settled.
    expect(early.body.deflection).toEqual({ sessions: 1, deflected: 0, rate: 0 });
    h.clock.advance(31 * 60_000);
    const s = await h.json('GET', '/api/kb/stats', { as: 'supervisor' });
    expect(s.body.deflection).toEqual({ sessions: 2, deflected: 1, rate: 0.5 });
    // Blank searches are not questions; the same words with spaces around count together.
    expect(s.body.emptySearches).toEqual([{ query: '量子传输', n: 2 }]);
    expect(s.body.mostViewed.map((r: { slug: string }) => r.slug)).toEqual(
      expect.arrayContaining(['roaming-japan', 'roaming-japan-en']),
    );
    expect(s.body.feedback).toContainEqual(
      expect.objectContaining({
        slug: 'roaming-japan',
        source: 'portal',
        helpful: 0,
        notHelpful: 1,
      }),
    );
    const bad = await h.json('POST', '/api/kb/public/contact', {
      as: null,
      body: { session: '<x>' },
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 'validation.failed' } });
  });

  it('exports Markdown files and imports them back', T, async () => {
    const ex = await h.json('GET', '/api/kb/export', { as: 'supervisor' });
    const en = ex.body.files.find((f: { name: string }) => f.name === 'roaming-japan-en.md');
    expect(en.content).toMatch(
      /^---\nslug: roaming-japan-en\nlang: en\ntitle: Roaming in Japan\ntranslationOf: roaming-japan\ncategory:\n/,
    );
    const again = await h.json('POST', '/api/kb/import', {
      as: 'supervisor',
      body: { files: ex.body.files },
    });
    expect(again.body.items.every((i: { result: string }) => i.result === 'unchanged')).toBe(true);
    const files = [
      {
        name: 'roaming-japan-en.md',
        content: en.content.replace('Day pass 28 yuan.', 'Day pass 25 yuan.'),
      },
      {
        name: 'new.md',
        content:
          '---\nslug: roaming-korea\nlang: zh-CN\ntitle: 韩国漫游\ncategory: Roaming / Asia\ntags: [漫游]\naudience: public\n---\n韩国日套餐25元。\n',
      },
      { name: 'broken.md', content: '---\ntitle: no end\n' },
      { name: 'badlang.md', content: '---\nslug: x-y\nlang: fr\ntitle: t\n---\nbody\n' },
    ];
    const r = await h.json('POST', '/api/kb/import', {
      as: 'supervisor',
      body: { files, submit: true },
    });
    expect(r.body.items).toEqual([
      { name: 'roaming-japan-en.md', slug: 'roaming-japan-en', result: 'updated' },
      { name: 'new.md', slug: 'roaming-korea', result: 'created' },
      expect.objectContaining({ name: 'broken.md', result: 'failed', code: 'kb.invalid_import' }),
      expect.objectContaining({
        name: 'badlang.md',
        slug: 'x-y',
        result: 'failed',
        code: 'kb.invalid_import',
      }),
    ]);
    // Imports go to review; the live copy stays until a reviewer publishes.
    const updated = await h.json('GET', `/api/kb/articles/${ids['roaming-japan-en']}`, {
      as: 'supervisor',
    });
    expect(updated.body).toMatchObject({
      state: 'in_review',
      working: { body: 'Day pass 25 yuan.' },
    });
    expect(updated.body.live.body).toBe('Day pass 28 yuan.');
    const cats = await h.json('GET', '/api/kb/categories', { as: 'agent' });
    expect(cats.body.items.map((c: { name: string }) => c.name).sort()).toEqual([
      'Asia',
      'Roaming',
    ]);
  });

  it('limits anonymous votes and contact reports per address, never reading', T, async () => {
    // 30 reports per address in ten minutes (earlier tests' reports are older than that).
    let accepted = 0;
    let refused: Awaited<ReturnType<Harness['json']>> | null = null;
    for (let i = 0; i < 40 && !refused; i++) {
      const r = await h.json('POST', '/api/kb/public/articles/roaming-japan/feedback', {
        as: null,
        body: { helpful: true, session: 'sessionflood01' },
      });
      if (r.status === 200) accepted++;
      else refused = r;
    }
    expect(accepted).toBe(30);
    expect(refused).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    const contact = await h.json('POST', '/api/kb/public/contact', {
      as: null,
      body: { session: 'sessionflood01' },
    });
    expect(contact.status).toBe(429);
    // Reading goes on.
    expect(
      (await h.json('GET', '/api/kb/public/articles/roaming-japan', { as: null })).status,
    ).toBe(200);
    h.clock.advance(10 * 60_000 + 1);
    const again = await h.json('POST', '/api/kb/public/contact', {
      as: null,
      body: { session: 'sessionflood01' },
    });
    expect(again.status).toBe(200);
  });
});
