import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  decodeGsm7,
  encodeGsm7,
  gsm7Escape,
  gsm7Septets,
  isGsm7,
} from '../../../src/domain/message/gsm7.ts';
import {
  buildSmsParts,
  concatUdh,
  decodeSmsPayload,
  decodeUcs2,
  encodeUcs2,
  parseUdh,
  planSms,
  smsSegmentCount,
  type SmsPart,
} from '../../../src/domain/message/sms-text.ts';
import { SmsReassembler } from '../../../src/domain/message/sms-reassembler.ts';
import { expectDomainError } from './expect-domain-error.ts';

/** Every character of the default alphabet and of the extension table (ESC excluded). */
const gsmChars =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà' +
  '\f^{}\\[~]|€';

/** 300 distinct CJK ideographs (U+4E00…), all in the BMP. */
const chinese300 = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');

/** What a receiver does with one submitted part: read the UDH, decode the rest. */
function receive(part: SmsPart) {
  const bytes = part.udh ? Uint8Array.from([...part.udh, ...part.payload]) : part.payload;
  const udh = part.udh ? parseUdh(bytes) : null;
  const text = decodeSmsPayload(part.dataCoding, bytes.subarray(udh?.headerLength ?? 0));
  return { concat: udh?.concat, text };
}

const lastUnitIsHighSurrogate = (s: string) => /[\uD800-\uDBFF]$/.test(s);

describe('GSM 7-bit alphabet', () => {
  it('accepts the default alphabet and extension table, nothing else', () => {
    expect(isGsm7(gsmChars)).toBe(true);
    expect(isGsm7('')).toBe(true);
    for (const text of ['ç', '中', 'naïve', '😀', '\u001b', '\t', '`']) {
      expect(isGsm7(text), text).toBe(false);
    }
  });

  it('maps characters to their 23.038 septets, extension characters as ESC + septet', () => {
    expect(Array.from(encodeGsm7('@£$¤¡Aà\n'))).toEqual([
      0x00, 0x01, 0x02, 0x24, 0x40, 0x41, 0x7f, 0x0a,
    ]);
    expect(Array.from(encodeGsm7('€\f^|'))).toEqual([
      gsm7Escape,
      0x65,
      gsm7Escape,
      0x0a,
      gsm7Escape,
      0x14,
      gsm7Escape,
      0x40,
    ]);
    expect(gsm7Septets('a'.charCodeAt(0))).toBe(1);
    expect(gsm7Septets('€'.charCodeAt(0))).toBe(2);
    expect(gsm7Septets('ç'.charCodeAt(0))).toBeUndefined();
  });

  it('round-trips every character', () => {
    const septets = encodeGsm7(gsmChars);
    expect(septets.length).toBe(127 + 2 * 10);
    expect(decodeGsm7(septets)).toBe(gsmChars);
  });

  it('refuses to encode a character outside the alphabet', () => {
    expectDomainError(() => encodeGsm7('ab中'), 'sms.invalid', { index: 2, codeUnit: 0x4e2d });
  });

  it('decodes leniently: unknown escapes, a trailing ESC and octets above 0x7F', () => {
    expect(decodeGsm7(Uint8Array.of(0x41, gsm7Escape, 0x41))).toBe('AA');
    expect(decodeGsm7(Uint8Array.of(0x41, gsm7Escape))).toBe('A ');
    expect(decodeGsm7(Uint8Array.of(gsm7Escape, gsm7Escape, 0x41))).toBe(' A');
    expect(decodeGsm7(Uint8Array.of(0x41, 0x80))).toBe('A\uFFFD');
  });
});

describe('UCS-2', () => {
  it('is UTF-16BE, surrogate pairs included', () => {
    expect(Array.from(encodeUcs2('中😀'))).toEqual([0x4e, 0x2d, 0xd8, 0x3d, 0xde, 0x00]);
    expect(decodeUcs2(encodeUcs2('中文 😀 ok'))).toBe('中文 😀 ok');
    expect(decodeUcs2(Uint8Array.of(0x00, 0x41, 0x42))).toBe('A\uFFFD');
  });
});

