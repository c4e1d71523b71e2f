/**
 * Routing expressions: the router's small, safe language for "which agents may take this queue's
 * tasks" (`skills.billing >= 3 and "zh" in languages`, over agent attributes) and "which tasks
 * does this workflow step take" (`channel == "voice" and (customer.level in ["gold", "vip"] or
 * priority > 5)`, over task attributes).
 *
 * Compile once, evaluate many times. Evaluation never throws and never reaches beyond the
 * context's own properties: a missing attribute is `null`, and an operator given values of the
 * wrong type answers false (or `null`), so a filter over an agent lacking a skill simply fails.
 *
 * The grammar is in parser.ts. Semantics, in brief:
 * - `==`/`!=` are strict for primitives and element-wise for lists; `<` `<=` `>` `>=` hold only
 *   between two numbers or two strings (so `null` never compares);
 * - `x in list` is membership, `x in string` a substring, `x in object` an own key; `contains`
 *   is the same the other way round for strings and lists; anything else is false;
 * - `and`, `or`, `not` read truthiness (`null`, `false`, `0`, `""`, `[]` are falsy) and give
 *   booleans;
 * - `has(path)` is true when the path is not null; `len(x)` measures a string or a list;
 *   `lower(s)`, `upper(s)` change case; on other values they give `null`.
 */
import { isDomainError } from '../../errors.ts';
import { collectPaths, compileNode, evaluatorKey, type Evaluator } from './compile.ts';
import { parseExpression } from './parser.ts';
import { isTruthy, type Value } from './value.ts';

export type { Value } from './value.ts';
export { maxExpressionDepth, maxExpressionLength } from './parser.ts';

export interface CompiledExpression {
  /** The expression as written. */
  readonly source: string;
  /** The attribute paths it reads, e.g. `['skills.billing', 'languages']`, each once. */
  readonly paths: readonly string[];
  /** The closure tree; internal, reached through evaluate() and test(). */
  readonly [evaluatorKey]: Evaluator;
}

/**
 * Compiles `source`, or throws `routing.invalid_expression` with `{ position, expression }` in
 * the details and a message such as `expected ')' at 14` or `unknown function 'foo' at 3`.
 */
export function compileExpression(source: string): CompiledExpression {
  const ast = parseExpression(source);
  return Object.freeze({
    source,
    paths: Object.freeze(collectPaths(ast)),
    [evaluatorKey]: compileNode(ast),
  });
}

/**
 * The expression's value over `context`. Never throws on data (JSON-like attributes, class
 * instances, null-prototype objects); getters that throw and proxies are the caller's business.
 */
export function evaluate(e: CompiledExpression, context: object): Value {
  return e[evaluatorKey](context);
}

/** Whether `context` passes the expression used as a filter (its value is truthy). */
export function test(e: CompiledExpression, context: object): boolean {
  return isTruthy(e[evaluatorKey](context));
}

export type ExpressionCheck = { ok: true } | { ok: false; message: string; position: number };

/** For forms and APIs that report a mistake instead of throwing it. */
export function validateExpression(source: string): ExpressionCheck {
  try {
    parseExpression(source);
    return { ok: true };
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'routing.invalid_expression') throw e;
    const position = e.details?.['position'];
    return { ok: false, message: e.message, position: typeof position === 'number' ? position : 0 };
  }
}
