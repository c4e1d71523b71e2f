/** Dates become ISO strings on the wire; the contracts describe them as such. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonify<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Jsonify<T[K]> }
      : T;

export function jsonify<T>(v: T): Jsonify<T> {
  return convert(v) as Jsonify<T>;
}

function convert(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(convert);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = convert(x);
    return out;
  }
  return v;
}
