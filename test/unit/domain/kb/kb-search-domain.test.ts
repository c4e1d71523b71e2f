/** Tokenizer (CJK bigrams, words), typo distance, ranking, highlighting and deflection. */
import { describe, expect, it } from 'vitest';
import { deflection } from '../../../../src/domain/kb/deflection.ts';
import { snippet, segments, matchSpans } from '../../../../src/domain/kb/kb-highlight.ts';
import { freshness, rankArticles, type KbHit } from '../../../../src/domain/kb/kb-ranking.ts';
import { indexTerms, queryTerms, tokenize } from '../../../../src/domain/kb/kb-tokenizer.ts';
import {
  closeWords,
  editDistance,
  trigrams,
  typoBudget,
} from '../../../../src/domain/kb/term-similarity.ts';

const terms = (s: string) => tokenize(s).map((t) => t.term);

describe('tokenizer', () => {
  it('cuts Chinese runs into overlapping bigrams, with offsets into the text', () => {
    expect(terms('国际漫游')).toEqual(['国际', '际漫', '漫游']);
    const t = tokenize('去日本');
    expect(t.map((x) => [x.term, x.start, x.end])).toEqual([
      ['去日', 0, 2],
      ['日本', 1, 3],
    ]);
  });

  it('keeps a single CJK character as a unigram and splits mixed script', () => {
    expect(terms('5G畅享套餐99元/月')).toEqual(['5g', '畅享', '享套', '套餐', '99', '元', '月']);
  });

  it('lower-cases, folds full-width letters, drops stop words and plural s', () => {
    expect(terms('How do I top up my Ｐｌａｎｓ?')).toEqual(['top', 'up', 'plan']);
    expect(terms('charges countries pass')).toEqual(['charge', 'country', 'pass']);
  });

  it('handles characters outside the basic plane', () => {
    const t = tokenize('𠀀𠀁漫游');
    expect(t[0]).toMatchObject({ term: '𠀀𠀁', start: 0, end: 4 });
    expect(t.at(-1)).toMatchObject({ term: '漫游', start: 4, end: 6 });
  });

  it('indexes term counts per field, tags also in their joined form', () => {
    const idx = indexTerms({ title: 'Roaming roaming', tags: ['e-SIM'], body: '漫游漫游' });
    expect(idx).toContainEqual({ term: 'roaming', kind: 'word', field: 'title', tf: 2 });
    expect(idx).toContainEqual({ term: 'esim', kind: 'word', field: 'tag', tf: 1 });
    expect(idx).toContainEqual({ term: '漫游', kind: 'cjk', field: 'body', tf: 2 });
    expect(idx).toContainEqual({ term: '游漫', kind: 'cjk', field: 'body', tf: 1 });
  });

  it('de-duplicates query terms', () => {
    expect(queryTerms('漫游 漫游 roaming Roaming').map((t) => t.term)).toEqual(['漫游', 'roaming']);
  });
});

