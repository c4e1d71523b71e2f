import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  evaluate,
  test as passes,
} from '../../../../../src/domain/routing/expression/expression.ts';
import { ctx, run } from './fixtures.ts';

describe('queue targets over agents', () => {
  const agents = {
    alice: { skills: { billing: 4, 'customer-care': 2 }, languages: ['en', 'zh'] },
    bob: { skills: { billing: 2 }, languages: ['zh'] },
    carol: { skills: { billing: 5 }, languages: ['en'] },
    dave: { languages: ['zh'] },
    erin: { skills: { billing: '5' }, languages: 'zh-CN' },
  };
  const eligible = (source: string) => {
    const target = compileExpression(source);
    return Object.entries(agents)
      .filter(([, agent]) => passes(target, agent))
      .map(([name]) => name);
  };

  it('selects agents with the skill level and the language', () => {
    // erin's level is a string, so it does not compare with 3; her languages is a string, so
    // "zh" in it is a substring test.
    expect(eligible('skills.billing >= 3 and "zh" in languages')).toEqual(['alice']);
  });

  it('reads skills whose names are not identifiers', () => {
    expect(eligible('skills["customer-care"] > 1')).toEqual(['alice']);
    expect(eligible("skills['customer-care'] >= 0 or not has(skills)")).toEqual(['alice', 'dave']);
  });

  it('treats a missing skill as null, which compares with nothing', () => {
    expect(eligible('skills.billing < 100')).toEqual(['alice', 'bob', 'carol']);
    expect(eligible('not (skills.billing >= 3)')).toEqual(['bob', 'dave', 'erin']);
  });
});

describe('workflow filters over tasks', () => {
  const filter = compileExpression(
    'channel == "voice" and (customer.level in ["gold", "vip"] or priority > 5)',
  );
  it.each([
    ['a gold voice caller', { channel: 'voice', customer: { level: 'gold' }, priority: 1 }, true],
    [
      'an urgent voice caller',
      { channel: 'voice', customer: { level: 'silver' }, priority: 7 },
      true,
    ],
    [
      'an ordinary voice caller',
      { channel: 'voice', customer: { level: 'silver' }, priority: 2 },
      false,
    ],
    ['a vip e-mail', { channel: 'email', customer: { level: 'vip' }, priority: 9 }, false],
    ['a voice call with no customer', { channel: 'voice', priority: 3 }, false],
    ['a voice call with no attributes but the channel', { channel: 'voice' }, false],
    ['an empty task', {}, false],
  ])('%s → %s', (_name, task, expected) => {
    expect(passes(filter, task)).toBe(expected);
    expect(evaluate(filter, task)).toBe(expected);
  });
});

describe('paths', () => {
  const deep = { a: { b: { c: 'deep' } }, list: [{ x: 1 }], s: 'str', n: 5 };
  it.each([
    ['a.b.c', 'deep'],
    ['a["b"].c', 'deep'],
    ["a['b']['c']", 'deep'],
    ['a . b . c', 'deep'],
    ['a.b.c.d', null],
    ['a.x.c', null],
    ['list.x', null],
    ['list.length', null],
    ['s.length', null],
    ['n.toFixed', null],
    ['missing.anything', null],
  ] as const)('%s → %j', (source, expected) => {
    expect(run(source, deep)).toEqual(expected);
  });

  it('walks objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, {
      a: Object.assign(Object.create(null) as object, { b: 1 }),
    });
    expect(run('a.b', bare)).toBe(1);
    expect(run('"b" in a', bare)).toBe(true);
  });

  it.each([
    ['skills.billing >= 3 and "zh" in languages', ['skills.billing', 'languages']],
    [
      'channel == "voice" and (customer.level in ["gold", "vip"] or priority > 5)',
      ['channel', 'customer.level', 'priority'],
    ],
    ['a == a and a.b or not a', ['a', 'a.b']],
    [
      'skills["customer-care"] > 1 and skills[\'billing\'] > 1',
      ['skills["customer-care"]', 'skills.billing'],
    ],
    ['has(x.y) and len(name) > 0', ['x.y', 'name']],
    ['a["x\\"y"] or a["in"] or a.AND', ['a["x\\"y"]', 'a.in', 'a.AND']],
    ['1 == 1', []],
  ] as const)('%s reads %j', (source, paths) => {
    const e = compileExpression(source);
    expect(e.paths).toEqual(paths);
    for (const path of e.paths) expect(compileExpression(path).paths).toEqual([path]);
  });
});

