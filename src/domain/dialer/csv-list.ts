/**
 * A contact list as CSV: a header row naming the columns, then one record per row.
 * `number` is required; `name`, `time_zone` (IANA) and `not_before` (ISO 8601) are read when
 * present; every other column goes to the record's free data for the screen pop. Every rejected
 * row is reported with its line and a code; the rest become record inputs. Fed in chunks so a
 * large file reports progress as it goes.
 */
import { DomainError } from '../errors.ts';
import { isValidTimeZone } from '../sla/zoned-time.ts';
import { normalizeDialNumber, type RecordInput } from './campaign-record.ts';
import { CsvTokenizer, type CsvRow } from './csv-tokenizer.ts';
import type { DncList } from './dnc.ts';

export const csvIssueCodes = [
  'bad_number',
  'duplicate',
  'dnc',
  'missing_column',
  'extra_column',
  'bad_time_zone',
  'bad_not_before',
  'malformed',
  'too_many_rows',
] as const;
export type CsvIssueCode = (typeof csvIssueCodes)[number];

export interface CsvIssue {
  readonly line: number;
  readonly code: CsvIssueCode;
  readonly message: string;
}
export interface CsvAccepted {
  readonly line: number;
  /** `number` already normalised. */
  readonly input: RecordInput & { readonly number: string };
}
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
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export class CsvListReader {
  private header: string[] | null = null;
  private readonly seen = new Set<string>();
  private readonly accepted: CsvAccepted[] = [];
  private readonly rejected: CsvIssue[] = [];
  private readonly tokenizer = new CsvTokenizer((r) => this.row(r));
  private chars = 0;
  private rows = 0;

  constructor(private readonly opts: CsvListOptions) {}

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
    const raw = get('number');
    if (raw === '') return reject('missing_column', 'the number is empty');
    let number: string;
    try {
      number = normalizeDialNumber(raw);
    } catch {
      return reject('bad_number', `not a phone number: ${raw.slice(0, 40)}`);
    }
    const tz = get('time_zone');
    if (tz !== '' && !isValidTimeZone(tz))
      return reject('bad_time_zone', `unknown time zone ${tz}`);
    const nb = get('not_before');
    if (nb !== '' && (!isoInstant.test(nb) || Number.isNaN(Date.parse(nb))))
      return reject(
        'bad_not_before',
        'not_before is an ISO 8601 time with a zone, e.g. 2026-12-01T09:00+08:00',
      );
    if (this.seen.has(number) || this.opts.existing?.has(number))
      return reject('duplicate', `${number} is already in the list`);
    if (this.opts.dnc.blocks(number)) return reject('dnc', `${number} is on the do-not-call list`);
    this.seen.add(number);
    const data: Record<string, string> = {};
    h.forEach((name, i) => {
      if (!special.has(name) && name !== '') data[name] = r.fields[i] ?? '';
    });
    this.accepted.push({
      line: r.line,
      input: {
        number,
        name: get('name'),
        data,
        timeZone: tz || null,
        notBefore: nb ? new Date(nb) : null,
      },
    });
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
