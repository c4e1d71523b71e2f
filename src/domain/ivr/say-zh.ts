/**
 * Mandarin readings, as prompt names under `zh/`: numbers with 十/百/千/万/亿 and the 零 rules,
 * amounts in 元/角/分, dates as 二零二六年十一月二十九日, and digit strings the way a telephone
 * operator reads them (1 is 幺).
 *
 * The rules, for an integer split into four-digit sections (个, 万, 亿) from the right:
 * - zeros inside a section, or a section's leading zeros after a higher non-zero section, or a
 *   whole zero section between two non-zero ones, are read as one 零; trailing zeros are silent
 *   (so 10086 is 一万零八十六, 100000001 一亿零一, 12005678 一千二百万五千六百七十八);
 * - 十 at the very start drops its 一 (十, 十五, 十万), elsewhere keeps it (一百一十, 一万零一十);
 * - a leading 2 before 百, 千, 万 or 亿 is 两 (两百, 两千, 两万, 两亿), never before 十 (二十);
 *   with a measure word (元, 角, 分) a lone 2 is 两 too (两元); everywhere else 2 is 二.
 */

/** Largest integer part read as a number; longer ones are read digit by digit. */
export const zhMaxIntegerDigits = 12;

const unitOfPlace = ['', 'zh/num-10', 'zh/bai', 'zh/qian'] as const;
const unitOfSection = ['', 'zh/wan', 'zh/yi'] as const;

/** 0 is 零, 1–9 are zh/num-1 … zh/num-9 (as digits, not as a number: 2 is 二). */
export const zhDigit = (d: number): string => (d === 0 ? 'zh/ling' : `zh/num-${d}`);

export interface ZhIntegerOptions {
  /** A measure word follows (元, 角, 分): a lone 2 is 两. */
  readonly measure?: boolean;
}

/** `digits` is a non-empty string of 0-9 without leading zeros (or '0'), ≤ 12 digits. */
export function zhInteger(digits: string, options: ZhIntegerOptions = {}): string[] {
  if (/^0+$/.test(digits)) return ['zh/ling'];
  const n = digits.replace(/^0+/, '');
  const sectionCount = Math.ceil(n.length / 4);
  const padded = n.padStart(sectionCount * 4, '0');
  const out: string[] = [];
  let started = false;
  let pendingZero = false;
  for (let k = sectionCount - 1; k >= 0; k--) {
    const section = padded.slice((sectionCount - 1 - k) * 4, (sectionCount - k) * 4);
    if (section === '0000') {
      if (started) pendingZero = true;
      continue;
    }
    for (let i = 0; i < 4; i++) {
      const place = 3 - i;
      const d = Number(section[i]);
      if (d === 0) {
        if (started) pendingZero = true;
        continue;
      }
      if (pendingZero) out.push('zh/ling');
      pendingZero = false;
      const first = !started;
      if (first && d === 1 && place === 1) {
        // 十, 十五, 十万: no 一 before a leading 十.
      } else if (first && d === 2 && place !== 1 && (place >= 2 || k > 0)) out.push('zh/liang');
      else if (first && d === 2 && options.measure === true && n === '2') out.push('zh/liang');
      else out.push(zhDigit(d));
      const unit = unitOfPlace[place];
      if (unit) out.push(unit);
      started = true;
    }
    const unit = unitOfSection[k];
    if (unit) out.push(unit);
    // Trailing zeros of a section are silent; only a lower section's leading zeros count.
    pendingZero = false;
  }
  return out;
}

/** '-12.5' style decimals: 负十二点五; the fraction digit by digit. */
export function zhNumber(sign: string, int: string, frac: string): string[] {
  const out = sign === '-' ? ['zh/fu'] : [];
  out.push(...zhInteger(int));
  if (frac !== '') out.push('zh/dian', ...[...frac].map((c) => zhDigit(Number(c))));
  return out;
}

/** An amount in fen (cents): 一千二百元五角, 十二元零五分, 五角, 零元. */
export function zhAmount(negative: boolean, yuan: string, jiao: number, fen: number): string[] {
  const out = negative ? ['zh/fu'] : [];
  const hasYuan = !/^0+$/.test(yuan);
  if (hasYuan) out.push(...zhInteger(yuan, { measure: true }), 'zh/yuan');
  if (jiao > 0) out.push(...zhInteger(String(jiao), { measure: true }), 'zh/jiao');
  if (fen > 0) {
    if (hasYuan && jiao === 0) out.push('zh/ling');
    out.push(...zhInteger(String(fen), { measure: true }), 'zh/fen');
  }
  if (!hasYuan && jiao === 0 && fen === 0) out.push('zh/ling', 'zh/yuan');
  return out;
}

/** 二零二六年十一月二十九日. */
export function zhDate(year: string, month: number, day: number): string[] {
  return [
    ...[...year].map((c) => zhDigit(Number(c))),
    'zh/nian',
    ...zhInteger(String(month)),
    'zh/yue',
    ...zhInteger(String(day)),
    'zh/ri',
  ];
}

const zhDigitWord: Readonly<Record<string, string>> = {
  '0': 'zh/ling',
  '1': 'zh/yao',
  '*': 'zh/xing',
  '#': 'zh/jing',
};

/** A telephone number or code, one key at a time: 幺零零八六. Other characters are skipped. */
export function zhDigits(value: string): string[] {
  const out: string[] = [];
  for (const c of value) {
    if (zhDigitWord[c] !== undefined) out.push(zhDigitWord[c]);
    else if (c >= '2' && c <= '9') out.push(zhDigit(Number(c)));
  }
  return out;
}

/** Every prompt the readings above can produce, with the text to record for it. */
export const zhVocabulary: readonly { readonly prompt: string; readonly text: string }[] = [
  { prompt: 'zh/ling', text: '零' },
  ...['一', '二', '三', '四', '五', '六', '七', '八', '九'].map((text, i) => ({
    prompt: `zh/num-${i + 1}`,
    text,
  })),
  { prompt: 'zh/num-10', text: '十' },
  { prompt: 'zh/bai', text: '百' },
  { prompt: 'zh/qian', text: '千' },
  { prompt: 'zh/wan', text: '万' },
  { prompt: 'zh/yi', text: '亿' },
  { prompt: 'zh/liang', text: '两' },
  { prompt: 'zh/yao', text: '幺' },
  { prompt: 'zh/dian', text: '点' },
  { prompt: 'zh/fu', text: '负' },
  { prompt: 'zh/yuan', text: '元' },
  { prompt: 'zh/jiao', text: '角' },
  { prompt: 'zh/fen', text: '分' },
  { prompt: 'zh/nian', text: '年' },
  { prompt: 'zh/yue', text: '月' },
  { prompt: 'zh/ri', text: '日' },
  { prompt: 'zh/xing', text: '星号' },
  { prompt: 'zh/jing', text: '井号' },
];
