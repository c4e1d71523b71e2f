/**
 * How an SMS will be sent, for the counter under the reply box: GSM 7-bit when every character
 * is in the GSM alphabet (160 per message, 153 per part of a long one; extension characters
 * such as € and [ take two), else UCS-2 (70 / 67, a surrogate pair is never split). The same
 * rules as src/domain/message/sms-text.ts, which the web app may not import.
 */
const basic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const extension = '\f^{}\\[~]|€';

const limits = { gsm7: { single: 160, part: 153 }, ucs2: { single: 70, part: 67 } } as const;

export interface SmsCount {
  encoding: 'gsm7' | 'ucs2';
  /** Septets (GSM) or UTF-16 units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Units still free in the last segment. */
  left: number;
}

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;

export function countSms(text: string): SmsCount {
  const gsm = [...text].every((ch) => basic.includes(ch) || extension.includes(ch));
  const encoding = gsm ? 'gsm7' : 'ucs2';
  const pieces: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (gsm) pieces.push(extension.includes(text[i] as string) ? 2 : 1);
    else if (isHigh(text.charCodeAt(i)) && i + 1 < text.length) {
      pieces.push(2);
      i++;
    } else pieces.push(1);
  }
  const units = pieces.reduce((a, b) => a + b, 0);
  const per = units <= limits[encoding].single ? limits[encoding].single : limits[encoding].part;
  let segments = 1;
  let used = 0;
  for (const size of pieces) {
    if (used + size > per) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments, left: per - used };
}
