import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { say, sayKinds, sayVocabulary } from '../../../../src/domain/ivr/say.ts';
import type { IvrLanguage } from '../../../../src/domain/ivr/ivr-language.ts';

/** '一万零八十六' → ['zh/num-1', 'zh/wan', …], through the vocabulary's own texts. */
function zh(text: string): string[] {
  const byText = new Map(sayVocabulary('zh').map((w) => [w.text, w.prompt]));
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    const two = byText.get(text.slice(i, i + 2));
    if (two !== undefined) {
      out.push(two);
      i += 2;
      continue;
    }
    const one = byText.get(text.charAt(i));
    if (one === undefined) throw new Error(`no prompt for '${text.charAt(i)}' in ${text}`);
    out.push(one);
    i += 1;
  }
  return out;
}

/** 'one hundred and twenty-three' → ['en/num-1', 'en/hundred', 'en/and', 'en/num-20', 'en/num-3']. */
function en(text: string): string[] {
  const byText = new Map(sayVocabulary('en').map((w) => [w.text.toLowerCase(), w.prompt]));
  return text
    .split(/[\s,-]+/)
    .filter((w) => w !== '')
    .map((w) => {
      const p = byText.get(w.toLowerCase());
      if (p === undefined) throw new Error(`no prompt for '${w}'`);
      return p;
    });
}

/** A strict reader of Mandarin numbers, as a listener would hear them. */
function parseZh(words: readonly string[]): number {
  const digit = (w: string): number | null => {
    if (w === 'zh/ling') return 0;
    if (w === 'zh/liang') return 2;
    const m = /^zh\/num-([1-9])$/.exec(w);
    return m ? Number(m[1]) : null;
  };
  const units: Record<string, number> = { 'zh/num-10': 10, 'zh/bai': 100, 'zh/qian': 1000 };
  let total = 0;
  let section = 0;
  let cur = 0;
  words.forEach((w, i) => {
    const d = digit(w);
    if (d !== null) cur = d;
    else if (units[w] !== undefined) {
      if (cur === 0 && !(w === 'zh/num-10' && i === 0)) throw new Error(`bare ${w} at ${i}`);
      section += (cur || 1) * units[w];
      cur = 0;
    } else if (w === 'zh/wan') {
      total += (section + cur) * 10_000;
      section = cur = 0;
    } else if (w === 'zh/yi') {
      total = (total + section + cur) * 100_000_000;
      section = cur = 0;
    } else throw new Error(`unexpected ${w}`);
  });
  return total + section + cur;
}

/** A reader of English numbers ("one million and twenty-three"). */
function parseEn(words: readonly string[]): number {
  const scales: Record<string, number> = {
    'en/thousand': 1e3,
    'en/million': 1e6,
    'en/billion': 1e9,
  };
  let total = 0;
  let group = 0;
  for (const w of words) {
    const m = /^en\/num-(\d+)$/.exec(w);
    if (m) group += Number(m[1]);
    else if (w === 'en/hundred') group *= 100;
    else if (scales[w] !== undefined) {
      total += group * scales[w];
      group = 0;
    } else if (w !== 'en/and') throw new Error(`unexpected ${w}`);
  }
  return total + group;
}

