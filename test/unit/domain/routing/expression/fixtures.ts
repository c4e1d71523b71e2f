/** A context with one attribute of each kind, and a one-call compile-and-evaluate. */
import {
  compileExpression,
  evaluate,
  type Value,
} from '../../../../../src/domain/routing/expression/expression.ts';

export const run = (source: string, context: object = {}): Value =>
  evaluate(compileExpression(source), context);

export const ctx = {
  n: 3,
  s: 'abc',
  z: 0,
  e: '',
  t: true,
  f: false,
  nul: null,
  list: [1, 'a', [2]],
  empty: [],
  obj: { k: 1, in: 'kw', AND: 'kw2' },
  Upper: 'U',
};
