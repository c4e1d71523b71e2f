/**
 * Parses a routing expression into a syntax tree (recursive descent, one function per level).
 *
 * ```ebnf
 * expression = or ;
 * or         = and , { ( "or" | "||" ) , and } ;
 * and        = not , { ( "and" | "&&" ) , not } ;
 * not        = ( "not" | "!" ) , not | comparison ;
 * comparison = membership , [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) , membership ] ;
 * membership = unary , [ ( "in" | "not" , "in" | "contains" ) , unary ] ;
 * unary      = "-" , unary | primary ;
 * primary    = number | string | "true" | "false" | "null" | list | call | path
 *            | "(" , expression , ")" ;
 * list       = "[" , [ expression , { "," , expression } ] , "]" ;
 * call       = ( "has" , "(" , path | ( "len" | "lower" | "upper" ) , "(" , expression ) , ")" ;
 * path       = name , { "." , ( name | keyword ) | "[" , string , "]" } ;
 * name       = ( letter | "_" ) , { letter | digit | "_" } ;      (* not a keyword *)
 * number     = digit , { digit } , [ "." , digit , { digit } ] ;
 * string     = '"' , { char | escape } , '"' | "'" , { char | escape } , "'" ;
 * escape     = "\" , ( '"' | "'" | "\" | "n" | "t" ) ;
 * ```
 *
 * Keywords (`and or not in contains true false null`) are case-insensitive; names are not.
 * Comparisons and memberships do not chain (`1 < x < 5` is an error: write `1 < x and x < 5`).
 * Note that `!` is `not`, so `!a == b` means `not (a == b)`.
 *
 * Limits, so hostile input cannot exhaust the stack: at most {@link maxExpressionLength}
 * characters and {@link maxExpressionDepth} levels of nesting (parentheses, lists, calls and
 * prefix operators each add a level).
 */
import type { Expr, PathExpr } from './ast.ts';
import { invalidAt, invalidExpression } from './expression-error.ts';
import { isFunctionName } from './functions.ts';
import {
  comparisonOperators,
  type ComparisonOperator,
  type MembershipOperator,
} from './operators.ts';
import { tokenize, type Keyword, type Punct, type Token } from './tokenizer.ts';

export const maxExpressionLength = 2_000;
export const maxExpressionDepth = 64;

/** Parses `source`; throws `routing.invalid_expression` with the position of the problem. */
export function parseExpression(source: string): Expr {
  if (source.length > maxExpressionLength)
    throw invalidAt(
      source,
      `expression is longer than ${maxExpressionLength} characters`,
      maxExpressionLength,
    );
  const tokens = tokenize(source);
  if (tokens[0]?.kind === 'end') throw invalidExpression(source, 'expression is empty', 0);
  return new Parser(source, tokens).parse();
}