describe('say, Mandarin numbers', () => {
  it.each([
    ['0', '零'],
    ['1', '一'],
    ['2', '二'],
    ['10', '十'],
    ['11', '十一'],
    ['15', '十五'],
    ['20', '二十'],
    ['22', '二十二'],
    ['100', '一百'],
    ['101', '一百零一'],
    ['110', '一百一十'],
    ['200', '两百'],
    ['1000', '一千'],
    ['1001', '一千零一'],
    ['1010', '一千零一十'],
    ['1200', '一千二百'],
    ['2000', '两千'],
    ['2222', '两千二百二十二'],
    ['10000', '一万'],
    ['10086', '一万零八十六'],
    ['20000', '两万'],
    ['200000', '二十万'],
    ['100000', '十万'],
    ['100010', '十万零一十'],
    ['1000000', '一百万'],
    ['12005678', '一千二百万五千六百七十八'],
    ['100000001', '一亿零一'],
    ['100010000', '一亿零一万'],
    ['200000000', '两亿'],
    ['999999999999', '九千九百九十九亿九千九百九十九万九千九百九十九'],
    ['007', '七'],
    ['3.14', '三点一四'],
    ['0.5', '零点五'],
    ['-5', '负五'],
  ])('%s is %s', (value, reading) => {
    expect(say('zh', 'number', value)).toEqual(zh(reading));
  });

  it('reads a whole number too long for the units digit by digit', () => {
    expect(say('zh', 'number', '1234567890123')).toEqual(zh('幺二三四五六七八九零幺二三'));
    expect(say('zh', 'number', '1234567890123.5')).toBeNull();
  });

  it('reads amounts in 元, 角 and 分, rounded to 分', () => {
    const table: [string, string][] = [
      ['1200.50', '一千二百元五角'],
      ['1200.5', '一千二百元五角'],
      ['12.05', '十二元零五分'],
      ['12.35', '十二元三角五分'],
      ['0.5', '五角'],
      ['0.05', '五分'],
      ['0', '零元'],
      ['0.00', '零元'],
      ['2', '两元'],
      ['2.22', '两元两角两分'],
      ['12', '十二元'],
      ['100', '一百元'],
      ['0.005', '一分'],
      ['0.994', '九角九分'],
      ['0.995', '一元'],
      ['-3.5', '负三元五角'],
      ['-0.001', '零元'],
      ['10086', '一万零八十六元'],
    ];
    for (const [value, reading] of table)
      expect(say('zh', 'amount', value), value).toEqual(zh(reading));
  });

  it('reads dates with the year digit by digit', () => {
    expect(say('zh', 'date', '2026-11-29')).toEqual(zh('二零二六年十一月二十九日'));
    expect(say('zh', 'date', '2000-01-01')).toEqual(zh('二零零零年一月一日'));
    expect(say('zh', 'date', '2024-02-29')).toEqual(zh('二零二四年二月二十九日'));
    expect(say('zh', 'date', '2026-10-20')).toEqual(zh('二零二六年十月二十日'));
  });

  it('reads digit strings as a telephone operator does (1 is 幺)', () => {
    expect(say('zh', 'digits', '10086')).toEqual(zh('幺零零八六'));
    expect(say('zh', 'digits', '138-0013')).toEqual(zh('幺三八零零幺三'));
    expect(say('zh', 'digits', '*#2')).toEqual(zh('星号井号二'));
    expect(say('zh', 'digits', '')).toEqual([]);
  });
});

describe('say, English', () => {
  it.each([
    ['0', 'zero'],
    ['7', 'seven'],
    ['13', 'thirteen'],
    ['20', 'twenty'],
    ['21', 'twenty-one'],
    ['100', 'one hundred'],
    ['105', 'one hundred and five'],
    ['123', 'one hundred and twenty-three'],
    ['1000', 'one thousand'],
    ['1005', 'one thousand and five'],
    ['1200', 'one thousand two hundred'],
    ['1234', 'one thousand two hundred and thirty-four'],
    ['1000000', 'one million'],
    ['1000023', 'one million and twenty-three'],
    ['2000001000', 'two billion one thousand'],
    ['3.5', 'three point five'],
    ['-2', 'minus two'],
  ])('%s is %s', (value, reading) => {
    expect(say('en', 'number', value)).toEqual(en(reading));
  });

  it('reads amounts in dollars and cents', () => {
    const table: [string, string][] = [
      ['1200.50', 'one thousand two hundred dollars and fifty cents'],
      ['1', 'one dollar'],
      ['0.01', 'one cent'],
      ['0.5', 'fifty cents'],
      ['0', 'zero dollars'],
      ['21.01', 'twenty-one dollars and one cent'],
      ['-3', 'minus three dollars'],
    ];
    for (const [value, reading] of table)
      expect(say('en', 'amount', value), value).toEqual(en(reading));
  });

  it('reads dates as month, ordinal day and year', () => {
    const table: [string, string][] = [
      ['2026-11-29', 'November twenty-ninth, twenty twenty-six'],
      ['2000-01-01', 'January first, two thousand'],
      ['2005-03-02', 'March second, two thousand and five'],
      ['1999-12-31', 'December thirty-first, nineteen ninety-nine'],
      ['1905-07-04', 'July fourth, nineteen oh five'],
      ['1900-10-20', 'October twentieth, nineteen hundred'],
      ['2010-05-30', 'May thirtieth, twenty ten'],
      ['2100-06-22', 'June twenty-second, twenty-one hundred'],
    ];
    for (const [value, reading] of table)
      expect(say('en', 'date', value), value).toEqual(en(reading));
  });

  it('reads digit strings one key at a time', () => {
    expect(say('en', 'digits', '10086')).toEqual(en('one zero zero eight six'));
    expect(say('en', 'digits', '*#')).toEqual(en('star pound'));
  });
});