describe('planSms', () => {
  it('sends 160 ASCII characters as one GSM message and 161 as two parts', () => {
    const one = planSms('a'.repeat(160));
    expect(one).toMatchObject({ encoding: 'gsm7', dataCoding: 0, units: 160, perSegment: 160 });
    expect(one.segments.map((s) => s.length)).toEqual([160]);

    const two = planSms('a'.repeat(161));
    expect(two).toMatchObject({ encoding: 'gsm7', units: 161, perSegment: 153 });
    expect(two.segments.map((s) => s.length)).toEqual([153, 8]);
    expect(smsSegmentCount('a'.repeat(160))).toBe(1);
    expect(smsSegmentCount('a'.repeat(161))).toBe(2);
  });

  it('counts extension characters as 2 septets', () => {
    expect(planSms('€'.repeat(80))).toMatchObject({ units: 160, perSegment: 160 });
    expect(smsSegmentCount('€'.repeat(80))).toBe(1);
    expect(planSms('€'.repeat(81))).toMatchObject({ units: 162, perSegment: 153 });
    expect(smsSegmentCount('€'.repeat(81))).toBe(2);
  });

  it('never splits an escape sequence across parts', () => {
    const plan = planSms('a'.repeat(152) + '€' + 'b'.repeat(10));
    const [first, second] = plan.segments;
    expect(plan.units).toBe(164);
    // The euro would need septets 153 and 154: it moves whole to the second part.
    expect(first?.length).toBe(152);
    expect(first?.at(-1)).not.toBe(gsm7Escape);
    expect(Array.from(second ?? []).slice(0, 2)).toEqual([gsm7Escape, 0x65]);
  });

  it('uses UCS-2 as soon as one character is outside the GSM alphabet', () => {
    expect(planSms('Hello, ça va?')).toMatchObject({ encoding: 'ucs2', dataCoding: 8, units: 13 });
    expect(planSms('中'.repeat(70))).toMatchObject({ units: 70, perSegment: 70 });
    expect(smsSegmentCount('中'.repeat(70))).toBe(1);
    expect(smsSegmentCount('中'.repeat(71))).toBe(2);
  });

  it('cuts 300 Chinese characters into 5 UCS-2 parts of at most 67 units', () => {
    const plan = planSms(chinese300);
    expect(plan).toMatchObject({ encoding: 'ucs2', units: 300, perSegment: 67 });
    expect(plan.segments.map((s) => s.length / 2)).toEqual([67, 67, 67, 67, 32]);
  });

  it('counts an emoji as 2 units and never splits its surrogate pair', () => {
    expect(planSms('😀'.repeat(35))).toMatchObject({ units: 70, perSegment: 70 });
    expect(smsSegmentCount('😀'.repeat(36))).toBe(2);

    const text = '中'.repeat(66) + '😀' + '中'.repeat(10);
    const plan = planSms(text);
    expect(plan.units).toBe(78);
    const parts = plan.segments.map(decodeUcs2);
    expect(parts).toEqual(['中'.repeat(66), '😀' + '中'.repeat(10)]);
    for (const part of planSms('😀'.repeat(100)).segments.map(decodeUcs2)) {
      expect(lastUnitIsHighSurrogate(part)).toBe(false);
    }
  });

  it('sends an empty text as one empty message', () => {
    expect(planSms('')).toMatchObject({ encoding: 'gsm7', units: 0, perSegment: 160 });
    expect(planSms('').segments.map((s) => s.length)).toEqual([0]);
  });
});

