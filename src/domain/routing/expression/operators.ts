/**
 * What the operators of routing expressions mean. Every operator is total: a value of the wrong
 * type (a missing attribute is `null`) makes a comparison false, never an error.
 */
import { hasKey, isList, isObjectValue, valueEquals, type Value } from './value.ts';

export const comparisonOperators = ['==', '!=', '<', '<=', '>', '>='] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

export const membershipOperators = ['in', 'not in', 'contains'] as const;
export type MembershipOperator = (typeof membershipOperators)[number];

type Binary = (a: Value, b: Value) => boolean;

/** Ordering holds only between two numbers or two strings (UTF-16 code unit order). */
function ordered(holds: (a: number | string, b: number | string) => boolean): Binary {
  return (a, b) =>
    (typeof a === 'number' && typeof b === 'number') ||
    (typeof a === 'string' && typeof b === 'string')
      ? holds(a, b)
      : false;
}

export const comparisons: Readonly<Record<ComparisonOperator, Binary>> = {
  '==': valueEquals,
  '!=': (a, b) => !valueEquals(a, b),
  '<': ordered((a, b) => a < b),
  '<=': ordered((a, b) => a <= b),
  '>': ordered((a, b) => a > b),
  '>=': ordered((a, b) => a >= b),
};

function listHas(list: readonly Value[], item: Value): boolean {
  for (const x of list) if (valueEquals(x, item)) return true;
  return false;
}

/**
 * `item in container`: membership of a list, substring of a string, own key of an object;
 * false for anything else.
 */
export function isIn(item: Value, container: Value): boolean {
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (isList(container)) return listHas(container, item);
  if (isObjectValue(container)) return typeof item === 'string' && hasKey(container, item);
  return false;
}

/** `container contains item`: substring of a string or member of a list; false otherwise. */
export function contains(container: Value, item: Value): boolean {
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (isList(container)) return listHas(container, item);
  return false;
}

export const memberships: Readonly<Record<MembershipOperator, Binary>> = {
  in: isIn,
  'not in': (a, b) => !isIn(a, b),
  contains,
};

/** Unary minus: numbers only; anything else gives `null`. */
export const negate = (v: Value): Value => (typeof v === 'number' ? -v : null);
