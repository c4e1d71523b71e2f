/**
 * The checks every imported row passes, whether it came from CSV or JSON: a readable number
 * (normalised, default country 86), a known time zone, an ISO 8601 not-before with a zone, no
 * repeat of a number already in the list or campaign, and not on the do-not-call list.
 */
import { isValidTimeZone } from '../sla/zoned-time.ts';
import { normalizeDialNumber, type RecordInput } from './campaign-record.ts';
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

/** A row's fields as text; empty strings mean "not given". */
export interface RawListRow {
  readonly number: string;
  readonly name: string;
  readonly timeZone: string;
  readonly notBefore: string;
  readonly data: Readonly<Record<string, string>>;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export class ListRowChecker {
  private readonly seen = new Set<string>();

  constructor(
    private readonly dnc: DncList,
    private readonly existing: ReadonlySet<string> = new Set(),
  ) {}

  check(line: number, row: RawListRow): CsvAccepted | CsvIssue {
    const issue = (code: CsvIssueCode, message: string): CsvIssue => ({ line, code, message });
    const raw = row.number.trim();
    if (raw === '') return issue('missing_column', 'the number is empty');
    let number: string;
    try {
      number = normalizeDialNumber(raw);
    } catch {
      return issue('bad_number', `not a phone number: ${raw.slice(0, 40)}`);
    }
    const tz = row.timeZone.trim();
    if (tz !== '' && !isValidTimeZone(tz)) return issue('bad_time_zone', `unknown time zone ${tz}`);
    const nb = row.notBefore.trim();
    if (nb !== '' && (!isoInstant.test(nb) || Number.isNaN(Date.parse(nb))))
      return issue(
        'bad_not_before',
        'not_before is an ISO 8601 time with a zone, e.g. 2026-12-01T09:00+08:00',
      );
    if (this.seen.has(number) || this.existing.has(number))
      return issue('duplicate', `${number} is already in the list`);
    if (this.dnc.blocks(number)) return issue('dnc', `${number} is on the do-not-call list`);
    this.seen.add(number);
    return {
      line,
      input: {
        number,
        name: row.name.trim(),
        data: row.data,
        timeZone: tz || null,
        notBefore: nb ? new Date(nb) : null,
      },
    };
  }
}
