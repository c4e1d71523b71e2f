/**
 * Search terms for the knowledge base, the same for indexing and for queries.
 *
 * Chinese (and Japanese, Korean) is written without spaces, so words cannot be found by
 * splitting. We index overlapping character bigrams of each CJK run ("国际漫游" → 国际 际漫 漫游):
 * a query's bigrams must all occur in a matching article, which finds any word of two or more
 * characters without a dictionary; a segmenter (jieba and friends) would need a 20 MB dictionary
 * that goes stale with every new tariff name, and would miss words it splits differently in the
 * query and the article. A single-character run becomes one unigram term.
 *
 * Other letters and digits form words: NFKC-normalised (full-width Ａ１ → a1), lower-cased, a
 * short list of English stop words dropped, and a plural `s` taken off so "plans" finds "plan".
 * Each term keeps its offsets in the original text for highlighting.
 */

export interface Token {
  readonly term: string;
  readonly kind: 'cjk' | 'word';
  /** UTF-16 offsets in the original text. */
  readonly start: number;
  readonly end: number;
}

const cjk = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const tokenPattern = new RegExp(`([${cjk}]+)|((?:(?![${cjk}])[\\p{L}\\p{N}])+)`, 'gu');

const stopWords = new Set(
  (
    'a an and are as at be by can do does for from has have how i if in into is it its me my of ' +
    'on or our so than that the their then there this to was we what when where which who why ' +
    'will with you your'
  ).split(' '),
);

/** Lower-cased, NFKC, plural s removed ("plans" → "plan", "charges" → "charge", "ies" → "y"). */
export function normalizeWord(raw: string): string {
  const w = raw.normalize('NFKC').toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us'))
    return w.slice(0, -1);
  return w;
}

/** Every term of `text` in order, with its offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(tokenPattern)) {
    const at = m.index;
    if (m[1] !== undefined) {
      const chars = Array.from(m[1]);
      const offsets: number[] = [];
      let o = at;
      for (const c of chars) {
        offsets.push(o);
        o += c.length;
      }
      offsets.push(o);
      if (chars.length === 1)
        out.push({ term: chars[0] as string, kind: 'cjk', start: at, end: o });
      for (let i = 0; i + 1 < chars.length; i++)
        out.push({
          term: `${chars[i] as string}${chars[i + 1] as string}`,
          kind: 'cjk',
          start: offsets[i] as number,
          end: offsets[i + 2] as number,
        });
    } else if (m[2] !== undefined) {
      const term = normalizeWord(m[2]);
      // One letter says nothing; a lone digit might ("5" in "5G" is split off only by NFKC junk).
      if (stopWords.has(term) || (term.length < 2 && !/\d/.test(term))) continue;
      out.push({ term, kind: 'word', start: at, end: at + m[2].length });
    }
  }
  return out;
}

/** The distinct terms of a query, in first-seen order. */
export function queryTerms(q: string): Token[] {
  const seen = new Set<string>();
  return tokenize(q).filter((t) => !seen.has(t.term) && seen.add(t.term));
}

export const kbFields = ['title', 'tag', 'body'] as const;
export type KbField = (typeof kbFields)[number];

export interface IndexedTerm {
  readonly term: string;
  readonly kind: Token['kind'];
  readonly field: KbField;
  /** How often the term occurs in the field. */
  readonly tf: number;
}

/** What the index holds for one article: term counts per field. */
export function indexTerms(doc: {
  title: string;
  tags: readonly string[];
  body: string;
}): IndexedTerm[] {
  const out: IndexedTerm[] = [];
  const add = (field: KbField, text: string) => {
    const counts = new Map<string, { kind: Token['kind']; tf: number }>();
    for (const t of tokenize(text)) {
      const c = counts.get(t.term);
      if (c) c.tf++;
      else counts.set(t.term, { kind: t.kind, tf: 1 });
    }
    for (const [term, c] of counts) out.push({ term, field, ...c });
  };
  add('title', doc.title);
  // Tags are whole words to their authors; each is also indexed as its own joined form, so the
  // tag "e-SIM" matches the query "esim" as well as "e sim".
  add(
    'tag',
    doc.tags
      .flatMap((t) => {
        const joined = t.replace(/[\s\-_.]+/g, '');
        return joined === t ? [t] : [t, joined];
      })
      .join(' '),
  );
  add('body', doc.body);
  return out;
}
