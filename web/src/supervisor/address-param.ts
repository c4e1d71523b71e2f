/**
 * Query parameters of the supervisor page's address (`?tab=campaigns&campaign=…`), so a tab or
 * an open campaign can be bookmarked or sent to a colleague; written with replaceState, so
 * switching tabs does not fill the browser's history.
 */
export function readParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** Sets (or with null removes) parameters, keeping the others. */
export function writeParams(patch: Record<string, string | null>): void {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  history.replaceState(null, '', `${location.pathname}${s ? `?${s}` : ''}${location.hash}`);
}
