import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  maxExpressionDepth,
  maxExpressionLength,
  validateExpression,
} from '../../../../../src/domain/routing/expression/expression.ts';
import { expectDomainError } from '../../expect-domain-error.ts';

describe('malformed expressions', () => {
  it.each([
    ['(a == b c', 8, "expected ')' at 8"],
    ['a > foo(1)', 4, "unknown function 'foo' at 4"],
    ['a ==', 4, 'unexpected end of expression: expected a value'],
    ['(a or b', 7, "unexpected end of expression: expected ')'"],
    ['a == b)', 6, "unexpected ')' at 6"],
    ['a b', 2, "unexpected 'b' at 2"],
    ['a == == b', 5, 'expected a value at 5'],
    ['and a', 0, 'expected a value at 0'],
    ['1 < x < 5', 6, "cannot chain '<' without parentheses at 6"],
    ['a in b in c', 7, "cannot chain 'in' without parentheses at 7"],
    ['a not b', 6, "expected 'in' after 'not' at 6"],
    ['a = b', 2, "unexpected '=' (use '==') at 2"],
    ['a & b', 2, "unexpected '&' (use '&&' or 'and') at 2"],
    ['a | b', 2, "unexpected '|' (use '||' or 'or') at 2"],
    ['a @ b', 2, "unexpected character '@' at 2"],
    ['a == "x\u0001', 5, 'unterminated string at 5'],
    ['a == #', 5, "unexpected character '#' at 5"],
    ['x == \u0007', 5, 'unexpected character U+0007 at 5'],
    ["name == 'ann", 8, 'unterminated string at 8'],
    ['"a\\qb"', 2, "unknown escape '\\q' at 2"],
    ['"abc\\', 0, 'unterminated string at 0'],
    ['3abc', 0, 'invalid number at 0'],
    ['1.', 0, 'invalid number at 0'],
    ['1.2.3', 0, 'invalid number at 0'],
    ['1e5', 0, 'invalid number at 0'],
    ['a.1', 2, "expected a name after '.' at 2"],
    ['a.', 2, "unexpected end of expression: expected a name after '.'"],
    ['a[0]', 2, "expected a string in '[...]' at 2"],
    ['a["b"', 5, "unexpected end of expression: expected ']'"],
    ['[1, 2', 5, "unexpected end of expression: expected ',' or ']'"],
    ['[1 2]', 3, "expected ',' or ']' at 3"],
    ['[1, ]', 4, 'expected a value at 4'],
    ['len()', 4, 'len() takes one argument at 4'],
    ['lower(a, b)', 7, 'lower() takes one argument at 7'],
    ['has("x")', 4, 'has() takes a path at 4'],
    ['has(a == b)', 4, 'has() takes a path at 4'],
    ['Len(a)', 0, "unknown function 'Len' at 0"],
    ['not', 3, 'unexpected end of expression: expected a value'],
    ['-', 1, 'unexpected end of expression: expected a value'],
    ['()', 1, 'expected a value at 1'],
    ['a ! b', 2, "unexpected '!' at 2"],
  ] as const)('%j fails at %i: %s', (source, position, message) => {
    const e = expectDomainError(() => compileExpression(source), 'routing.invalid_expression', {
      position,
      expression: source,
    });
    expect(e.message).toBe(message);
    expect(validateExpression(source)).toEqual({ ok: false, message, position });
  });

  it.each(['', ' ', '\n\t  \r'])('rejects the empty expression %j', (source) => {
    const e = expectDomainError(() => compileExpression(source), 'routing.invalid_expression', {
      position: 0,
      expression: source,
    });
    expect(e.message).toBe('expression is empty');
  });

  it('validates a good expression', () => {
    expect(validateExpression('skills.billing >= 3 and "zh" in languages')).toEqual({ ok: true });
  });
});

describe('limits', () => {
  it(`accepts ${maxExpressionLength} characters and rejects one more`, () => {
    const clause = 'a == 1 or ';
    const body = clause.repeat((maxExpressionLength - 1) / clause.length);
    const longest = `${body}${'b'.repeat(maxExpressionLength - body.length)}`;
    expect(longest).toHaveLength(maxExpressionLength);
    expect(compileExpression(longest).paths).toEqual([
      'a',
      'b'.repeat(maxExpressionLength - body.length),
    ]);
    const e = expectDomainError(
      () => compileExpression(`${longest} `),
      'routing.invalid_expression',
    );
    expect(e.details?.['position']).toBe(maxExpressionLength);
    expect(e.message).toBe(`expression is longer than ${maxExpressionLength} characters at 2000`);
  });

  it('rejects a huge source at once, echoing only its beginning', () => {
    const e = expectDomainError(
      () => compileExpression('('.repeat(1_000_000)),
      'routing.invalid_expression',
    );
    expect(String(e.details?.['expression'])).toHaveLength(maxExpressionLength);
  });

  const nest = {
    parentheses: (n: number) => `${'('.repeat(n)}1${')'.repeat(n)}`,
    lists: (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`,
    calls: (n: number) => `${'lower('.repeat(n)}"A"${')'.repeat(n)}`,
    'not-prefixes': (n: number) => `${'not '.repeat(n)}a`,
    '!-prefixes': (n: number) => `${'!'.repeat(n)}a`,
    minuses: (n: number) => `${'-'.repeat(n)}1`,
    mixed: (n: number) => {
      let s = '1';
      for (let i = n - 1; i >= 0; i--) s = [`(${s})`, `not ${s}`, `[${s}]`, `-${s}`][i % 4] ?? s;
      return s;
    },
  };

  it.each(Object.entries(nest))(
    `allows ${maxExpressionDepth} levels of %s and rejects ${maxExpressionDepth + 1}`,
    (_kind, build) => {
      expect(() => compileExpression(build(maxExpressionDepth))).not.toThrow();
      const e = expectDomainError(
        () => compileExpression(build(maxExpressionDepth + 1)),
        'routing.invalid_expression',
      );
      expect(e.message).toMatch(/^expression nests deeper than 64 levels at \d+$/);
    },
  );

  it('does not count a long flat chain as nesting', () => {
    const chain = Array.from({ length: 250 }, (_, i) => `a${i}`).join(' && ');
    expect(chain.length).toBeLessThanOrEqual(maxExpressionLength);
    const e = compileExpression(chain);
    expect(e.paths).toHaveLength(250);
  });

  it('reports the position of the level that is too deep', () => {
    const source = `${'('.repeat(maxExpressionDepth + 1)}1${')'.repeat(maxExpressionDepth + 1)}`;
    expectDomainError(() => compileExpression(source), 'routing.invalid_expression', {
      position: maxExpressionDepth,
      expression: source,
    });
  });
});
