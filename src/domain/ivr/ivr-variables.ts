/**
 * IVR variables: the string values a call gathers (`caller`, `language`, what the caller keyed
 * in, what a lookup answered as `balance.amount` …). They travel to the router task as `ivr.*`
 * attributes and to the agent's screen pop, so they are bounded like a contact's IVR data.
 *
 * Names are dotted identifiers (`balance.amount`); the first segment may be neither an
 * expression keyword nor `num`, and no segment may be `__proto__`, `constructor` or `prototype`.
 *
 * In conditions (routing expressions) the variables appear as a tree of strings, so
 * `balance.amount` is a path, and under `num` as numbers wherever the value is a decimal number
 * (`num.balance.amount < 10`), because comparing strings is not comparing amounts. When a name is
 * both a value and a prefix (`balance` and `balance.amount`), the shorter one wins in conditions.
 */

export const maxVariableNameLength = 60;
/** Longer values are cut to this length when set. */
export const maxVariableValueLength = 1024;
/** At most this many variables: setting one more is ignored (a contact keeps 64 IVR data keys). */
export const maxVariables = 60;

/** Variables a runner usually gives a new session. */
export const wellKnownVariables = ['caller', 'called', 'language'] as const;

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const reservedRoots = new Set([
  'num',
  'and',
  'or',
  'not',
  'in',
  'contains',
  'true',
  'false',
  'null',
]);
const blockedSegments = new Set(['__proto__', 'constructor', 'prototype']);

export function isVariableName(s: unknown): s is string {
  if (typeof s !== 'string' || s.length > maxVariableNameLength || !namePattern.test(s))
    return false;
  const segments = s.split('.');
  return (
    !reservedRoots.has((segments[0] ?? '').toLowerCase()) &&
    segments.every((seg) => !blockedSegments.has(seg))
  );
}

/** `variables` with `name` set to `value` (cut to the maximum length); bad names are ignored. */
export function withVariable(
  variables: Readonly<Record<string, string>>,
  name: string,
  value: string,
): Readonly<Record<string, string>> {
  if (!isVariableName(name)) return variables;
  const exists = Object.prototype.hasOwnProperty.call(variables, name);
  if (!exists && Object.keys(variables).length >= maxVariables) return variables;
  return { ...variables, [name]: value.slice(0, maxVariableValueLength) };
}

const decimalNumber = /^-?\d+(\.\d+)?$/;

type Tree = { [k: string]: string | number | Tree };

/** The context conditions are evaluated in: the variables as a tree, plus `num` (see above). */
export function expressionContext(variables: Readonly<Record<string, string>>): object {
  const strings: Tree = Object.create(null) as Tree;
  const numbers: Tree = Object.create(null) as Tree;
  const names = Object.keys(variables)
    .filter(isVariableName)
    .sort((a, b) => a.length - b.length);
  for (const name of names) {
    const value = variables[name] as string;
    place(strings, name, value);
    if (decimalNumber.test(value)) place(numbers, name, Number(value));
  }
  strings['num'] = numbers;
  return strings;
}

function place(tree: Tree, name: string, value: string | number): void {
  const segments = name.split('.');
  let node = tree;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i] as string;
    const next = node[seg];
    if (next === undefined) {
      const child = Object.create(null) as Tree;
      node[seg] = child;
      node = child;
    } else if (typeof next === 'object') node = next;
    else return; // a shorter name holds a value here: it wins
  }
  const last = segments[segments.length - 1] as string;
  if (node[last] === undefined) node[last] = value;
}
