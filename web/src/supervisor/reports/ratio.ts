/** A 0–1 ratio as a percentage; no value (denominator 0) shows as a dash, never 0 %. */
export const ratioText = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
