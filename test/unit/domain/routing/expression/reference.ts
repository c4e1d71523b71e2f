/**
 * For the property tests: random well-formed expressions as trees, a printer that turns them into
 * source (with random keyword spellings, quotes and redundant parentheses), and a reference
 * evaluator written straight from the language's description, independent of the compiler.
 */
import fc from 'fast-check';

type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';
type Membership = 'in' | 'not in' | 'contains';

export type Ref =
  | { k: 'lit'; v: null | boolean | number | string; quote: '"' | "'" }
  | { k: 'list'; items: Ref[] }
  | { k: 'path'; segs: string[]; brackets: boolean[] }
  | { k: 'has'; path: Ref & { k: 'path' } }
  | { k: 'fn'; fn: 'len' | 'lower' | 'upper'; arg: Ref }
  | { k: 'not'; x: Ref; spelling: string }
  | { k: 'neg'; x: Ref }
  | { k: 'and' | 'or'; a: Ref; b: Ref; spelling: string }
  | { k: 'cmp'; op: Comparison; a: Ref; b: Ref }
  | { k: 'mem'; op: Membership; a: Ref; b: Ref; spelling: string }
  | { k: 'paren'; x: Ref };

/** First path segments: names that are not keywords (some of them prototype traps). */
export const rootNames = ['a', 'b', 'skills', 'tags', 'x_1', 'len', 'constructor', '__proto__'];
/** Later segments may be anything: keywords after a dot, or any string in brackets. */
export const keyNames = [...rootNames, 'level', 'in', 'AND', 'customer-care', 'toString', ''];
export const stringPool = ['', 'a', 'A', 'ab', 'zh', 'x"y', "it's", 'back\\slash', 'line\nbreak'];

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

const literal: fc.Arbitrary<Ref> = fc.record({
  k: fc.constant('lit' as const),
  v: fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: 0, max: 5 }),
    fc.constantFrom(0.5, 2.25, 10.75),
    fc.constantFrom(...stringPool),
    fc.string({ maxLength: 4 }),
  ),
  quote: fc.constantFrom('"' as const, "'" as const),
});

const path = fc
  .tuple(
    fc.constantFrom(...rootNames),
    fc.array(fc.tuple(fc.constantFrom(...keyNames), fc.boolean()), { maxLength: 2 }),
  )
  .map(([root, rest]) => ({
    k: 'path' as const,
    segs: [root, ...rest.map(([s]) => s)],
    brackets: [false, ...rest.map(([s, b]) => b || !identifier.test(s))],
  }));

export const refExpr: fc.Arbitrary<Ref> = fc.letrec<{ e: Ref }>((tie) => {
  const e = tie('e');
  return {
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      literal,
      path,
      fc.record({ k: fc.constant('list' as const), items: fc.array(e, { maxLength: 3 }) }),
      fc.record({ k: fc.constant('has' as const), path }),
      fc.record({
        k: fc.constant('fn' as const),
        fn: fc.constantFrom('len', 'lower', 'upper'),
        arg: e,
      }),
      fc.record({
        k: fc.constant('not' as const),
        x: e,
        spelling: fc.constantFrom('not', 'NOT', '!'),
      }),
      fc.record({ k: fc.constant('neg' as const), x: e }),
      fc.record({
        k: fc.constant('and' as const),
        a: e,
        b: e,
        spelling: fc.constantFrom('and', 'AND', '&&', 'And'),
      }),
      fc.record({
        k: fc.constant('or' as const),
        a: e,
        b: e,
        spelling: fc.constantFrom('or', 'OR', '||'),
      }),
      fc.record({
        k: fc.constant('cmp' as const),
        op: fc.constantFrom<Comparison>('==', '!=', '<', '<=', '>', '>='),
        a: e,
        b: e,
      }),
      fc.record({
        k: fc.constant('mem' as const),
        op: fc.constantFrom<Membership>('in', 'not in', 'contains'),
        a: e,
        b: e,
        spelling: fc.constantFrom('', 'upper'),
      }),
      fc.record({ k: fc.constant('paren' as const), x: e }),
    ),
  };
}).e;

// ---- printer ----------------------------------------------------------------------------------

/** Binding strength: or 1, and 2, not 3, comparison 4, membership 5, minus 6, primary 7. */
function strength(r: Ref): number {
  switch (r.k) {
    case 'or':
      return 1;
    case 'and':
      return 2;
    case 'not':
      return 3;
    case 'cmp':
      return 4;
    case 'mem':
      return 5;
    case 'neg':
      return 6;
    default:
      return 7;
  }
}

