import { describe, expect, it } from 'vitest';
import { CsvListReader, readCsvList } from '../../../../src/domain/dialer/csv-list.ts';
import { CsvTokenizer, type CsvRow } from '../../../../src/domain/dialer/csv-tokenizer.ts';
import { DncList } from '../../../../src/domain/dialer/dnc.ts';
import { expectDomainError } from '../expect-domain-error.ts';

const dnc = new DncList(['8613900139000']);

function rows(text: string, chunk = 1): CsvRow[] {
  const out: CsvRow[] = [];
  const t = new CsvTokenizer((r) => out.push(r));
  for (let i = 0; i < text.length; i += chunk) t.push(text.slice(i, i + chunk));
  t.end();
  return out;
}

describe('CSV tokenizer', () => {
  it('reads RFC 4180 quoting, BOM and CRLF, whatever the chunking', () => {
    const text = '\uFEFFa,b\r\n"x, ""y""","line1\r\nline2"\r\n\r\nlast,"q"';
    for (const chunk of [1, 2, 3, 7, 1000]) {
      expect(rows(text, chunk)).toEqual([
        { line: 1, fields: ['a', 'b'], malformed: false },
        { line: 2, fields: ['x, "y"', 'line1\r\nline2'], malformed: false },
        { line: 5, fields: ['last', 'q'], malformed: false },
      ]);
    }
  });

  it('flags an unclosed quote and text after a closing quote', () => {
    expect(rows('a,"b\n')).toEqual([{ line: 1, fields: ['a', 'b\n'], malformed: true }]);
    expect(rows('"a"b,c\n')[0]?.malformed).toBe(true);
    expect(rows('a\rb\r')).toEqual([
      { line: 1, fields: ['a'], malformed: false },
      { line: 2, fields: ['b'], malformed: false },
    ]);
  });
});

describe('contact list CSV', () => {
  it('reports each rejected line with its code and keeps the rest', () => {
    const text = [
      'Number,Name,time_zone,not_before,plan',
      '13800138000,张三,,,gold',
      'not a number,李四,,,',
      '+86 138 0013 8000,dup,,,',
      '13900139000,blocked,,,',
      '13700137000,short',
      '13700137000,extra,,,,x',
      '13600136000,王五,Europe/Nowhere,,',
      '13500135000,赵六,,tomorrow,',
      '13400134000,"Qian, Qi",Europe/London,2026-12-01T09:00+08:00,"a ""vip"""',
      ',empty,,,',
    ].join('\r\n');
    const { accepted, rejected } = readCsvList(text, { dnc, existing: new Set(['8613300133000']) });
    expect(rejected.map((r) => [r.line, r.code])).toEqual([
      [3, 'bad_number'],
      [4, 'duplicate'],
      [5, 'dnc'],
      [6, 'missing_column'],
      [7, 'extra_column'],
      [8, 'bad_time_zone'],
      [9, 'bad_not_before'],
      [11, 'missing_column'],
    ]);
    expect(accepted).toEqual([
      {
        line: 2,
        input: {
          number: '8613800138000',
          name: '张三',
          data: { plan: 'gold' },
          timeZone: null,
          notBefore: null,
        },
      },
      {
        line: 10,
        input: {
          number: '8613400134000',
          name: 'Qian, Qi',
          data: { plan: 'a "vip"' },
          timeZone: 'Europe/London',
          notBefore: new Date('2026-12-01T01:00:00Z'),
        },
      },
    ]);
  });

  it('rejects numbers already in the campaign as duplicates', () => {
    const r = readCsvList('number\n13300133000\n', { dnc, existing: new Set(['8613300133000']) });
    expect(r.rejected).toEqual([
      { line: 2, code: 'duplicate', message: '8613300133000 is already in the list' },
    ]);
  });

  it('needs a header with a number column', () => {
    expectDomainError(() => readCsvList('', { dnc }), 'dialer.invalid_csv');
    expectDomainError(() => readCsvList('phone,name\n1,2\n', { dnc }), 'dialer.invalid_csv', {
      line: 1,
      header: ['phone', 'name'],
    });
  });

  it('reports progress while a large file streams through', () => {
    const lines = ['number,name'];
    for (let i = 0; i < 20000; i++) lines.push(`138${String(i).padStart(8, '0')},n${i}`);
    lines.push('13800000007,again'); // the number of line 9 again
    const text = lines.join('\n');
    const seen: number[] = [];
    const reader = new CsvListReader({ dnc, onProgress: (p) => seen.push(p.rows) });
    for (let i = 0; i < text.length; i += 16_384) reader.push(text.slice(i, i + 16_384));
    const r = reader.end();
    expect(r.accepted).toHaveLength(20000);
    expect(r.rejected).toEqual([
      { line: 20002, code: 'duplicate', message: '8613800000007 is already in the list' },
    ]);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('caps the rows of one import', () => {
    const r = readCsvList('number\n13800138000\n13800138001\n13800138002\n', { dnc, maxRows: 2 });
    expect(r.accepted).toHaveLength(2);
    expect(r.rejected).toEqual([
      { line: 4, code: 'too_many_rows', message: 'a list holds at most 2 rows' },
    ]);
  });
});
