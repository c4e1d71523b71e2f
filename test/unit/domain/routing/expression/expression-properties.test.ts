import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compileExpression,
  evaluate,
  test as passes,
  validateExpression,
  type CompiledExpression,
} from '../../../../../src/domain/routing/expression/expression.ts';
import { DomainError } from '../../../../../src/domain/errors.ts';
import {
  print,
  refContext,
  referenceEvaluate,
  refExpr,
  rootNames,
  stringPool,
} from './reference.ts';

/** The language's own vocabulary, so that random sequences of it often parse. */
const vocabulary = [
  ...rootNames,
  'skills.billing',
  'a.b',
  '["k"]',
  '.',
  '[',
  ']',
  '(',
  ')',
  ',',
  '-',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'OR',
  'not',
  'NOT IN',
  'in',
  'contains',
  '&&',
  '||',
  '!',
  'true',
  'False',
  'null',
  '0',
  '3',
  '2.5',
  '"zh"',
  "'it\\'s'",
  '"',
  "'",
  '\\',
  'has(',
  'len(',
  'lower(',
  'upper(',
  'foo(',
  '=',
  '&',
  '|',
  '1.',
  '3x',
  '"\\q"',
  '@',
  '中',
  ' ',
];

const tokenSoup = fc
  .array(fc.constantFrom(...vocabulary), { maxLength: 24 })
  .chain((parts) => fc.constantFrom(' ', '').map((glue) => parts.join(glue)));

const anySource = fc.oneof(
  { weight: 4, arbitrary: tokenSoup },
  { weight: 2, arbitrary: refExpr.map((r) => print(r)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom(...'()[]"\'\\.,!=<>-&| aZ0_'), maxLength: 60 }),
  },
);

describe('compileExpression on any input', () => {
  it('either compiles or throws routing.invalid_expression, never anything else', () => {
    let compiled = 0;
    fc.assert(
      fc.property(anySource, (source) => {
        let expression: CompiledExpression;
        try {
          expression = compileExpression(source);
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError);
          const error = e as DomainError;
          expect(error.code).toBe('routing.invalid_expression');
          const position = error.details?.['position'];
          expect(typeof position).toBe('number');
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(source.length);
          expect(validateExpression(source)).toEqual({
            ok: false,
            message: error.message,
            position,
          });
          return;
        }
        compiled++;
        expect(expression.source).toBe(source);
        expect(validateExpression(source)).toEqual({ ok: true });
      }),
      { numRuns: 20_000 },
    );
    // The generators are meant to reach the evaluator too, not only the error paths.
    expect(compiled).toBeGreaterThan(2_000);
  });
});

describe('compiled expressions against a reference evaluator', () => {
  it('agree on the value of any well-formed expression over any context', () => {
    fc.assert(
      fc.property(refExpr, fc.array(refContext, { minLength: 1, maxLength: 4 }), (r, contexts) => {
        const source = print(r);
        const expression = compileExpression(source);
        for (const ctx of contexts) {
          const expected = referenceEvaluate(r, ctx);
          expect(evaluate(expression, ctx), source).toEqual(expected);
          expect(passes(expression, ctx), source).toBe(
            expected !== null &&
              expected !== false &&
              expected !== 0 &&
              expected !== '' &&
              !(Array.isArray(expected) && expected.length === 0),
          );
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('gives the same value however often it is evaluated (folded constants are not shared mutably)', () => {
    fc.assert(
      fc.property(refExpr, refContext, (r, ctx) => {
        const expression = compileExpression(print(r));
        const first = evaluate(expression, ctx);
        expect(evaluate(expression, ctx)).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });
});

describe('evaluate on hostile contexts', () => {
  const fixed = [
    'skills.billing >= 3 and "zh" in languages',
    'channel == "voice" and (customer.level in ["gold", "vip"] or priority > 5)',
    'a == b and a != [a, b] and a < b or a in b or a contains b or a not in b',
    'len(a) > len(b) or lower(a) == upper(b) or has(a.b.c) or -a < -b',
    'constructor or __proto__.x or toString or a["__proto__"] or a.constructor.name',
    'not a and not b and [a, [b, a]] == [b, [a, b]]',
  ].map(compileExpression);
  const expressions = fc.oneof(
    fc.constantFrom(...fixed),
    refExpr.map((r) => compileExpression(print(r))),
  );

  it.each([
    ['fc.jsonValue()', fc.jsonValue()],
    [
      'a map of fc.jsonValue()',
      fc.dictionary(fc.constantFrom('a', 'b', ...rootNames), fc.jsonValue()),
    ],
    [
      'fc.anything() (maps, dates, sparse arrays, null prototypes, boxed values)',
      fc.anything({
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withSparseArray: true,
        withTypedArray: true,
        key: fc.constantFrom('a', 'b', 'x', ...rootNames, ...stringPool),
      }),
    ],
  ])('never throws for a context built by %s', (_name, context) => {
    fc.assert(
      fc.property(expressions, context, (expression, ctx) => {
        const value = evaluate(expression, ctx as object);
        expect(typeof passes(expression, ctx as object)).toBe('boolean');
        expect(value === undefined).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
});