describe('UDH', () => {
  it('builds the 8-bit reference concatenation header', () => {
    expect(Array.from(concatUdh(0xab, 3, 2))).toEqual([0x05, 0x00, 0x03, 0xab, 0x03, 0x02]);
  });

  it('parses 8- and 16-bit reference headers', () => {
    const eight = Uint8Array.from([...concatUdh(0xab, 3, 2), 0x41]);
    expect(parseUdh(eight)).toEqual({ concat: { ref: 0xab, total: 3, seq: 2 }, headerLength: 6 });

    const sixteen = Uint8Array.of(0x06, 0x08, 0x04, 0x12, 0x34, 0x02, 0x01, 0x41);
    expect(parseUdh(sixteen)).toEqual({
      concat: { ref: 0x1234, total: 2, seq: 1 },
      headerLength: 7,
    });
  });

  it('skips unknown information elements', () => {
    // A national language single shift IE (0x24) before the concatenation IE.
    const bytes = Uint8Array.of(0x08, 0x24, 0x01, 0x01, 0x00, 0x03, 0x07, 0x02, 0x01);
    expect(parseUdh(bytes)).toEqual({ concat: { ref: 7, total: 2, seq: 1 }, headerLength: 9 });
    expect(parseUdh(Uint8Array.of(0x03, 0x24, 0x01, 0x01))).toEqual({ headerLength: 4 });
    expect(parseUdh(Uint8Array.of(0x00, 0x41))).toEqual({ headerLength: 1 });
  });

  it('ignores a concatenation IE with a zero total or an out-of-range seq (23.040)', () => {
    expect(parseUdh(Uint8Array.of(0x05, 0x00, 0x03, 1, 0, 1))).toEqual({ headerLength: 6 });
    expect(parseUdh(Uint8Array.of(0x05, 0x00, 0x03, 1, 2, 0))).toEqual({ headerLength: 6 });
    expect(parseUdh(Uint8Array.of(0x05, 0x00, 0x03, 1, 2, 3))).toEqual({ headerLength: 6 });
  });

  it('rejects headers whose lengths do not add up', () => {
    const bad = [
      [],
      [0x05, 0x00, 0x03, 0x01, 0x02], // UDHL beyond the message
      [0x04, 0x00, 0x03, 0x01, 0x02], // IE overruns the header
      [0x04, 0x00, 0x02, 0x01, 0x02], // concatenation IE of length 2
      [0x06, 0x08, 0x03, 0x01, 0x02, 0x01, 0x00], // 16-bit IE of length 3
      [0x01, 0x24], // IE without its length octet
    ];
    for (const bytes of bad)
      expectDomainError(() => parseUdh(Uint8Array.from(bytes)), 'sms.invalid');
  });

  it('rejects references and part numbers that do not fit the header', () => {
    for (const [ref, total, seq] of [
      [256, 2, 1],
      [-1, 2, 1],
      [1, 0, 0],
      [1, 256, 1],
      [1, 2, 0],
      [1, 2, 3],
      [1.5, 2, 1],
    ] as const) {
      expectDomainError(() => concatUdh(ref, total, seq), 'sms.invalid');
    }
  });
});

describe('buildSmsParts', () => {
  it('sends a short text without UDH', () => {
    expect(buildSmsParts('Hi', 9)).toEqual([
      { udh: null, payload: Uint8Array.of(0x48, 0x69), dataCoding: 0 },
    ]);
  });

  it('numbers the parts of a long text under one reference', () => {
    const parts = buildSmsParts(chinese300, 42);
    expect(parts).toHaveLength(5);
    parts.forEach((part, i) => {
      expect(part.dataCoding).toBe(8);
      expect(Array.from(part.udh ?? [])).toEqual([0x05, 0x00, 0x03, 42, 5, i + 1]);
    });
  });

  it('rejects a bad reference and texts beyond 255 parts', () => {
    expectDomainError(() => buildSmsParts('Hi', 256), 'sms.invalid');
    expectDomainError(() => buildSmsParts('a'.repeat(153 * 255 + 1), 1), 'sms.invalid', {
      parts: 256,
    });
    expect(buildSmsParts('a'.repeat(153 * 255), 1)).toHaveLength(255);
  });

  it('gives back the original text for any string (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...gsmChars), maxLength: 500 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 255 }), (original, ref) => {
        const parts = buildSmsParts(original, ref);
        const plan = planSms(original);
        for (const [i, part] of parts.entries()) {
          const units = plan.encoding === 'gsm7' ? part.payload.length : part.payload.length / 2;
          expect(units).toBeLessThanOrEqual(plan.perSegment);
          if (i < parts.length - 1) {
            expect(part.payload.at(-1)).not.toBe(gsm7Escape);
            expect(lastUnitIsHighSurrogate(decodeUcs2(part.payload))).toBe(false);
          }
        }
        expect(parts.map((p) => receive(p).text).join('')).toBe(original);
      }),
    );
  });
});

describe('decodeSmsPayload', () => {
  it('decodes each supported data_coding', () => {
    expect(decodeSmsPayload(0x00, encodeGsm7('Prix: 5€ [ok]'))).toBe('Prix: 5€ [ok]');
    expect(decodeSmsPayload(0x01, Uint8Array.of(0x48, 0x69, 0x80))).toBe('Hi\uFFFD');
    expect(decodeSmsPayload(0x03, Uint8Array.of(0x63, 0x61, 0x66, 0xe9))).toBe('café');
    expect(decodeSmsPayload(0x08, encodeUcs2('你好 😀'))).toBe('你好 😀');
  });

  it('rejects other data codings', () => {
    for (const dataCoding of [0x02, 0x04, 0xf0]) {
      expectDomainError(
        () => decodeSmsPayload(dataCoding, Uint8Array.of(1)),
        'sms.unsupported_coding',
        {
          dataCoding,
        },
      );
    }
  });
});

