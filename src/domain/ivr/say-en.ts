/**
 * English readings, as prompt names under `en/`, in British style: "one hundred and
 * twenty-three", "one thousand and five", dollars and cents, dates as "November twenty-ninth,
 * twenty twenty-six", and digit strings one key at a time.
 *
 * Compound words are two prompts (twenty-three is `en/num-20`, `en/num-3`; twenty-ninth is
 * `en/num-20`, `en/ord-9`), so the vocabulary stays small.
 */

/** Largest integer part read as a number (up to the hundreds of billions). */
export const enMaxIntegerDigits = 12;

const groupWords = ['', 'en/thousand', 'en/million', 'en/billion'] as const;

/** 1..99. */
function underHundred(n: number): string[] {
  if (n < 20) return [`en/num-${n}`];
  const tens = Math.floor(n / 10) * 10;
  const units = n % 10;
  return units === 0 ? [`en/num-${tens}`] : [`en/num-${tens}`, `en/num-${units}`];
}

/** 1..999: "one hundred and five". */
function underThousand(n: number): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const out = hundreds > 0 ? [`en/num-${hundreds}`, 'en/hundred'] : [];
  if (rest > 0) {
    if (hundreds > 0) out.push('en/and');
    out.push(...underHundred(rest));
  }
  return out;
}

/** `digits` is a non-empty string of 0-9, ≤ 12 digits. */
export function enInteger(digits: string): string[] {
  const n = digits.replace(/^0+/, '');
  if (n === '') return ['en/num-0'];
  const groupCount = Math.ceil(n.length / 3);
  const padded = n.padStart(groupCount * 3, '0');
  const out: string[] = [];
  for (let g = groupCount - 1; g >= 0; g--) {
    const value = Number(padded.slice((groupCount - 1 - g) * 3, (groupCount - g) * 3));
    if (value === 0) continue;
    // "one thousand and five": the last group takes "and" when it has no hundreds.
    if (g === 0 && out.length > 0 && value < 100) out.push('en/and');
    out.push(...underThousand(value));
    const word = groupWords[g];
    if (word) out.push(word);
  }
  return out;
}

const enDigitWord: Readonly<Record<string, string>> = { '*': 'en/star', '#': 'en/pound' };

/** '-12.5': minus twelve point five. */
export function enNumber(sign: string, int: string, frac: string): string[] {
  const out = sign === '-' ? ['en/minus'] : [];
  out.push(...enInteger(int));
  if (frac !== '') out.push('en/point', ...[...frac].map((c) => `en/num-${c}`));
  return out;
}

/** "one thousand two hundred dollars and fifty cents", "one dollar", "five cents". */
export function enAmount(negative: boolean, dollars: string, cents: number): string[] {
  const out = negative ? ['en/minus'] : [];
  const hasDollars = !/^0+$/.test(dollars);
  if (hasDollars || cents === 0)
    out.push(...enInteger(dollars), /^0*1$/.test(dollars) ? 'en/dollar' : 'en/dollars');
  if (cents > 0) {
    if (hasDollars) out.push('en/and');
    out.push(...underHundred(cents), cents === 1 ? 'en/cent' : 'en/cents');
  }
  return out;
}

function ordinal(day: number): string[] {
  if (day < 20 || day % 10 === 0) return [`en/ord-${day}`];
  return [`en/num-${Math.floor(day / 10) * 10}`, `en/ord-${day % 10}`];
}

/** 2026 "twenty twenty-six", 1900 "nineteen hundred", 1905 "nineteen oh five", 2005 "two thousand and five". */
function year(y: string): string[] {
  const n = Number(y);
  if (n < 1000 || (n >= 2000 && n < 2010) || n % 1000 === 0) return enInteger(y);
  const high = Math.floor(n / 100);
  const low = n % 100;
  if (low === 0) return [...underHundred(high), 'en/hundred'];
  if (low < 10) return [...underHundred(high), 'en/oh', `en/num-${low}`];
  return [...underHundred(high), ...underHundred(low)];
}

/** November twenty-ninth, twenty twenty-six. */
export function enDate(y: string, month: number, day: number): string[] {
  return [`en/month-${month}`, ...ordinal(day), ...year(y)];
}

/** One key at a time: "one zero zero eight six". Other characters are skipped. */
export function enDigits(value: string): string[] {
  const out: string[] = [];
  for (const c of value) {
    if (enDigitWord[c] !== undefined) out.push(enDigitWord[c]);
    else if (c >= '0' && c <= '9') out.push(`en/num-${c}`);
  }
  return out;
}

const units = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ordinals = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];

/** Every prompt the readings above can produce, with the text to record for it. */
export const enVocabulary: readonly { readonly prompt: string; readonly text: string }[] = [
  ...units.map((text, i) => ({ prompt: `en/num-${i}`, text })),
  ...tens.map((text, i) => ({ prompt: `en/num-${(i + 2) * 10}`, text })),
  { prompt: 'en/hundred', text: 'hundred' },
  { prompt: 'en/thousand', text: 'thousand' },
  { prompt: 'en/million', text: 'million' },
  { prompt: 'en/billion', text: 'billion' },
  { prompt: 'en/and', text: 'and' },
  { prompt: 'en/point', text: 'point' },
  { prompt: 'en/minus', text: 'minus' },
  { prompt: 'en/dollar', text: 'dollar' },
  { prompt: 'en/dollars', text: 'dollars' },
  { prompt: 'en/cent', text: 'cent' },
  { prompt: 'en/cents', text: 'cents' },
  { prompt: 'en/oh', text: 'oh' },
  { prompt: 'en/star', text: 'star' },
  { prompt: 'en/pound', text: 'pound' },
  ...months.map((text, i) => ({ prompt: `en/month-${i + 1}`, text })),
  ...ordinals.map((text, i) => ({ prompt: `en/ord-${i + 1}`, text })),
  { prompt: 'en/ord-20', text: 'twentieth' },
  { prompt: 'en/ord-30', text: 'thirtieth' },
];