describe('precedence', () => {
  const booleans = [true, false];
  const combos = booleans.flatMap((a) =>
    booleans.flatMap((b) => booleans.flatMap((c) => booleans.map((d) => ({ a, b, c, d })))),
  );
  it.each([
    ['a or b and c', 'a or (b and c)'],
    ['a and b or c and d', '(a and b) or (c and d)'],
    ['not a == b', 'not (a == b)'],
    ['! a == b', 'not (a == b)'],
    ['not a and b', '(not a) and b'],
    ['not not a', 'not (not a)'],
    ['a == b in [c]', 'a == (b in [c])'],
    ['not a in [b]', 'not (a in [b])'],
    ['a || b && c', 'a or (b and c)'],
  ])('%s means %s', (source, meaning) => {
    const e = compileExpression(source);
    const m = compileExpression(meaning);
    for (const vars of combos)
      expect(evaluate(e, vars), JSON.stringify(vars)).toBe(evaluate(m, vars));
  });

  it.each([
    ['true or false and false', true],
    ['false and false or true', true],
    ['not 1 == 2', true],
    ['-1 in [-1]', true],
    ['"a" in ["a"] == true', true],
  ] as const)('%s → %j (the reading that matters)', (source, expected) => {
    expect(run(source)).toBe(expected);
  });
});

describe('keywords', () => {
  it.each([
    ['TRUE AND NOT False', true],
    ['1 In [1]', true],
    ['"a" NOT IN ["b"]', true],
    ['"a" Not In ["a"]', false],
    ['"ab" CONTAINS "a"', true],
    ['null Or 1', true],
    ['t && !f', true],
    ['f || t', true],
  ] as const)('are case-insensitive: %s → %j', (source, expected) => {
    expect(run(source, ctx)).toBe(expected);
  });

  it('leave names case-sensitive', () => {
    expect(run('Upper', ctx)).toBe('U');
    expect(run('upper', ctx)).toBe(null);
    expect(run('S', ctx)).toBe(null);
  });

  it('may name keys after a dot', () => {
    expect(run('obj.in == "kw" and obj.AND == "kw2"', ctx)).toBe(true);
  });
});

describe('prototype safety', () => {
  class Agent {
    readonly name = 'ann';
    get secret(): string {
      return 'hidden';
    }
  }
  const contexts: ReadonlyArray<readonly [string, object]> = [
    ['a plain object', { obj: {} }],
    ['an object without prototype', Object.assign(Object.create(null) as object, { obj: {} })],
    [
      'parsed JSON owning the keys',
      JSON.parse(
        '{"__proto__": {"x": 1}, "constructor": "c", "prototype": 1, "obj": {"__proto__": 1}}',
      ) as object,
    ],
    ['a class instance', new Agent()],
  ];
  const sources = [
    'constructor',
    'constructor.name',
    '__proto__',
    '__proto__.x',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'secret',
    'obj.constructor',
    'obj.__proto__',
    'obj["__proto__"]',
    'obj["constructor"]["prototype"]',
    'obj.toString',
  ];
  it.each(contexts)('resolves prototype names to null on %s', (_name, context) => {
    for (const source of sources) expect(run(source, context), source).toBe(null);
    expect(run('has(constructor) or has(__proto__) or has(toString)', context)).toBe(false);
    expect(run('"constructor" in obj or "__proto__" in obj', context)).toBe(false);
  });

  it('still reads own data of a class instance', () => {
    expect(run('name', new Agent())).toBe('ann');
  });

  it('never mutates the context, nor Object.prototype', () => {
    const context = { a: { b: 1 } };
    const before = JSON.stringify(context);
    run('__proto__.polluted == 1 or a.__proto__ == a or constructor.prototype', context);
    expect(JSON.stringify(context)).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('compiled expressions', () => {
  it('keep their source and are frozen', () => {
    const e = compileExpression('  skills.billing >= 3 ');
    expect(e.source).toBe('  skills.billing >= 3 ');
    expect(Object.isFrozen(e)).toBe(true);
    expect(Object.isFrozen(e.paths)).toBe(true);
  });

  it('test() reads truthiness when the value is not a boolean', () => {
    expect(passes(compileExpression('s'), ctx)).toBe(true);
    expect(passes(compileExpression('empty'), ctx)).toBe(false);
    expect(passes(compileExpression('len(list)'), ctx)).toBe(true);
    expect(passes(compileExpression('missing'), ctx)).toBe(false);
  });
});
