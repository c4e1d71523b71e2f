/**
 * The header fields of a SIP message: ordered, looked up case-insensitively with compact forms
 * expanded (RFC 3261 §7.3.1, §7.3.3). Values are the raw text as received (folding undone,
 * surrounding white space removed) so a proxy can forward them untouched; the typed accessors
 * parse them on demand.
 *
 * For list headers (Via, Contact, Route, Allow, Supported …) `getAll` splits comma-separated
 * values, so "Via: a, b" and two Via lines read the same (§7.3.1); commas inside quoted strings
 * and inside <…> do not split.
 */
import { isToken, trimWsp } from './char-classes.ts';
import { headerKey, isListHeader, resolveHeaderName } from './header-names.ts';

interface Field {
  name: string;
  key: string;
  value: string;
}

export class SipHeaders implements Iterable<[string, string]> {
  #fields: Field[] = [];

  constructor(init?: Iterable<readonly [string, string]>) {
    if (init) for (const [name, value] of init) this.append(name, value);
  }

  /**
   * For the message parser: lines whose names are already known to be tokens and whose values
   * hold no CR or LF, so the checks `append` makes are skipped.
   */
  static fromParsed(names: readonly string[], values: readonly string[]): SipHeaders {
    const h = new SipHeaders();
    for (let i = 0; i < names.length; i++) {
      const { name, key } = resolveHeaderName(names[i]!);
      h.#fields.push({ name, key, value: trimWsp(values[i] ?? '') });
    }
    return h;
  }

  /** Number of header field lines. */
  get size(): number {
    return this.#fields.length;
  }

  /** The first value of the header (the whole line, not split), or undefined. */
  get(name: string): string | undefined {
    const key = headerKey(name);
    for (const f of this.#fields) if (f.key === key) return f.value;
    return undefined;
  }

  /** Every value in order; list headers are split at top-level commas, empty items dropped. */
  getAll(name: string): string[] {
    const key = headerKey(name);
    const list = isListHeader(key);
    const out: string[] = [];
    for (const f of this.#fields) {
      if (f.key !== key) continue;
      if (list) splitList(f.value, out);
      else out.push(f.value);
    }
    return out;
  }

  /** Number of header lines with this name (before list splitting). */
  count(name: string): number {
    const key = headerKey(name);
    let n = 0;
    for (const f of this.#fields) if (f.key === key) n++;
    return n;
  }

  has(name: string): boolean {
    const key = headerKey(name);
    return this.#fields.some((f) => f.key === key);
  }

  /** Replaces every line of this header by one, at the position of the first. */
  set(name: string, value: string): this {
    const field = makeField(name, value);
    const i = this.#fields.findIndex((f) => f.key === field.key);
    if (i < 0) {
      this.#fields.push(field);
      return this;
    }
    this.#fields[i] = field;
    this.#fields = this.#fields.filter((f, j) => j <= i || f.key !== field.key);
    return this;
  }

  /** Adds a line at the end. */
  append(name: string, value: string): this {
    this.#fields.push(makeField(name, value));
    return this;
  }

  /** Adds a line before all others (a proxy pushing its Via or Record-Route, §16.6). */
  prepend(name: string, value: string): this {
    this.#fields.unshift(makeField(name, value));
    return this;
  }

  /** Removes every line of this header; returns whether there was one. */
  remove(name: string): boolean {
    const key = headerKey(name);
    const before = this.#fields.length;
    this.#fields = this.#fields.filter((f) => f.key !== key);
    return this.#fields.length !== before;
  }

  /** [canonical name, value] for every line, in order. */
  entries(): [string, string][] {
    return this.#fields.map((f) => [f.name, f.value]);
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.entries()[Symbol.iterator]();
  }

  clone(): SipHeaders {
    const c = new SipHeaders();
    c.#fields = this.#fields.map((f) => ({ ...f }));
    return c;
  }
}

function makeField(name: string, value: string): Field {
  if (!isToken(name)) throw new TypeError(`invalid SIP header name: ${JSON.stringify(name)}`);
  if (typeof value !== 'string' || /[\r\n]/.test(value)) {
    throw new TypeError(`invalid value for SIP header ${name}: it must not contain CR or LF`);
  }
  const { name: canonical, key } = resolveHeaderName(name);
  return { name: canonical, key, value: trimWsp(value) };
}

/**
 * Splits a list value at commas outside quoted strings and angle brackets (RFC 3261 §7.3.1),
 * trimming each item; items that are only white space are dropped. Linear in the input.
 */
export function splitList(value: string, out: string[] = []): string[] {
  let start = 0;
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (quoted) {
      if (c === 0x5c)
        i++; // quoted-pair
      else if (c === 0x22) quoted = false;
    } else if (c === 0x22) quoted = true;
    else if (c === 0x3c) angle = true;
    else if (c === 0x3e) angle = false;
    else if (c === 0x2c && !angle) {
      pushItem(value.slice(start, i), out);
      start = i + 1;
    }
  }
  pushItem(value.slice(start), out);
  return out;
}

function pushItem(item: string, out: string[]): void {
  const t = trimWsp(item);
  if (t.length > 0) out.push(t);
}
