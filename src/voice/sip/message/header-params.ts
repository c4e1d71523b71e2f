/**
 * Header parameters: `*( SEMI generic-param )` with `generic-param = token [ EQUAL gen-value ]`
 * and `gen-value = token / host / quoted-string` (RFC 3261 §25.1), SWS allowed around ";" and
 * "=". Names are case-insensitive and kept lowercased; values are kept as written — a quoted
 * value keeps its quotes, because some parameters give quoted and bare values different
 * meanings (RFC 3840 §9 feature tags). An empty name (";;", RFC 4475 §3.1.2.1) is an error; a
 * repeated name keeps its first value.
 */
import { GEN_VALUE, TOKEN, allIn } from './char-classes.ts';
import { quote, type Scanner } from './scanner.ts';

export type Params = Map<string, string | null>;

export const emptyParams: ReadonlyMap<string, string | null> = new Map();

/** Reads parameters from the cursor while a ";" follows. */
export function readParams(sc: Scanner): Params {
  const params: Params = new Map();
  for (;;) {
    const mark = sc.pos;
    sc.skipWs();
    if (!sc.eat(0x3b)) {
      sc.pos = mark;
      return params;
    }
    sc.skipWs();
    const name = sc.need(TOKEN).toLowerCase();
    let value: string | null = null;
    const beforeEq = sc.pos;
    sc.skipWs();
    if (sc.eat(0x3d)) {
      sc.skipWs();
      value = sc.peek() === 0x22 ? sc.quoted().raw : sc.need(GEN_VALUE);
    } else sc.pos = beforeEq;
    if (!params.has(name)) params.set(name, value);
  }
}

/** Whether `v` may be written bare or is already a well-formed quoted-string. */
function isWritable(v: string): boolean {
  if (allIn(v, GEN_VALUE)) return true;
  if (v.length < 2 || !v.startsWith('"') || !v.endsWith('"')) return false;
  for (let i = 1; i < v.length - 1; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return false;
    if (c === 0x5c) i++;
    else if (c === 0x22) return false;
  }
  // the closing quote must not be escaped
  let backslashes = 0;
  for (let i = v.length - 2; i > 0 && v.charCodeAt(i) === 0x5c; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** Writes `;name[=value]` for each parameter; values that are not writable get quoted. */
export function formatParams(params: ReadonlyMap<string, string | null>): string {
  let out = '';
  for (const [name, value] of params) {
    if (!allIn(name, TOKEN))
      throw new TypeError(`invalid SIP parameter name: ${JSON.stringify(name)}`);
    out += ';' + name;
    if (value !== null) out += '=' + (isWritable(value) ? value : quote(value));
  }
  return out;
}

/** The text of a parameter value: quotes and quoted-pairs removed when it is quoted. */
export function paramText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value.length < 2 || !value.startsWith('"')) return value;
  return value.slice(1, -1).replace(/\\(.)/gs, '$1');
}
