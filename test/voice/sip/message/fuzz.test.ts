/**
 * Hostile-input properties, fast-check driven, about 150,000 generated inputs in all:
 *
 * - parseMessage, frameStreamMessage, checkRequest and the header parsers either return or throw
 *   SipParseError — never another exception, never the parser's internal-failure wrapper (which
 *   would mean a bug was caught by the safety net), never a hang;
 * - whatever parseMessage accepts re-serialises to something it accepts again, structurally
 *   equal (parse(serialize(parse(x))) ≡ parse(x));
 * - grammar-generated valid messages always parse, with the values they were built from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkRequest,
  formatNameAddr,
  formatUri,
  formatVia,
  frameStreamMessage,
  parseCSeq,
  parseMediaType,
  parseMessage,
  parseNameAddr,
  parseUri,
  parseVia,
  serializeMessage,
  SipParseError,
  type SipMessage,
} from '../../../../src/voice/sip/message/index.ts';
import { anyUri, message, mutation, nameAddr, sipish, via } from './support/arbitraries.ts';
import { messageShape, nameAddrShape, uriShape, viaShape } from './support/shape.ts';
import { loadTorture } from './support/torture.ts';

const torture = loadTorture().map((c) => c.data);
const options = {
  supportedExtensions: ['100rel', 'timer'],
  acceptedBodyTypes: ['application/sdp'],
};
const timeout = 60_000;

/** Only SipParseError may escape, and never one that wraps an internal bug. */
function expectRejection(e: unknown): void {
  if (!(e instanceof SipParseError) || e.cause !== undefined) throw e;
}

/** Parses; when accepted, the message must survive serialize → parse unchanged. */
function parseAndRoundTrip(data: Buffer): SipMessage | null {
  let m: SipMessage;
  try {
    m = parseMessage(data);
  } catch (e) {
    expectRejection(e);
    return null;
  }
  if (m.kind === 'request') checkRequest(m, options); // must not throw either
  const again = parseMessage(serializeMessage(m));
  expect(messageShape(again)).toEqual(messageShape(m));
  return m;
}

function frameAll(data: Buffer): void {
  try {
    let buf = data;
    for (let f = frameStreamMessage(buf); f; f = frameStreamMessage(buf)) {
      if (f.rest.length >= buf.length) throw new Error('frameStreamMessage made no progress');
      buf = f.rest;
    }
  } catch (e) {
    expectRejection(e);
  }
}

describe('fuzz: parseMessage never throws anything but SipParseError', () => {
  it(
    'random bytes (30,000)',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 1500 }), (bytes) => {
          const data = Buffer.from(bytes);
          parseAndRoundTrip(data);
          frameAll(data);
        }),
        { numRuns: 30_000 },
      );
    },
    timeout,
  );

  it(
    'random bytes after a plausible start line (20,000)',
    () => {
      const starts = [
        'INVITE sip:a@b SIP/2.0\r\n',
        'SIP/2.0 200 OK\r\n',
        'REGISTER sip:x SIP/2.0\r\nVia: ',
      ];
      fc.assert(
        fc.property(
          fc.constantFrom(...starts),
          fc.uint8Array({ maxLength: 600 }),
          (start, bytes) => {
            parseAndRoundTrip(Buffer.concat([Buffer.from(start), bytes]));
          },
        ),
        { numRuns: 20_000 },
      );
    },
    timeout,
  );

  it(
    'mutated torture messages: flips, inserts, deletes, truncation, duplicated and swapped lines (50,000)',
    () => {
      fc.assert(
        fc.property(
          fc.nat({ max: torture.length - 1 }),
          fc.array(mutation, { minLength: 1, maxLength: 6 }),
          (i, ms) => {
            const data = ms.reduce((b, m) => m(b), torture[i]!);
            parseAndRoundTrip(data);
            frameAll(data);
          },
        ),
        { numRuns: 50_000 },
      );
    },
    timeout,
  );

  it(
    'header value parsers on SIP-looking text (20,000)',
    () => {
      const parsers = [
        parseUri,
        (s: string) => parseNameAddr(s),
        (s: string) => parseVia(s),
        (s: string) => parseCSeq(s),
        (s: string) => parseMediaType(s),
      ];
      fc.assert(
        fc.property(sipish, (s) => {
          for (const p of parsers) {
            try {
              p(s);
            } catch (e) {
              expectRejection(e);
            }
          }
        }),
        { numRuns: 20_000 },
      );
    },
    timeout,
  );
});

describe('fuzz: grammar-generated valid messages', () => {
  it(
    'parse, keep what they were built from, and round-trip (20,000)',
    () => {
      fc.assert(
        fc.property(message, (g) => {
          const m = parseAndRoundTrip(g.data);
          expect(m).not.toBeNull();
          expect(m!.kind === 'request' ? m!.method : null).toBe(g.method);
          expect(m!.headers.get('Call-ID')).toBe(g.callId);
          expect(m!.body.equals(g.body)).toBe(true);
        }),
        { numRuns: 20_000 },
      );
    },
    timeout,
  );

  it(
    'URIs, addresses and Vias: parse(format(x)) equals x (3 × 3,000)',
    () => {
      fc.assert(
        fc.property(anyUri, (u) => {
          expect(uriShape(parseUri(formatUri(u)))).toEqual(uriShape(u));
        }),
        { numRuns: 3000 },
      );
      fc.assert(
        fc.property(nameAddr, (a) => {
          expect(nameAddrShape(parseNameAddr(formatNameAddr(a)))).toEqual(nameAddrShape(a));
        }),
        { numRuns: 3000 },
      );
      fc.assert(
        fc.property(via, (v) => {
          const parsed = parseVia(formatVia(v));
          expect({ ...viaShape(parsed), params: [] }).toEqual({ ...viaShape(v), params: [] });
          expect(formatVia(parsed)).toBe(formatVia(v));
        }),
        { numRuns: 3000 },
      );
    },
    timeout,
  );

  it(
    'a stream of messages cut into random chunks frames back into the same messages (3,000)',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(message, fc.constantFrom('', '\r\n', '\r\n\r\n')), {
            minLength: 1,
            maxLength: 4,
          }),
          fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 20 }),
          (items, cuts) => {
            const sent = items.map(([g]) => serializeMessage(parseMessage(g.data)));
            const stream = Buffer.concat(items.flatMap(([, ka], i) => [Buffer.from(ka), sent[i]!]));
            const got: Buffer[] = [];
            let buf = Buffer.alloc(0);
            let at = 0;
            for (let c = 0; at < stream.length; c++) {
              const n = cuts[c % cuts.length]!;
              buf = Buffer.concat([buf, stream.subarray(at, at + n)]);
              at += n;
              for (let f = frameStreamMessage(buf); f; f = frameStreamMessage(buf)) {
                if (f.message.length > 0) got.push(f.message);
                buf = f.rest;
              }
            }
            expect(buf.length).toBe(0);
            expect(got.map((b) => b.toString('hex'))).toEqual(sent.map((b) => b.toString('hex')));
          },
        ),
        { numRuns: 3000 },
      );
    },
    timeout,
  );
});
