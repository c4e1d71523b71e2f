/**
 * Splits a routing expression into tokens. Keywords are matched case-insensitively and `&&`,
 * `||`, `!` arrive as the keywords `and`, `or`, `not` (with their own text kept, so the parser
 * can tell `!` from `not`). The last token is always `end`, at the source's length.
 */
import { invalidAt } from './expression-error.ts';

export const keywords = ['and', 'or', 'not', 'in', 'contains', 'true', 'false', 'null'] as const;
export type Keyword = (typeof keywords)[number];

export const puncts = [
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '-',
] as const;
export type Punct = (typeof puncts)[number];

interface At {
  /** 0-based index of the token's first character. */
  readonly pos: number;
  /** The token as written. */
  readonly text: string;
}

export type Token =
  | (At & { readonly kind: 'number'; readonly value: number })
  | (At & { readonly kind: 'string'; readonly value: string })
  | (At & { readonly kind: 'name' })
  | (At & { readonly kind: 'keyword'; readonly keyword: Keyword })
  | (At & { readonly kind: 'punct'; readonly punct: Punct })
  | (At & { readonly kind: 'end' });

const isKeyword = (s: string): s is Keyword => (keywords as readonly string[]).includes(s);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isNameStart = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNamePart = (c: string): boolean => isNameStart(c) || isDigit(c);

const escapes: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  n: '\n',
  t: '\t',
};

const twoCharPuncts: ReadonlySet<string> = new Set(['==', '!=', '<=', '>=']);
const oneCharPuncts: ReadonlySet<string> = new Set(['(', ')', '[', ']', ',', '.', '<', '>', '-']);
/** Single characters that start a real operator, with what to write instead. */
const hints: Readonly<Record<string, string>> = {
  '=': "'=='",
  '&': "'&&' or 'and'",
  '|': "'||' or 'or'",
};

/** A character for a message: quoted when printable, as U+XXXX otherwise. */
function describeChar(source: string, i: number): string {
  const cp = source.codePointAt(i) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp < 0xe000))
    return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(cp)}'`;
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c)) {
      i = readNumber(source, i, tokens);
    } else if (isNameStart(c)) {
      let j = i + 1;
      while (isNamePart(source.charAt(j))) j++;
      const text = source.slice(i, j);
      const lower = text.toLowerCase();
      tokens.push(
        isKeyword(lower)
          ? { kind: 'keyword', keyword: lower, pos: i, text }
          : { kind: 'name', pos: i, text },
      );
      i = j;
    } else if (c === '"' || c === "'") {
      i = readString(source, i, tokens);
    } else {
      const two = source.slice(i, i + 2);
      const hint = hints[c];
      if (twoCharPuncts.has(two)) {
        tokens.push({ kind: 'punct', punct: two as Punct, pos: i, text: two });
        i += 2;
      } else if (two === '&&' || two === '||') {
        tokens.push({ kind: 'keyword', keyword: two === '&&' ? 'and' : 'or', pos: i, text: two });
        i += 2;
      } else if (c === '!') {
        tokens.push({ kind: 'keyword', keyword: 'not', pos: i, text: c });
        i++;
      } else if (oneCharPuncts.has(c)) {
        tokens.push({ kind: 'punct', punct: c as Punct, pos: i, text: c });
        i++;
      } else if (hint !== undefined) {
        throw invalidAt(source, `unexpected '${c}' (use ${hint})`, i);
      } else {
        throw invalidAt(source, `unexpected character ${describeChar(source, i)}`, i);
      }
    }
  }
  tokens.push({ kind: 'end', pos: n, text: '' });
  return tokens;
}

/** Digits with an optional fraction (`3`, `0.75`); no exponent, no trailing letters. */
function readNumber(source: string, start: number, tokens: Token[]): number {
  let j = start;
  while (isDigit(source.charAt(j))) j++;
  if (source.charAt(j) === '.') {
    if (!isDigit(source.charAt(j + 1))) throw invalidAt(source, 'invalid number', start);
    j++;
    while (isDigit(source.charAt(j))) j++;
  }
  if (isNamePart(source.charAt(j)) || source.charAt(j) === '.')
    throw invalidAt(source, 'invalid number', start);
  const text = source.slice(start, j);
  tokens.push({ kind: 'number', value: Number(text), pos: start, text });
  return j;
}

/** A string in double or single quotes, with the escapes \" \' \\ \n \t. */
function readString(source: string, start: number, tokens: Token[]): number {
  const quote = source.charAt(start);
  let value = '';
  let j = start + 1;
  for (;;) {
    if (j >= source.length) throw invalidAt(source, 'unterminated string', start);
    const c = source.charAt(j);
    if (c === quote) break;
    if (c === '\\') {
      if (j + 1 >= source.length) throw invalidAt(source, 'unterminated string', start);
      const escaped = escapes[source.charAt(j + 1)];
      if (escaped === undefined)
        throw invalidAt(source, `unknown escape '\\${source.charAt(j + 1)}'`, j);
      value += escaped;
      j += 2;
    } else {
      value += c;
      j++;
    }
  }
  tokens.push({ kind: 'string', value, pos: start, text: source.slice(start, j + 1) });
  return j + 1;
}
