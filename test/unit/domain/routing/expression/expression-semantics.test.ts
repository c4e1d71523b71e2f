import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  evaluate,
  type Value,
} from '../../../../../src/domain/routing/expression/expression.ts';
import { ctx, run } from './fixtures.ts';

describe('operators', () => {
  const table: ReadonlyArray<readonly [string, Value]> = [
    // equality: strict for primitives, element-wise for lists
    ['1 == 1', true],
    ['1 == "1"', false],
    ['0 == false', false],
    ['"" == null', false],
    ['null == null', true],
    ['missing == null', true],
    ['nul == missing', true],
    ['true == 1', false],
    ['[1, [2]] == [1, [2]]', true],
    ['list == [1, "a", [2]]', true],
    ['[1] == [1, 2]', false],
    ['[] != []', false],
    ['obj == obj', true],
    ['1 != null', true],
    // ordering: only number with number, string with string
    ['2 < 3', true],
    ['3 >= 3', true],
    ['3.5 > 3', true],
    ['"a" < "b"', true],
    ['"10" < "9"', true],
    ['1 < "2"', false],
    ['"2" > 1', false],
    ['null < 1', false],
    ['null >= null', false],
    ['missing > 0', false],
    ['missing <= 0', false],
    ['true > false', false],
    ['[1] < [2]', false],
    // in: list membership, substring, own key
    ['"a" in list', true],
    ['[2] in list', true],
    ['2 in list', false],
    ['"b" in s', true],
    ['"" in s', true],
    ['1 in "123"', false],
    ['"k" in obj', true],
    ['"x" in obj', false],
    ['"constructor" in obj', false],
    ['"toString" in obj', false],
    ['"__proto__" in obj', false],
    ['1 in null', false],
    ['null in [null]', true],
    ['"a" in missing', false],
    ['1 not in [2]', true],
    ['1 not in null', true],
    ['"a" not in list', false],
    // contains: substring or list member; objects are not searched
    ['s contains "bc"', true],
    ['s contains "x"', false],
    ['s contains 1', false],
    ['list contains "a"', true],
    ['list contains [2]', true],
    ['[1, 2] contains 2', true],
    ['obj contains "k"', false],
    ['null contains null', false],
    // unary minus: numbers only
    ['-n', -3],
    ['--n', 3],
    ['-(2)', -2],
    ['-s', null],
    ['- missing', null],
    ['-n < 0', true],
    // logic: truthiness in, booleans out
    ['not nul', true],
    ['not z', true],
    ['not e', true],
    ['not empty', true],
    ['not []', true],
    ['not obj', false],
    ['not s', false],
    ['not "0"', false],
    ['!f', true],
    ['n and s', true],
    ['n or nul', true],
    ['z or e', false],
    ['nul and missing', false],
    ['t && !f', true],
    ['f || z', false],
  ];
  it.each(table)('%s → %j', (source, expected) => {
    expect(run(source, ctx)).toEqual(expected);
  });
});

describe('functions', () => {
  it.each([
    ['len(s)', 3],
    ['len(list)', 3],
    ['len("中文")', 2],
    ['len(empty)', 0],
    ['len(n)', null],
    ['len(obj)', null],
    ['len(missing)', null],
    ['lower("AbC")', 'abc'],
    ['upper(s)', 'ABC'],
    ['lower(n)', null],
    ['upper(missing)', null],
    ['has(n)', true],
    ['has(z)', true],
    ['has(f)', true],
    ['has(nul)', false],
    ['has(missing)', false],
    ['has(obj.k)', true],
    ['has(obj.k.deeper)', false],
    ['has(constructor)', false],
    ['lower(upper(s)) == s', true],
  ] as const)('%s → %j', (source, expected) => {
    expect(run(source, ctx)).toEqual(expected);
  });
});

describe('literals', () => {
  it.each([
    ['"a\\"b"', 'a"b'],
    ["'it\\'s'", "it's"],
    ['"it\'s"', "it's"],
    ['\'say "hi"\'', 'say "hi"'],
    ['"a\\\\b"', 'a\\b'],
    ['"line\\nnext"', 'line\nnext'],
    ['"\\t"', '\t'],
    ['"客服"', '客服'],
    ['0.25', 0.25],
    ['007', 7],
    ['-1.5', -1.5],
    ['TRUE', true],
    ['False', false],
    ['Null', null],
    ['[]', []],
    ['[1, "a", [true, null]]', [1, 'a', [true, null]]],
    ['[n, -n]', [3, -3]],
  ] as const)('%s → %j', (source, expected) => {
    expect(run(source, ctx)).toEqual(expected);
  });

  it('evaluates to the raw attribute when asked for a value', () => {
    expect(run('obj', ctx)).toBe(ctx.obj);
    expect(run('list', ctx)).toBe(ctx.list);
    expect(run('obj.in', ctx)).toBe('kw');
  });

  it('freezes list literals, which every evaluation shares', () => {
    const e = compileExpression('["gold", "vip"]');
    const value = evaluate(e, {});
    expect(Object.isFrozen(value)).toBe(true);
    expect(evaluate(e, {})).toBe(value);
  });
});
