/**
 * A cursor over one header value, with the lexical pieces of RFC 3261 §25.1 the header
 * parsers share: SWS, token runs, quoted strings. Values reach it already unfolded, so
 * LWS is just SP / HTAB here. Every method is linear; nothing backtracks.
 */
import { isIn, isWsp } from './char-classes.ts';
import { SipParseError } from './sip-parse-error.ts';

export class Scanner {
  pos = 0;

  constructor(
    readonly s: string,
    /** The reason phrase thrown on a syntax error, e.g. "Bad Via". */
    readonly reason: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.s.length;
  }

  /** The code unit at the cursor, or -1 at the end. */
  peek(): number {
    return this.pos < this.s.length ? this.s.charCodeAt(this.pos) : -1;
  }

  fail(): never {
    throw new SipParseError(this.reason);
  }

  /** Skips SP / HTAB; returns whether any was skipped. */
  skipWs(): boolean {
    const start = this.pos;
    while (this.pos < this.s.length && isWsp(this.s.charCodeAt(this.pos))) this.pos++;
    return this.pos > start;
  }

  /** Consumes `c` if it is next. */
  eat(c: number): boolean {
    if (this.peek() !== c) return false;
    this.pos++;
    return true;
  }

  /** Consumes `c` (with SWS around it, RFC 3261 §25.1 SLASH / COLON / EQUAL…) or fails. */
  expectSep(c: number): void {
    this.skipWs();
    if (!this.eat(c)) this.fail();
    this.skipWs();
  }

  /** Reads a run of characters of class `flags` (may be empty). */
  run(flags: number): string {
    const start = this.pos;
    while (this.pos < this.s.length && isIn(this.s.charCodeAt(this.pos), flags)) this.pos++;
    return this.s.slice(start, this.pos);
  }

  /** Reads a non-empty run of class `flags` or fails. */
  need(flags: number): string {
    const r = this.run(flags);
    if (r.length === 0) this.fail();
    return r;
  }

  /**
   * Reads a quoted-string at the cursor (which must be on DQUOTE) and returns both its decoded
   * text (quoted-pairs resolved) and the raw text including quotes. Fails when unterminated
   * (RFC 4475 §3.1.2.6).
   */
  quoted(): { text: string; raw: string } {
    const start = this.pos;
    if (!this.eat(0x22)) this.fail();
    let text = '';
    let chunk = this.pos;
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos);
      if (c === 0x22) {
        text += this.s.slice(chunk, this.pos);
        this.pos++;
        return { text, raw: this.s.slice(start, this.pos) };
      }
      if (c === 0x5c) {
        // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
        const next = this.s.charCodeAt(this.pos + 1);
        if (Number.isNaN(next) || next === 0x0a || next === 0x0d || next > 0x7f) this.fail();
        text += this.s.slice(chunk, this.pos) + this.s[this.pos + 1]!;
        this.pos += 2;
        chunk = this.pos;
        continue;
      }
      this.pos++;
    }
    return this.fail();
  }

  /** Fails unless only white space is left. */
  end(): void {
    this.skipWs();
    if (!this.done) this.fail();
  }
}

/** Writes `text` as a quoted-string, escaping what must be (RFC 3261 §25.1 quoted-pair). */
export function quote(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d)
      out += ' '; // cannot be quoted: a header never spans lines
    else if (c === 0x22 || c === 0x5c || (c < 0x20 && c !== 0x09) || c === 0x7f)
      out += '\\' + text[i]!;
    else out += text[i]!;
  }
  return out + '"';
}