describe('SmsReassembler', () => {
  const from = { from: '8613800138000' };
  const part = (seq: number, text: string, total = 3, ref = 7) => ({ ref, total, seq, text });

  it('reassembles 300 Chinese characters whatever order the parts come in', () => {
    const received = buildSmsParts(chinese300, 42).map(receive);
    const order = [3, 0, 4, 1, 2];
    const r = new SmsReassembler();
    const results = order.map((i, n) => {
      const { concat, text } = received[i] ?? { concat: undefined, text: '' };
      if (!concat) throw new Error('part without concatenation header');
      return r.add(from, { ...concat, text }, 1000 + n);
    });
    expect(results.slice(0, 4)).toEqual([null, null, null, null]);
    expect(results[4]).toBe(chinese300);
    expect(r.size).toBe(0);
  });

  it('passes a single-part message straight through', () => {
    const r = new SmsReassembler();
    expect(r.add(from, part(1, 'Hi', 1), 0)).toBe('Hi');
    expect(r.size).toBe(0);
  });

  it('ignores duplicates, before and after completion', () => {
    const r = new SmsReassembler();
    expect(r.add(from, part(2, 'B'), 0)).toBeNull();
    expect(r.add(from, part(2, 'B'), 1)).toBeNull();
    expect(r.add(from, part(2, 'X'), 1)).toBeNull();
    expect(r.add(from, part(1, 'A'), 2)).toBeNull();
    expect(r.add(from, part(3, 'C'), 3)).toBe('ABC');
    // The SMSC resends a part whose deliver_sm_resp it missed: no new message starts.
    expect(r.add(from, part(3, 'C'), 4)).toBeNull();
    expect(r.size).toBe(0);
    expect(r.expire(1_000_000, 10)).toEqual([]);
  });

  it('starts a new message when a completed reference comes back with other text', () => {
    const r = new SmsReassembler();
    r.add(from, part(1, 'A', 2), 0);
    expect(r.add(from, part(2, 'B', 2), 0)).toBe('AB');
    expect(r.add(from, part(1, 'C', 2), 5)).toBeNull();
    expect(r.add(from, part(2, 'D', 2), 6)).toBe('CD');
  });

  it('keeps senders, references and totals apart', () => {
    const r = new SmsReassembler();
    r.add(from, part(1, 'A'), 0);
    r.add({ from: '10086' }, part(2, 'x'), 0);
    r.add(from, part(2, 'y', 3, 8), 0);
    r.add(from, part(3, 'z', 4), 0);
    expect(r.add(from, part(2, 'B'), 0)).toBeNull();
    expect(r.add(from, part(3, 'C'), 0)).toBe('ABC');
    expect(r.size).toBe(3);
  });

  it('expires incomplete messages after maxAgeMs, marking each gap', () => {
    const r = new SmsReassembler();
    r.add(from, part(1, 'Hello ', 5), 0);
    r.add(from, part(4, 'world', 5), 10);
    r.add({ from: '10086' }, part(2, 'late'), 500);
    expect(r.expire(1000, 1000)).toEqual([]);
    expect(r.expire(1001, 1000)).toEqual([
      { from: from.from, text: 'Hello …world…', missing: [2, 3, 5] },
    ]);
    expect(r.size).toBe(1);
    expect(r.expire(2000, 1000)).toEqual([{ from: '10086', text: '…late…', missing: [1, 3] }]);
    expect(r.size).toBe(0);
  });

  it('holds at most 1000 messages, handing the oldest to the next expire()', () => {
    const r = new SmsReassembler();
    for (let i = 0; i < 1001; i++) r.add({ from: `+${i}` }, part(1, `m${i}`, 2), i);
    expect(r.size).toBe(1000);
    expect(r.expire(1001, 60_000)).toEqual([{ from: '+0', text: 'm0…', missing: [2] }]);
    expect(r.expire(1001, 60_000)).toEqual([]);
    expect(r.add({ from: '+1' }, part(2, '!', 2), 1002)).toBe('m1!');
  });

  it('rejects part numbers no UDH can carry', () => {
    const r = new SmsReassembler();
    for (const bad of [part(0, 'A'), part(4, 'A'), part(1, 'A', 0), part(1, 'A', 3, 0x10000)]) {
      expectDomainError(() => r.add(from, bad, 0), 'sms.invalid');
    }
  });
});
