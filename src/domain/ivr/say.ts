/**
 * "Say" prompts: a value read aloud as a sequence of short recorded words. `say('zh', 'amount',
 * '1200.50')` is `zh/num-1 zh/qian zh/num-2 zh/bai zh/yuan zh/num-5 zh/jiao` (一千二百元五角);
 * `say('en', 'date', '2026-11-29')` is "November twenty-ninth, twenty twenty-six".
 *
 * Values are strings, as IVR variables are:
 * - number: `-?digits(.digits)?`, e.g. '10086', '-3.25'; a whole number longer than 12 digits
 *   is read digit by digit (and a longer one with a sign or a fraction cannot be said);
 * - amount: the same, rounded half away from zero to cents (分), e.g. '1200.5' or '0.05';
 * - date: 'YYYY-MM-DD', a real calendar date (years 1000–9999);
 * - digits: any string; the keys 0-9 * # in it are read one at a time, the rest is skipped.
 *
 * A value that does not fit its kind cannot be said: `say` answers null and never throws.
 * Every prompt name it can produce is in {@link sayVocabulary}, which the prompt generator
 * records.
 */
import {
  enAmount,
  enDate,
  enDigits,
  enMaxIntegerDigits,
  enNumber,
  enVocabulary,
} from './say-en.ts';
import type { IvrLanguage } from './ivr-language.ts';
import {
  zhAmount,
  zhDate,
  zhDigits,
  zhMaxIntegerDigits,
  zhNumber,
  zhVocabulary,
} from './say-zh.ts';

export const sayKinds = ['number', 'amount', 'date', 'digits'] as const;
export type SayKind = (typeof sayKinds)[number];

export const isSayKind = (s: unknown): s is SayKind =>
  typeof s === 'string' && (sayKinds as readonly string[]).includes(s);

/** One word of the vocabulary: its prompt name ('zh/wan') and the text to record ('万'). */
export interface SayWord {
  readonly prompt: string;
  readonly text: string;
}

/** Longest value `say` looks at; longer ones cannot be said. */
export const maxSayLength = 64;

const decimal = /^(-?)(\d+)(?:\.(\d+))?$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

const maxIntegerDigits: Readonly<Record<IvrLanguage, number>> = {
  zh: zhMaxIntegerDigits,
  en: enMaxIntegerDigits,
};

/** The prompts that read `value` as `kind` in `language`, or null when it cannot be read so. */
export function say(language: IvrLanguage, kind: SayKind, value: string): string[] | null {
  if (typeof value !== 'string' || value.length > maxSayLength) return null;
  switch (kind) {
    case 'number':
      return sayNumber(language, value);
    case 'amount':
      return sayAmount(language, value);
    case 'date':
      return sayDate(language, value);
    case 'digits':
      return language === 'zh' ? zhDigits(value) : enDigits(value);
  }
}

function sayNumber(language: IvrLanguage, value: string): string[] | null {
  const m = decimal.exec(value);
  if (!m) return null;
  const [, sign = '', rawInt = '', frac = ''] = m;
  const int = stripZeros(rawInt);
  if (int.length > maxIntegerDigits[language])
    // Too long to read as a number (an account number, say): read it key by key.
    return sign === '' && frac === '' ? say(language, 'digits', value) : null;
  return language === 'zh' ? zhNumber(sign, int, frac) : enNumber(sign, int, frac);
}

function sayAmount(language: IvrLanguage, value: string): string[] | null {
  const m = decimal.exec(value);
  if (!m) return null;
  const [, sign = '', rawInt = '', frac = ''] = m;
  // Whole cents, rounded half away from zero, computed on the digits (no binary floating point).
  let cents = BigInt(rawInt) * 100n + BigInt((frac + '00').slice(0, 2));
  if ((frac[2] ?? '0') >= '5') cents += 1n;
  const units = (cents / 100n).toString();
  if (units.length > maxIntegerDigits[language]) return null;
  const sub = Number(cents % 100n);
  const negative = sign === '-' && cents > 0n;
  return language === 'zh'
    ? zhAmount(negative, units, Math.floor(sub / 10), sub % 10)
    : enAmount(negative, units, sub);
}

function sayDate(language: IvrLanguage, value: string): string[] | null {
  const m = isoDate.exec(value);
  if (!m) return null;
  const [, y = '', mm = '', dd = ''] = m;
  const year = Number(y);
  const month = Number(mm);
  const day = Number(dd);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return null;
  return language === 'zh' ? zhDate(y, month, day) : enDate(y, month, day);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const stripZeros = (s: string) => s.replace(/^0+(?=\d)/, '');

/** Every prompt `say` can produce in `language`, with the text to record for each. */
export function sayVocabulary(language: IvrLanguage): readonly SayWord[] {
  return language === 'zh' ? zhVocabulary : enVocabulary;
}
