/**
 * A contact list as CSV: a header row naming the columns, then one record per row.
 * `number` is required; `name`, `time_zone` (IANA) and `not_before` (ISO 8601) are read when
 * present; every other column goes to the record's free data for the screen pop. Every rejected
 * row is reported with its line and a code; the rest become record inputs. Fed in chunks so a
 * large file reports progress as it goes.
 */
import { DomainError } from '../errors.ts';
import { CsvTokenizer, type CsvRow } from './csv-tokenizer.ts';
import type { DncList } from './dnc.ts';
import {
  ListRowChecker,
  type CsvAccepted,
  type CsvIssue,
  type CsvIssueCode,
} from './list-row-check.ts';

export type { CsvAccepted, CsvIssue, CsvIssueCode } from './list-row-check.ts';

export interface CsvListResult {
  readonly accepted: CsvAccepted[];
  readonly rejected: CsvIssue[];
}
export interface CsvProgress {
  readonly chars: number;
  readonly rows: number;
}
export interface CsvListOptions {
  readonly dnc: DncList;
  /** Numbers already in the campaign: a row repeating one is a duplicate. */
  readonly existing?: ReadonlySet<string>;
  readonly onProgress?: (p: CsvProgress) => void;
  readonly maxRows?: number;
}

const special = new Set(['number', 'name', 'time_zone', 'not_before']);

export class CsvListReader {
  private header: string[] | null = null;
  private readonly checker: ListRowChecker;
  private readonly accepted: CsvAccepted[] = [];
  private readonly rejected: CsvIssue[] = [];
  private readonly tokenizer = new CsvTokenizer((r) => this.row(r));
  private chars = 0;
  private rows = 0;

  constructor(private readonly opts: CsvListOptions) {
    this.checker = new ListRowChecker(opts.dnc, opts.existing);
  }

  push(chunk: string): void {
    this.tokenizer.push(chunk);
    this.chars += chunk.length;
    this.opts.onProgress?.({ chars: this.chars, rows: this.rows });
  }

  /** The report; `dialer.invalid_csv` when there is no header with a `number` column. */
  end(): CsvListResult {
    this.tokenizer.end();
    if (!this.header)
      throw new DomainError('dialer.invalid_csv', 'the file is empty: a header row is required');
    return { accepted: this.accepted, rejected: this.rejected };
  }

  private row(r: CsvRow): void {
    if (!this.header) {
      this.header = r.fields.map((f) => f.trim().toLowerCase());
      if (!this.header.includes('number'))
        throw new DomainError('dialer.invalid_csv', 'the header row needs a "number" column', {
          line: r.line,
          header: this.header.slice(0, 50),
        });
      return;
    }
    this.rows += 1;
    const reject = (code: CsvIssueCode, message: string): void => {
      this.rejected.push({ line: r.line, code, message });
    };
    if (this.rows > (this.opts.maxRows ?? 100_000))
      return reject('too_many_rows', `a list holds at most ${this.opts.maxRows ?? 100_000} rows`);
    if (r.malformed) return reject('malformed', 'a quoted field is not closed properly');
    const h = this.header;
    if (r.fields.length < h.length)
      return reject('missing_column', `${h.length} columns expected, ${r.fields.length} found`);
    if (r.fields.length > h.length)
      return reject('extra_column', `${h.length} columns expected, ${r.fields.length} found`);
    const get = (name: string) => r.fields[h.indexOf(name)]?.trim() ?? '';
    const data: Record<string, string> = {};
    h.forEach((name, i) => {
      if (!special.has(name) && name !== '') data[name] = r.fields[i] ?? '';
    });
    const out = this.checker.check(r.line, {
      number: get('number'),
      name: get('name'),
      timeZone: get('time_zone'),
      notBefore: get('not_before'),
      data,
    });
    if ('code' in out) this.rejected.push(out);
    else this.accepted.push(out);
  }
}

/** Reads a whole text in chunks of `chunkSize` characters (progress reported after each). */
export function readCsvList(
  text: string,
  opts: CsvListOptions,
  chunkSize = 64 * 1024,
): CsvListResult {
  const reader = new CsvListReader(opts);
  for (let i = 0; i < text.length; i += chunkSize) reader.push(text.slice(i, i + chunkSize));
  return reader.end();
}