function quote(s: string, q: '"' | "'"): string {
  let out = q;
  for (const c of s) {
    if (c === q || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else out += c;
  }
  return out + q;
}

/** `r` as source; wrapped in parentheses when it binds less tightly than `min`. */
export function print(r: Ref, min = 0): string {
  const text = printBare(r);
  return strength(r) < min ? `(${text})` : text;
}

function printBare(r: Ref): string {
  switch (r.k) {
    case 'lit':
      if (r.v === null) return 'null';
      if (typeof r.v === 'string') return quote(r.v, r.quote);
      return String(r.v);
    case 'list':
      return `[${r.items.map((i) => print(i)).join(', ')}]`;
    case 'path':
      return r.segs
        .map((s, i) => (i === 0 ? s : r.brackets[i] ? `[${quote(s, '"')}]` : `.${s}`))
        .join('');
    case 'has':
      return `has(${print(r.path)})`;
    case 'fn':
      return `${r.fn}(${print(r.arg)})`;
    case 'not':
      return `${r.spelling} ${print(r.x, 3)}`;
    case 'neg':
      return `-${print(r.x, 6)}`;
    case 'and':
      return `${print(r.a, 2)} ${r.spelling} ${print(r.b, 3)}`;
    case 'or':
      return `${print(r.a, 1)} ${r.spelling} ${print(r.b, 2)}`;
    case 'cmp':
      return `${print(r.a, 5)} ${r.op} ${print(r.b, 5)}`;
    case 'mem': {
      const op = r.spelling === 'upper' ? r.op.toUpperCase() : r.op;
      return `${print(r.a, 6)} ${op} ${print(r.b, 6)}`;
    }
    case 'paren':
      return `(${print(r.x)})`;
  }
}

// ---- reference evaluator ----------------------------------------------------------------------

const blocked = ['constructor', '__proto__', 'prototype'];

function lookup(ctx: unknown, segs: readonly string[]): unknown {
  let cur: unknown = ctx;
  for (const s of segs) {
    if (blocked.includes(s)) return null;
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return null;
    if (!Object.prototype.hasOwnProperty.call(cur, s)) return null;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur === undefined ? null : cur;
}

function truthy(v: unknown): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return a === b;
}

function member(item: unknown, container: unknown): boolean {
  if (Array.isArray(container)) return container.some((x) => same(x, item));
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (typeof container === 'object' && container !== null)
    return (
      typeof item === 'string' &&
      !blocked.includes(item) &&
      Object.prototype.hasOwnProperty.call(container, item)
    );
  return false;
}

function compare(op: Comparison, a: unknown, b: unknown): boolean {
  if (op === '==') return same(a, b);
  if (op === '!=') return !same(a, b);
  const numbers = typeof a === 'number' && typeof b === 'number';
  const strings = typeof a === 'string' && typeof b === 'string';
  if (!numbers && !strings) return false;
  const [x, y] = [a as number, b as number];
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

export function referenceEvaluate(r: Ref, ctx: unknown): unknown {
  switch (r.k) {
    case 'lit':
      return r.v;
    case 'list':
      return r.items.map((i) => referenceEvaluate(i, ctx));
    case 'path':
      return lookup(ctx, r.segs);
    case 'has':
      return lookup(ctx, r.path.segs) !== null;
    case 'fn': {
      const v = referenceEvaluate(r.arg, ctx);
      if (r.fn === 'len') return typeof v === 'string' || Array.isArray(v) ? v.length : null;
      if (typeof v !== 'string') return null;
      return r.fn === 'lower' ? v.toLowerCase() : v.toUpperCase();
    }
    case 'not':
      return !truthy(referenceEvaluate(r.x, ctx));
    case 'neg': {
      const v = referenceEvaluate(r.x, ctx);
      return typeof v === 'number' ? -v : null;
    }
    case 'and':
      return truthy(referenceEvaluate(r.a, ctx)) && truthy(referenceEvaluate(r.b, ctx));
    case 'or':
      return truthy(referenceEvaluate(r.a, ctx)) || truthy(referenceEvaluate(r.b, ctx));
    case 'cmp':
      return compare(r.op, referenceEvaluate(r.a, ctx), referenceEvaluate(r.b, ctx));
    case 'mem': {
      const a = referenceEvaluate(r.a, ctx);
      const b = referenceEvaluate(r.b, ctx);
      if (r.op === 'in') return member(a, b);
      if (r.op === 'not in') return !member(a, b);
      return typeof a === 'string' || Array.isArray(a) ? member(b, a) : false;
    }
    case 'paren':
      return referenceEvaluate(r.x, ctx);
  }
}

/** Attribute maps whose keys are the ones expressions read, so paths often hit. */
export const refContext: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{
  v: unknown;
  o: Record<string, unknown>;
}>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -2, max: 5 }),
    fc.constantFrom(0.5, 2.25),
    fc.constantFrom(...stringPool),
    fc.array(tie('v'), { maxLength: 3 }),
    tie('o'),
  ),
  o: fc.dictionary(fc.constantFrom(...keyNames), tie('v'), { maxKeys: 5 }),
})).o;
