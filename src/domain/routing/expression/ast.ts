/**
 * The syntax tree of a routing expression, as the parser builds it and the compiler consumes it.
 * Every node records `pos`, the 0-based index in the source where it starts.
 */
import type { FunctionName } from './functions.ts';
import type { ComparisonOperator, MembershipOperator } from './operators.ts';

export type Expr =
  | LiteralExpr
  | ListExpr
  | PathExpr
  | CallExpr
  | NotExpr
  | NegateExpr
  | LogicalExpr
  | ComparisonExpr
  | MembershipExpr;

export interface LiteralExpr {
  readonly kind: 'literal';
  readonly value: null | boolean | number | string;
  readonly pos: number;
}

export interface ListExpr {
  readonly kind: 'list';
  readonly items: readonly Expr[];
  readonly pos: number;
}

/** `skills.billing`, `skills["customer-care"]`: the keys to walk, in order. */
export interface PathExpr {
  readonly kind: 'path';
  readonly segments: readonly string[];
  readonly pos: number;
}

export interface CallExpr {
  readonly kind: 'call';
  readonly name: FunctionName;
  readonly arg: Expr;
  readonly pos: number;
}

export interface NotExpr {
  readonly kind: 'not';
  readonly operand: Expr;
  readonly pos: number;
}

export interface NegateExpr {
  readonly kind: 'negate';
  readonly operand: Expr;
  readonly pos: number;
}

/** `a and b and c` is one node with three operands, so long chains do not nest. */
export interface LogicalExpr {
  readonly kind: 'and' | 'or';
  readonly operands: readonly Expr[];
  readonly pos: number;
}

export interface ComparisonExpr {
  readonly kind: 'comparison';
  readonly op: ComparisonOperator;
  readonly left: Expr;
  readonly right: Expr;
  readonly pos: number;
}

export interface MembershipExpr {
  readonly kind: 'membership';
  readonly op: MembershipOperator;
  readonly left: Expr;
  readonly right: Expr;
  readonly pos: number;
}

/** The children of a node, for walks that do not care about its kind. */
export function childrenOf(node: Expr): readonly Expr[] {
  switch (node.kind) {
    case 'literal':
    case 'path':
      return [];
    case 'list':
      return node.items;
    case 'call':
      return [node.arg];
    case 'not':
    case 'negate':
      return [node.operand];
    case 'and':
    case 'or':
      return node.operands;
    case 'comparison':
    case 'membership':
      return [node.left, node.right];
  }
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A string literal that reads back as `s`. */
export function quoteString(s: string): string {
  return `"${s.replace(/[\\"\n\t]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\${c}`))}"`;
}

/**
 * The canonical text of a path: identifier segments joined by dots, any other segment in
 * brackets (`skills["customer-care"]`). It parses back to the same path.
 */
export function pathText(segments: readonly string[]): string {
  let text = '';
  for (const [i, s] of segments.entries()) {
    if (!identifier.test(s)) text += `[${quoteString(s)}]`;
    else text += i === 0 ? s : `.${s}`;
  }
  return text;
}
