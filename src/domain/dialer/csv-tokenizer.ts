/**
 * An RFC 4180 CSV tokenizer fed in chunks: quoted fields may hold commas, doubled quotes and line
 * breaks; CRLF, LF and a lone CR end a row; a UTF-8 BOM at the very start is dropped. Each row
 * comes out with the physical line it started on, so reports can point at the file as opened.
 */
export interface CsvRow {
  readonly line: number;
  readonly fields: string[];
  /** A quote was left open at the end of the input, or text followed a closing quote. */
  readonly malformed: boolean;
}

export class CsvTokenizer {
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  private afterQuote = false;
  private malformed = false;
  private pendingCr = false;
  private started = false;
  private line = 1;
  private rowLine = 1;

  constructor(private readonly onRow: (row: CsvRow) => void) {}

  push(chunk: string): void {
    let i = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') {
          // The LF of a CRLF: the line was already counted at the CR.
          if (this.inQuotes) this.field += ch;
          continue;
        }
      }
      if (this.inQuotes) {
        if (ch === '"') {
          this.inQuotes = false;
          this.afterQuote = true;
        } else {
          if (ch === '\n' || ch === '\r') this.line += 1;
          if (ch === '\r') this.pendingCr = true;
          this.field += ch;
        }
        continue;
      }
      if (ch === '"') {
        if (this.afterQuote) {
          // "" inside a quoted field is one quote character.
          this.field += '"';
          this.inQuotes = true;
          this.afterQuote = false;
        } else if (this.field === '') this.inQuotes = true;
        else this.field += ch;
        continue;
      }
      if (ch === ',') {
        this.endField();
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        this.endRow();
        this.line += 1;
        this.rowLine = this.line;
        if (ch === '\r') this.pendingCr = true;
        continue;
      }
      if (this.afterQuote) this.malformed = true;
      this.field += ch;
    }
  }

  /** Flushes the last row (a file need not end with a line break). */
  end(): void {
    if (this.inQuotes) this.malformed = true;
    if (this.field !== '' || this.fields.length > 0 || this.inQuotes) this.endRow();
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.afterQuote = false;
  }

  private endRow(): void {
    this.endField();
    const blank = this.fields.length === 1 && this.fields[0] === '' && !this.malformed;
    if (!blank) this.onRow({ line: this.rowLine, fields: this.fields, malformed: this.malformed });
    this.fields = [];
    this.malformed = false;
    this.inQuotes = false;
  }
}
