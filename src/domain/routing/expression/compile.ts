/**
 * Turns a syntax tree into a tree of closures, once, so that evaluating an expression against an
 * agent or a task (millions of times a day) is plain function calls: no tree walk, no switch.
 * Sub-expressions that read no path (`["gold", "vip"]`, `-3`, `lower("ZH")`) are evaluated here,
 * once, and their values frozen because every evaluation shares them.
 */
import { childrenOf, pathText, type Expr } from './ast.ts';
import { valueFunctions } from './functions.ts';
import { comparisons, memberships, negate } from './operators.ts';
import { blockedKeys, isList, isTruthy, readKey, type Value } from './value.ts';

/** A compiled expression: reads `context` (agent or task attributes), returns a value. */
export type Evaluator = (context: object) => Value;

/** Where a compiled expression keeps its evaluator (a symbol, so it stays off the public shape). */
export const evaluatorKey: unique symbol = Symbol('kefu.routing.expression.evaluator');

interface Compiled {
  readonly run: Evaluator;
  /** True when `run` ignores its context (no path below), so it can be folded. */
  readonly constant: boolean;
}

const emptyContext: object = Object.freeze({});

export function compileNode(node: Expr): Evaluator {
  return build(node).run;
}

/** The attribute paths `node` reads, in canonical text, each once, in order of appearance. */
export function collectPaths(node: Expr): string[] {
  const paths = new Set<string>();
  const visit = (n: Expr): void => {
    if (n.kind === 'path') paths.add(pathText(n.segments));
    else for (const child of childrenOf(n)) visit(child);
  };
  visit(node);
  return [...paths];
}

function build(node: Expr): Compiled {
  switch (node.kind) {
    case 'literal':
      return constant(node.value);
    case 'path':
      return { run: pathReader(node.segments), constant: false };
    case 'list': {
      const items = node.items.map(build);
      const runs = items.map((item) => item.run);
      return folded((c) => runs.map((run) => run(c)), items);
    }
    case 'call': {
      if (node.name === 'has') {
        if (node.arg.kind !== 'path') throw new Error('has() takes a path'); // the parser ensures it
        const read = pathReader(node.arg.segments);
        return { run: (c) => read(c) !== null, constant: false };
      }
      const fn = valueFunctions[node.name];
      const arg = build(node.arg);
      const run = arg.run;
      return folded((c) => fn(run(c)), [arg]);
    }
    case 'not': {
      const operand = build(node.operand);
      const run = operand.run;
      return folded((c) => !isTruthy(run(c)), [operand]);
    }
    case 'negate': {
      const operand = build(node.operand);
      const run = operand.run;
      return folded((c) => negate(run(c)), [operand]);
    }
    case 'and': {
      const operands = node.operands.map(build);
      const runs = operands.map((o) => o.run);
      return folded((c) => {
        for (const run of runs) if (!isTruthy(run(c))) return false;
        return true;
      }, operands);
    }
    case 'or': {
      const operands = node.operands.map(build);
      const runs = operands.map((o) => o.run);
      return folded((c) => {
        for (const run of runs) if (isTruthy(run(c))) return true;
        return false;
      }, operands);
    }
    case 'comparison':
    case 'membership': {
      const op = node.kind === 'comparison' ? comparisons[node.op] : memberships[node.op];
      const left = build(node.left);
      const right = build(node.right);
      const l = left.run;
      const r = right.run;
      return folded((c) => op(l(c), r(c)), [left, right]);
    }
  }
}

function constant(value: Value): Compiled {
  return { run: () => value, constant: true };
}

/** `run` itself, or its value computed now when none of `parts` reads the context. */
function folded(run: Evaluator, parts: readonly Compiled[]): Compiled {
  if (!parts.every((p) => p.constant)) return { run, constant: false };
  return constant(deepFreeze(run(emptyContext)));
}

function deepFreeze(v: Value): Value {
  if (isList(v)) for (const item of v) deepFreeze(item);
  return typeof v === 'object' && v !== null ? Object.freeze(v) : v;
}

/** Walks `segments` through own properties; any missing step, or a blocked key, gives null. */
function pathReader(segments: readonly string[]): Evaluator {
  if (segments.some((s) => blockedKeys.has(s))) return () => null;
  const [first, second] = segments;
  if (first === undefined) return () => null;
  if (segments.length === 1) return (c) => readKey(c, first);
  if (segments.length === 2 && second !== undefined)
    return (c) => {
      const v = readKey(c, first);
      return v === null ? null : readKey(v, second);
    };
  return (c) => {
    let v: Value = c as Value;
    for (const s of segments) {
      v = readKey(v, s);
      if (v === null) return null;
    }
    return v;
  };
}