describe('typo tolerance', () => {
  it('counts edits with transpositions and stops at the limit', () => {
    expect(editDistance('roaming', 'romaing', 2)).toBe(1);
    expect(editDistance('broadband', 'broadbnd', 2)).toBe(1);
    expect(editDistance('voicemail', 'voicemial', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(3);
  });

  it('allows more edits for longer words and none for short ones', () => {
    expect([3, 4, 7, 8].map(typoBudget)).toEqual([0, 1, 1, 2]);
    expect(closeWords('sim', ['sin', 'sum'])).toEqual([]);
    expect(closeWords('romaing', ['roaming', 'romania', 'room'])).toEqual([
      { term: 'roaming', similarity: 0.6 },
    ]);
  });

  it('pads trigrams so first and last letters count', () => {
    expect(trigrams('5g')).toEqual(['$$5', '$5g', '5g$']);
  });
});

describe('ranking', () => {
  const now = new Date('2026-11-30T00:00:00Z');
  const hit = (
    articleId: string,
    queryTerm: string,
    field: KbHit['field'],
    tf = 1,
    similarity = 1,
  ): KbHit => ({
    articleId,
    queryTerm,
    field,
    tf,
    similarity,
  });
  const base = {
    queryTerms: ['日本', '漫游'],
    docFreq: new Map([
      ['日本', 2],
      ['漫游', 20],
    ]),
    total: 200,
    publishedAt: new Map<string, Date>(),
    now,
    mode: 'query' as const,
  };

  it('prefers the article holding every term over one repeating a common one', () => {
    const r = rankArticles({
      ...base,
      hits: [
        hit('all', '日本', 'body'),
        hit('all', '漫游', 'body'),
        hit('some', '漫游', 'title', 9),
        hit('some', '漫游', 'body', 9),
      ],
    });
    expect(r.map((x) => x.articleId)).toEqual(['all', 'some']);
    expect(r[0]?.matched).toEqual(['日本', '漫游']);
  });

  it('weighs title over tag over body, and exact over typo-close', () => {
    const one = (field: KbHit['field'], sim = 1) =>
      rankArticles({ ...base, queryTerms: ['日本'], hits: [hit('a', '日本', field, 1, sim)] })[0]
        ?.score ?? 0;
    expect(one('title')).toBeGreaterThan(one('tag'));
    expect(one('tag')).toBeGreaterThan(one('body'));
    expect(one('title', 0.6)).toBeLessThan(one('title'));
  });

  it('gives fresher articles a small lift that fades', () => {
    expect(freshness(now, now)).toBeCloseTo(1.2);
    expect(freshness(new Date(now.getTime() - 90 * 86_400_000), now)).toBeCloseTo(1.1);
    const r = rankArticles({
      ...base,
      queryTerms: ['日本'],
      hits: [hit('old', '日本', 'title'), hit('new', '日本', 'title')],
      publishedAt: new Map([
        ['old', new Date('2024-01-01')],
        ['new', now],
      ]),
    });
    expect(r.map((x) => x.articleId)).toEqual(['new', 'old']);
  });
});

describe('highlighting', () => {
  it('marks matched terms as segments, merging overlapping bigrams', () => {
    const text = '前往日本漫游前';
    expect(segments(text, matchSpans(text, new Set(['日本', '本漫', '漫游'])))).toEqual([
      { text: '前往', hit: false },
      { text: '日本漫游', hit: true },
      { text: '前', hit: false },
    ]);
  });

  it('cuts a window around the matches with ellipses, keeping markup as text', () => {
    const text = `${'a '.repeat(200)}<b>roaming</b> in Japan ${'z '.repeat(200)}`;
    const s = snippet(text, new Set(['roaming', 'japan']), 60);
    expect(s[0]).toEqual({ text: '…', hit: false });
    expect(s.at(-1)).toEqual({ text: '…', hit: false });
    expect(s.filter((x) => x.hit).map((x) => x.text)).toEqual(['roaming', 'Japan']);
    expect(s.map((x) => x.text).join('')).toContain('<b>');
  });
});

describe('deflection', () => {
  const t0 = new Date('2026-11-30T02:00:00Z');
  const at = (min: number) => new Date(t0.getTime() + min * 60_000);
  it('counts sessions without a contact within 30 minutes of their first view, once settled', () => {
    const d = deflection(
      [
        { sessionId: 'read-and-left', firstViewAt: t0, contactAt: null },
        { sessionId: 'read-then-filed', firstViewAt: t0, contactAt: at(10) },
        { sessionId: 'filed-much-later', firstViewAt: t0, contactAt: at(45) },
        { sessionId: 'still-open', firstViewAt: at(50), contactAt: null },
        { sessionId: 'open-but-filed', firstViewAt: at(50), contactAt: at(55) },
      ],
      at(60),
    );
    expect(d).toEqual({ sessions: 4, deflected: 2, rate: 0.5 });
    expect(deflection([], t0).rate).toBeNull();
  });
});
