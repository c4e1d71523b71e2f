/**
 * The snippet shown under a search result: a window of the article's plain text around the
 * densest run of matches, cut into plain and highlighted segments. Segments are data, not HTML,
 * so every client (React, the portal's plain JS) renders them as text and nothing in an article
 * can inject markup through a snippet.
 */
import { normalizeWord, tokenize } from './kb-tokenizer.ts';

export interface Segment {
  readonly text: string;
  readonly hit: boolean;
}

/** Marked spans of `text` whose terms are in `terms` (normalised as the tokenizer does). */
export function matchSpans(text: string, terms: ReadonlySet<string>): [number, number][] {
  const spans: [number, number][] = [];
  for (const t of tokenize(text)) {
    if (!terms.has(t.term)) continue;
    const last = spans.at(-1);
    if (last && t.start <= last[1]) last[1] = Math.max(last[1], t.end);
    else spans.push([t.start, t.end]);
  }
  return spans;
}

/** Cuts `text` into segments with the spans marked. */
export function segments(text: string, spans: readonly [number, number][]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of spans) {
    if (s > at) out.push({ text: text.slice(at, s), hit: false });
    out.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/**
 * A snippet of about `width` characters of `text` around the window holding the most matches
 * (the start of the text when nothing matches), with ellipses where it was cut.
 */
export function snippet(text: string, terms: ReadonlySet<string>, width = 120): Segment[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const spans = matchSpans(flat, terms);
  let from = 0;
  let best = -1;
  for (let i = 0; i < spans.length; i++) {
    const start = (spans[i] as [number, number])[0];
    let n = 0;
    for (let j = i; j < spans.length && (spans[j] as [number, number])[1] - start <= width; j++)
      n++;
    if (n > best) {
      best = n;
      from = Math.max(0, start - Math.floor(width / 4));
    }
  }
  // Do not start or end inside a surrogate pair.
  if (from > 0 && /[\uDC00-\uDFFF]/.test(flat[from] ?? '')) from--;
  let to = Math.min(flat.length, from + width);
  if (to < flat.length && /[\uDC00-\uDFFF]/.test(flat[to] ?? '')) to++;
  const inWindow = spans
    .filter(([s, e]) => e > from && s < to)
    .map(([s, e]): [number, number] => [Math.max(s, from) - from, Math.min(e, to) - from]);
  const segs = segments(flat.slice(from, to), inWindow);
  const out: Segment[] = [];
  if (from > 0) out.push({ text: '…', hit: false });
  out.push(...segs);
  if (to < flat.length) out.push({ text: '…', hit: false });
  return out;
}

/** The terms to mark for a query: its own terms plus the typo-close words it was matched by. */
export function highlightTerms(
  queryTerms: readonly string[],
  alsoWords: readonly string[],
): Set<string> {
  return new Set([...queryTerms, ...alsoWords.map(normalizeWord)]);
}
