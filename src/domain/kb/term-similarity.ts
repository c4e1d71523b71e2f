/**
 * Typo tolerance for words: an English query word is compared with the words of the index that
 * share enough character trigrams with it (the store finds those through its trigram table, so
 * the comparison never scans the whole vocabulary), and kept when its edit distance is within a
 * budget that grows with the word's length. CJK terms are never fuzzed: a changed character is
 * a different word.
 */

/** Character trigrams of a word, padded so the first and last letters count ("$$r", "ng$"). */
export function trigrams(word: string): string[] {
  const chars = Array.from(`$$${word}$`);
  const out = new Set<string>();
  for (let i = 0; i + 2 < chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return [...out];
}

/** Edits a word of this length may be away and still count: 0 below 4 letters, 1 to 7, then 2. */
export function typoBudget(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, the commonest
 * typing slip), giving up early: returns `limit + 1` as soon as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return Math.min(prev[y.length] as number, limit + 1);
}

/** How much a fuzzy match counts against an exact one (1 exact, less per edit). */
export function similarity(distance: number): number {
  return distance === 0 ? 1 : distance === 1 ? 0.6 : 0.35;
}

/** The index words within the typo budget of `word`, with their similarity, best first. */
export function closeWords(
  word: string,
  candidates: readonly string[],
): { term: string; similarity: number }[] {
  const budget = typoBudget(Array.from(word).length);
  const out: { term: string; similarity: number }[] = [];
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(word, c, budget);
    if (d <= budget) out.push({ term: c, similarity: similarity(d) });
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.term.localeCompare(b.term));
}
