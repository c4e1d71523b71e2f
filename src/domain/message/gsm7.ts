/**
 * The GSM 7-bit default alphabet and its basic extension table (3GPP TS 23.038 §6.2.1 and
 * §6.2.1.1), as SMPP carries it with data_coding 0x00: UNPACKED, one septet per octet. Packing
 * eight septets into seven octets is the SMSC's business on the radio side, not ours.
 */
import { DomainError } from '../errors.ts';

/** 23.038 §6.2.1: the 128 septets of the default alphabet, in septet order (0x1B is ESC). */
const basicTable =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Escape to the extension table (23.038 §6.2.1, septet 0x1B). */
export const gsm7Escape = 0x1b;

/** 23.038 §6.2.1.1: the characters reached by ESC + septet (form feed, ^{}\[~]| and €). */
const extensionTable: ReadonlyArray<readonly [septet: number, char: string]> = [
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
];

/** UTF-16 code unit → septet. Every GSM character is in the BMP, so one code unit each. */
const basicSeptet = new Map<number, number>();
for (let septet = 0; septet < basicTable.length; septet++) {
  // ESC is not a character a text can contain: it only introduces an extension septet.
  if (septet !== gsm7Escape) basicSeptet.set(basicTable.charCodeAt(septet), septet);
}
const extensionSeptet = new Map(extensionTable.map(([septet, ch]) => [ch.charCodeAt(0), septet]));
const extensionChar = new Map(extensionTable);

/** What a receiver shows for a septet it cannot map, instead of dropping the whole message. */
const replacement = '\uFFFD';

/**
 * Septets needed for one UTF-16 code unit: 1 in the default alphabet, 2 for an extension
 * character (ESC + septet), undefined when GSM 7-bit cannot carry it.
 */
export function gsm7Septets(codeUnit: number): 1 | 2 | undefined {
  if (basicSeptet.has(codeUnit)) return 1;
  if (extensionSeptet.has(codeUnit)) return 2;
  return undefined;
}

/** Whether every character of `text` is in the default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (gsm7Septets(text.charCodeAt(i)) === undefined) return false;
  }
  return true;
}

/** Encodes to unpacked septets; 'sms.invalid' when a character is not in the GSM alphabet. */
export function encodeGsm7(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const basic = basicSeptet.get(unit);
    if (basic !== undefined) {
      out.push(basic);
      continue;
    }
    const extension = extensionSeptet.get(unit);
    if (extension === undefined) {
      throw new DomainError('sms.invalid', 'character not in the GSM 7-bit alphabet', {
        index: i,
        codeUnit: unit,
      });
    }
    out.push(gsm7Escape, extension);
  }
  return Uint8Array.from(out);
}

/**
 * Decodes unpacked septets. Lenient on purpose, so a customer's message is never lost to one
 * bad octet: an octet above 0x7F becomes U+FFFD, and the escape rules of 23.038 apply — an
 * ESC followed by a septet missing from the extension table shows that septet's default
 * character (§6.2.1.1), ESC ESC (reserved for a further table) and a trailing ESC show a space.
 */
export function decodeGsm7(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const septet = bytes[i] ?? 0;
    if (septet !== gsm7Escape) {
      out += basicChar(septet);
      continue;
    }
    const next = bytes[i + 1];
    if (next === undefined || next === gsm7Escape) out += ' ';
    else out += extensionChar.get(next) ?? basicChar(next);
    i++;
  }
  return out;
}

function basicChar(septet: number): string {
  return septet < 0x80 ? basicTable.charAt(septet) : replacement;
}