describe('say, values it cannot read', () => {
  it.each([
    ['number', 'abc'],
    ['number', '1.'],
    ['number', '1e5'],
    ['amount', '12,00'],
    ['amount', ''],
    ['amount', '1234567890123'],
    ['date', '2023-02-29'],
    ['date', '2026-13-01'],
    ['date', '2026-00-10'],
    ['date', '20261129'],
    ['date', '0999-01-01'],
    ['number', '1'.repeat(65)],
  ] as const)('%s %j is null', (kind, value) => {
    expect(say('zh', kind, value)).toBeNull();
    expect(say('en', kind, value)).toBeNull();
  });
});

describe('say, properties', () => {
  const languages: IvrLanguage[] = ['zh', 'en'];

  it('reads 0..10^9 in Mandarin without 零零, without a final 零, and back to the number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (n) => {
        const words = say('zh', 'number', String(n)) ?? [];
        for (let i = 1; i < words.length; i++)
          expect(words[i] === 'zh/ling' && words[i - 1] === 'zh/ling').toBe(false);
        if (n !== 0) expect(words[words.length - 1]).not.toBe('zh/ling');
        expect(parseZh(words)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the numbers just around every unit boundary back to themselves', () => {
    for (let p = 1; p <= 11; p++)
      for (const n of [10 ** p - 1, 10 ** p, 10 ** p + 1, 2 * 10 ** p, 10 ** p + 10]) {
        expect(parseZh(say('zh', 'number', String(n)) ?? []), String(n)).toBe(n);
        expect(parseEn(say('en', 'number', String(n)) ?? []), String(n)).toBe(n);
      }
  });

  it('reads 0..10^12-1 in English back to the number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
        expect(parseEn(say('en', 'number', String(n)) ?? [])).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads amounts back to the same number of cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (cents) => {
        const value = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        const zhWords = say('zh', 'amount', value) ?? [];
        const zhAt = (unit: string) => zhWords.indexOf(unit);
        const yuanEnd = zhAt('zh/yuan');
        const yuan = yuanEnd < 0 ? 0 : parseZh(zhWords.slice(0, yuanEnd));
        const rest = zhWords.slice(yuanEnd + 1).filter((w) => w !== 'zh/ling');
        const jiao = rest.includes('zh/jiao') ? parseZh(rest.slice(0, rest.indexOf('zh/jiao'))) : 0;
        const afterJiao = rest.includes('zh/jiao') ? rest.slice(rest.indexOf('zh/jiao') + 1) : rest;
        const fen = afterJiao.includes('zh/fen') ? parseZh(afterJiao.slice(0, -1)) : 0;
        expect(yuan * 100 + jiao * 10 + fen).toBe(cents);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and only names prompts of the vocabulary', () => {
    const vocab = {
      zh: new Set(sayVocabulary('zh').map((w) => w.prompt)),
      en: new Set(sayVocabulary('en').map((w) => w.prompt)),
    };
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.stringMatching(/^-?\d{1,14}(\.\d{1,4})?$/),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.stringMatching(/^[0-9*#]{0,20}$/),
    );
    fc.assert(
      fc.property(fc.constantFrom(...languages), fc.constantFrom(...sayKinds), value, (l, k, v) => {
        const words = say(l, k, v);
        if (words !== null) for (const w of words) expect(vocab[l].has(w), w).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('has a vocabulary of unique prompts under the language folder, each with a text', () => {
    for (const l of languages) {
      const words = sayVocabulary(l);
      expect(new Set(words.map((w) => w.prompt)).size).toBe(words.length);
      for (const w of words) {
        expect(w.prompt.startsWith(`${l}/`)).toBe(true);
        expect(w.text.length).toBeGreaterThan(0);
      }
    }
  });
});
