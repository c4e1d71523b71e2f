/**
 * The values routing expressions compute with: JSON's, where a missing attribute is `null`.
 *
 * Contexts (agent or task attributes) are walked through own properties only, so an expression
 * can never reach `Object.prototype` or a constructor: `constructor`, `__proto__` and
 * `prototype` always resolve to `null`, even when an object (parsed JSON, say) owns such a key.
 */
export type Value =
  null | boolean | number | string | readonly Value[] | { readonly [k: string]: Value };

export type ValueObject = { readonly [k: string]: Value };

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** Keys that never resolve, whether or not an object owns them. */
export const blockedKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const isList = (v: unknown): v is readonly Value[] => Array.isArray(v);

/** A map of attributes: any object that is not a list. */
export const isObjectValue = (v: unknown): v is ValueObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when `v` is an object that owns `key` (blocked keys excepted). */
export function hasKey(v: unknown, key: string): boolean {
  return isObjectValue(v) && !blockedKeys.has(key) && hasOwnProperty.call(v, key);
}

/**
 * One step of a path: the own property `key` of `v`, or `null` when `v` is not an object or does
 * not own it. The caller has already ruled out blocked keys (paths are checked when compiled).
 */
export function readKey(v: unknown, key: string): Value {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !hasOwnProperty.call(v, key))
    return null;
  return toValue((v as Readonly<Record<string, unknown>>)[key]);
}

/** Whatever JavaScript put in a context, as a Value: `undefined`, functions and the like → null. */
export function toValue(v: unknown): Value {
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    case 'object':
      return v as Value;
    default:
      return null;
  }
}

/** `null`, `false`, `0` (and NaN), `""` and `[]` are falsy; everything else is truthy. */
export function isTruthy(v: Value): boolean {
  if (typeof v === 'object') return v !== null && (!isList(v) || v.length > 0);
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return v !== false && v !== '';
}

/**
 * Strict equality for primitives and objects, element-wise for lists. Iterative, so a deeply
 * nested list in a context cannot exhaust the stack. Contexts are trees: two distinct lists that
 * contain themselves would never finish comparing.
 */
export function valueEquals(a: Value, b: Value): boolean {
  const pending: Value[] = [a, b];
  while (pending.length > 0) {
    const y = pending.pop() as Value;
    const x = pending.pop() as Value;
    if (x === y) continue;
    if (!isList(x) || !isList(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) pending.push(x[i] as Value, y[i] as Value);
  }
  return true;
}
