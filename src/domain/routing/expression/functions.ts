/**
 * The fixed whitelist of functions a routing expression may call. Each takes one argument and,
 * like the operators, answers `null` rather than failing on a value of the wrong type.
 */
import { isList, type Value } from './value.ts';

export const functionNames = ['has', 'len', 'lower', 'upper'] as const;
export type FunctionName = (typeof functionNames)[number];

export const isFunctionName = (s: string): s is FunctionName =>
  (functionNames as readonly string[]).includes(s);

/**
 * The functions of a value. `has(path)` is not among them: it reads a path, not a value, and is
 * true when the path resolves to something other than `null`.
 */
export const valueFunctions: Readonly<Record<Exclude<FunctionName, 'has'>, (v: Value) => Value>> = {
  /** Length of a string (UTF-16 code units) or a list. */
  len: (v) => (typeof v === 'string' || isList(v) ? v.length : null),
  lower: (v) => (typeof v === 'string' ? v.toLowerCase() : null),
  upper: (v) => (typeof v === 'string' ? v.toUpperCase() : null),
};