const isComparison = (t: Token): t is Token & { kind: 'punct'; punct: ComparisonOperator } =>
  t.kind === 'punct' && (comparisonOperators as readonly string[]).includes(t.punct);

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): Expr {
    const e = this.or();
    const t = this.peek();
    if (t.kind !== 'end') throw invalidAt(this.source, `unexpected '${t.text}'`, t.pos);
    return e;
  }

  private or(): Expr {
    return this.logical('or', () => this.and());
  }

  private and(): Expr {
    return this.logical('and', () => this.not());
  }

  private logical(kind: 'and' | 'or', operand: () => Expr): Expr {
    const first = operand();
    if (!this.isKeyword(this.peek(), kind)) return first;
    const operands = [first];
    while (this.isKeyword(this.peek(), kind)) {
      this.i++;
      operands.push(operand());
    }
    return { kind, operands, pos: first.pos };
  }

  private not(): Expr {
    const t = this.peek();
    if (!this.isKeyword(t, 'not')) return this.comparison();
    this.i++;
    return { kind: 'not', operand: this.nested(t, () => this.not()), pos: t.pos };
  }

  private comparison(): Expr {
    const left = this.membership();
    const t = this.peek();
    if (!isComparison(t)) return left;
    this.i++;
    const right = this.membership();
    const next = this.peek();
    if (isComparison(next))
      throw invalidAt(this.source, `cannot chain '${next.text}' without parentheses`, next.pos);
    return { kind: 'comparison', op: t.punct, left, right, pos: left.pos };
  }

  private membership(): Expr {
    const left = this.unary();
    const op = this.membershipOperator();
    if (op === undefined) return left;
    const right = this.unary();
    const next = this.peek();
    if (this.membershipOperator(false) !== undefined)
      throw invalidAt(this.source, `cannot chain '${next.text}' without parentheses`, next.pos);
    return { kind: 'membership', op, left, right, pos: left.pos };
  }

  /** Reads `in`, `not in` or `contains` if one comes next (only peeks when `consume` is false). */
  private membershipOperator(consume = true): MembershipOperator | undefined {
    const t = this.peek();
    if (t.kind !== 'keyword') return undefined;
    let op: MembershipOperator | undefined;
    let length = 1;
    if (t.keyword === 'in' || t.keyword === 'contains') op = t.keyword;
    else if (t.keyword === 'not' && t.text !== '!') {
      const after = this.tokens[this.i + 1];
      if (after === undefined || !this.isKeyword(after, 'in'))
        throw this.expected("'in' after 'not'", after ?? t);
      op = 'not in';
      length = 2;
    }
    if (consume && op !== undefined) this.i += length;
    return op;
  }

  private unary(): Expr {
    const t = this.peek();
    if (!this.isPunct(t, '-')) return this.primary();
    this.i++;
    return { kind: 'negate', operand: this.nested(t, () => this.unary()), pos: t.pos };
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
      case 'string':
        this.i++;
        return { kind: 'literal', value: t.value, pos: t.pos };
      case 'keyword':
        if (t.keyword === 'true' || t.keyword === 'false' || t.keyword === 'null') {
          this.i++;
          return {
            kind: 'literal',
            value: t.keyword === 'null' ? null : t.keyword === 'true',
            pos: t.pos,
          };
        }
        throw this.expected('a value', t);
      case 'name':
        return this.isPunct(this.tokens[this.i + 1], '(') ? this.call(t) : this.path(t);
      case 'punct':
        if (t.punct === '(') {
          this.i++;
          const inner = this.nested(t, () => this.or());
          this.expect(')');
          return inner;
        }
        if (t.punct === '[') return this.list(t);
        throw this.expected('a value', t);
      case 'end':
        throw this.expected('a value', t);
    }
  }

  private list(open: Token): Expr {
    this.i++;
    const items = this.nested(open, () => {
      const items: Expr[] = [];
      if (this.isPunct(this.peek(), ']')) return items;
      for (;;) {
        items.push(this.or());
        const t = this.peek();
        if (this.isPunct(t, ']')) return items;
        if (!this.isPunct(t, ',')) throw this.expected("',' or ']'", t);
        this.i++;
      }
    });
    this.i++;
    return { kind: 'list', items, pos: open.pos };
  }

  private call(name: Token): Expr {
    if (!isFunctionName(name.text))
      throw invalidAt(this.source, `unknown function '${name.text}'`, name.pos);
    const fn = name.text;
    this.i += 2;
    const arg = this.nested(name, () => {
      const t = this.peek();
      if (this.isPunct(t, ')')) throw invalidAt(this.source, `${fn}() takes one argument`, t.pos);
      const arg = this.or();
      if (fn === 'has' && arg.kind !== 'path')
        throw invalidAt(this.source, 'has() takes a path', arg.pos);
      const after = this.peek();
      if (this.isPunct(after, ','))
        throw invalidAt(this.source, `${fn}() takes one argument`, after.pos);
      return arg;
    });
    this.expect(')');
    return { kind: 'call', name: fn, arg, pos: name.pos };
  }

  private path(first: Token): PathExpr {
    this.i++;
    const segments = [first.text];
    for (;;) {
      const t = this.peek();
      if (this.isPunct(t, '.')) {
        const name = this.tokens[this.i + 1];
        if (name?.kind !== 'name' && name?.kind !== 'keyword')
          throw this.expected("a name after '.'", name ?? t);
        segments.push(name.text);
        this.i += 2;
      } else if (this.isPunct(t, '[')) {
        const key = this.tokens[this.i + 1];
        if (key?.kind !== 'string') throw this.expected("a string in '[...]'", key ?? t);
        segments.push(key.value);
        this.i += 2;
        this.expect(']');
      } else {
        return { kind: 'path', segments, pos: first.pos };
      }
    }
  }

  /** Parses a sub-expression one level deeper, failing past the depth limit. */
  private nested<T>(at: Token, parse: () => T): T {
    if (++this.depth > maxExpressionDepth)
      throw invalidAt(
        this.source,
        `expression nests deeper than ${maxExpressionDepth} levels`,
        at.pos,
      );
    const result = parse();
    this.depth--;
    return result;
  }

  private expect(punct: Punct): void {
    const t = this.peek();
    if (!this.isPunct(t, punct)) throw this.expected(`'${punct}'`, t);
    this.i++;
  }

  private expected(what: string, t: Token) {
    return t.kind === 'end'
      ? invalidExpression(this.source, `unexpected end of expression: expected ${what}`, t.pos)
      : invalidAt(this.source, `expected ${what}`, t.pos);
  }

  private peek(): Token {
    return this.tokens[this.i] ?? { kind: 'end', pos: this.source.length, text: '' };
  }

  private isKeyword(t: Token, keyword: Keyword): boolean {
    return t.kind === 'keyword' && t.keyword === keyword;
  }

  private isPunct(t: Token | undefined, punct: Punct): boolean {
    return t?.kind === 'punct' && t.punct === punct;
  }
}
