import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSdp, parseSdp, SdpError, type Sdp } from '../../../src/voice/media/sdp.ts';
import {
  addressType,
  effectiveConnection,
  effectiveDirection,
  rtpmapFor,
} from '../../../src/voice/media/sdp-media.ts';
import * as samples from './sdp-samples.ts';

function malformed(text: string): SdpError {
  try {
    parseSdp(text);
  } catch (e) {
    expect(e).toBeInstanceOf(SdpError);
    expect((e as SdpError).reason).toBe('malformed');
    return e as SdpError;
  }
  throw new Error('parsed without error');
}

const minimal = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n';

describe('parseSdp', () => {
  it('reads the SIPp offer', () => {
    const sdp = parseSdp(samples.sippUac);
    expect(sdp.origin).toEqual({
      username: 'user1',
      sessionId: '53655765',
      sessionVersion: '2353687637',
      addressType: 'IP4',
      address: '192.0.2.10',
    });
    expect(sdp.sessionName).toBe('-');
    expect(sdp.connection).toEqual({ addressType: 'IP4', address: '192.0.2.10' });
    expect(sdp.timing).toEqual([{ start: 0, stop: 0 }]);
    expect(sdp.media).toEqual([
      {
        type: 'audio',
        port: 6000,
        protocol: 'RTP/AVP',
        formats: ['0'],
        rtpmaps: [{ payloadType: 0, encoding: 'PCMU', clockRate: 8000 }],
        fmtps: [],
        attributes: [],
        lines: [],
      },
    ]);
  });

  it('reads baresip: b= kept, fmtp, ptime, direction and unknown attributes', () => {
    const [m] = parseSdp(samples.baresip).media;
    expect(m?.formats).toEqual(['96', '9', '0', '8', '101']);
    expect(m?.lines).toEqual([{ type: 'b', value: 'AS:80' }]);
    expect(m?.rtpmaps[0]).toEqual({
      payloadType: 96,
      encoding: 'opus',
      clockRate: 48000,
      channels: 2,
    });
    expect(m?.fmtps).toEqual([
      { payloadType: 96, parameters: 'stereo=1;sprop-stereo=1' },
      { payloadType: 101, parameters: '0-15' },
    ]);
    expect(m?.ptime).toBe(20);
    expect(m?.direction).toBe('sendrecv');
    expect(m?.attributes.map((a) => a.name)).toEqual(['rtcp-rsize', 'ssrc', 'label']);
    expect(m?.attributes[0]).toEqual({ name: 'rtcp-rsize', value: null });
  });

  it('reads Chrome: 19-digit session id, session attributes, media c= and a=rtcp', () => {
    const sdp = parseSdp(samples.chrome);
    expect(sdp.origin.sessionId).toBe('4611731400430051336');
    expect(sdp.connection).toBeUndefined();
    expect(sdp.attributes).toContainEqual({
      name: 'msid-semantic',
      value: ' WMS 5a6c7b2e-0f1d-4c52-9b7e-3b6f1a2d8c90',
    });
    const m = sdp.media[0]!;
    expect(m.protocol).toBe('UDP/TLS/RTP/SAVPF');
    expect(m.connection).toEqual({ addressType: 'IP4', address: '0.0.0.0' });
    expect(m.rtcp).toEqual({ port: 9, connection: { addressType: 'IP4', address: '0.0.0.0' } });
    expect(rtpmapFor(m, 126)?.encoding).toBe('telephone-event');
    expect(m.attributes.find((a) => a.name === 'fingerprint')?.value).toMatch(/^sha-256 9B:3E/);
  });

  it('reads IPv6 connections at session and media level', () => {
    const sdp = parseSdp(samples.ipv6WithVideo);
    expect(sdp.origin.addressType).toBe('IP6');
    expect(sdp.connection).toEqual({ addressType: 'IP6', address: '2001:db8::1' });
    const [video, audio] = sdp.media;
    expect(effectiveConnection(sdp, video!)?.address).toBe('2001:db8::1');
    expect(effectiveConnection(sdp, audio!)?.address).toBe('2001:db8::2');
    expect(audio!.rtcp).toEqual({
      port: 49171,
      connection: { addressType: 'IP6', address: '2001:db8::2' },
    });
    expect(audio!.ptime).toBe(30);
    expect(effectiveDirection(sdp, audio!)).toBe('recvonly');
    expect(effectiveDirection(sdp, video!)).toBe('sendrecv');
  });

  it('applies a session-level direction to media without one', () => {
    const sdp = parseSdp(`${minimal}a=inactive\r\nm=audio 4000 RTP/AVP 0\r\n`);
    expect(sdp.direction).toBe('inactive');
    expect(effectiveDirection(sdp, sdp.media[0]!)).toBe('inactive');
  });

  it('accepts LF line ends, a missing final line end, port counts and multicast TTLs', () => {
    const sdp = parseSdp(
      'v=0\no=- 1 1 IN IP4 192.0.2.1\ns=x\nc=IN IP4 233.252.0.1/127\nt=0 0\nm=audio 49170/2 RTP/AVP 0',
    );
    expect(sdp.connection?.address).toBe('233.252.0.1');
    expect(sdp.media[0]).toMatchObject({ port: 49170, portCount: 2 });
  });

  it('defaults a missing s= and t=', () => {
    const sdp = parseSdp('v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP 0\r\n');
    expect(sdp.sessionName).toBe('-');
    expect(sdp.timing).toEqual([{ start: 0, stop: 0 }]);
  });

  it('knows the RFC 3551 static payload types without rtpmap', () => {
    const m = parseSdp(`${minimal}m=audio 4000 RTP/AVP 8 0 18\r\n`).media[0]!;
    expect(rtpmapFor(m, 8)).toMatchObject({ encoding: 'PCMA', clockRate: 8000 });
    expect(rtpmapFor(m, 0)).toMatchObject({ encoding: 'PCMU', clockRate: 8000 });
    expect(rtpmapFor(m, 18)?.encoding).toBe('G729');
    expect(rtpmapFor(m, 101)).toBeUndefined();
  });

  it('tells address types apart', () => {
    expect(addressType('192.0.2.1')).toBe('IP4');
    expect(addressType('2001:db8::1')).toBe('IP6');
  });

  it.each([
    ['empty text', '', /empty SDP/],
    ['no v=', 'o=- 1 1 IN IP4 192.0.2.1\r\n', /line 1: SDP must start with v=0/],
    ['v=1', 'v=1\r\n', /v=0/],
    ['no o=', 'v=0\r\ns=-\r\nt=0 0\r\n', /missing o= line/],
    ['short o=', 'v=0\r\no=- 1 IN IP4 x\r\n', /line 2: o= must be/],
    ['garbage line', `${minimal}hello\r\n`, /line 5: expected <type>=<value>/],
    ['bad c=', `${minimal}c=IN IP9 x\r\n`, /c= must be/],
    ['IP4 with an IPv6 address', `${minimal}c=IN IP4 2001:db8::1\r\n`, /not an IN IP4/],
    ['IP6 with an IPv4 address', `${minimal}c=IN IP6 192.0.2.1\r\n`, /not an IN IP6/],
    ['bad m=', `${minimal}m=audio port RTP/AVP 0\r\n`, /line 5: m= must be/],
    ['port too large', `${minimal}m=audio 70000 RTP/AVP 0\r\n`, /port out of range/],
    ['bad rtpmap', `${minimal}m=audio 1 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n`, /a=rtpmap must/],
    ['PT 200', `${minimal}m=audio 1 RTP/AVP 0\r\na=rtpmap:200 X/8000\r\n`, /above 127/],
    ['bad ptime', `${minimal}m=audio 1 RTP/AVP 0\r\na=ptime:fast\r\n`, /a=ptime must/],
    ['bad rtcp', `${minimal}m=audio 1 RTP/AVP 0\r\na=rtcp:x\r\n`, /a=rtcp must/],
    ['two c=', `${minimal}c=IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.2\r\n`, /second c=/],
    ['o= after m=', `${minimal}m=audio 1 RTP/AVP 0\r\no=- 1 1 IN IP4 192.0.2.1\r\n`, /before/],
    ['bad t=', 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nt=now\r\n', /t= must be/],
  ])('rejects %s with a clear SdpError', (_name, text, message) => {
    expect(malformed(text).message).toMatch(message);
  });

  it('names the line in the error', () => {
    const e = malformed(`${minimal}m=audio 1 RTP/AVP 0\r\na=rtpmap:x\r\n`);
    expect(e.line).toBe(6);
    expect(e.message).toContain('"a=rtpmap:x"');
  });
});

describe('formatSdp', () => {
  it('writes the SIPp offer back byte for byte', () => {
    expect(formatSdp(parseSdp(samples.sippUac))).toBe(samples.sippUac);
    expect(formatSdp(parseSdp(samples.sippPcap))).toBe(samples.sippPcap);
  });

  it('ends every line with CRLF', () => {
    const text = formatSdp(parseSdp(samples.baresip));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps RFC 4566 line order: b= after c=, session a= after t=', () => {
    const lines = formatSdp(parseSdp(samples.baresip)).split('\r\n');
    expect(lines.slice(0, 7)).toEqual([
      'v=0',
      'o=- 1193817498 3210465283 IN IP4 198.51.100.23',
      's=-',
      'c=IN IP4 198.51.100.23',
      't=0 0',
      'm=audio 10954 RTP/AVP 96 9 0 8 101',
      'b=AS:80',
    ]);
    expect(lines.slice(7, 11)).toEqual([
      'a=rtpmap:96 opus/48000/2',
      'a=fmtp:96 stereo=1;sprop-stereo=1',
      'a=rtpmap:9 G722/8000',
      'a=rtpmap:0 PCMU/8000',
    ]);
  });

  it.each(Object.entries(samples))(
    'round-trips the %s sample (parse ∘ format ∘ parse)',
    (_n, t) => {
      const parsed = parseSdp(t);
      expect(parseSdp(formatSdp(parsed))).toEqual(parsed);
    },
  );

  it('keeps every line of the Chrome offer (as a multiset)', () => {
    const original = samples.chrome.split('\r\n').sort();
    expect(formatSdp(parseSdp(samples.chrome)).split('\r\n').sort()).toEqual(original);
  });

  it('round-trips generated descriptions', () => {
    const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    const ip4 = fc.ipV4();
    const media = fc.record({
      type: fc.constantFrom('audio', 'video'),
      port: fc.integer({ min: 0, max: 65535 }),
      protocol: fc.constantFrom('RTP/AVP', 'RTP/SAVP'),
      formats: fc.uniqueArray(fc.integer({ min: 0, max: 127 }).map(String), {
        minLength: 1,
        maxLength: 4,
      }),
      direction: fc.option(fc.constantFrom('sendrecv', 'sendonly', 'recvonly', 'inactive'), {
        nil: undefined,
      }),
      ptime: fc.option(fc.integer({ min: 10, max: 60 }), { nil: undefined }),
      attributes: fc.array(
        fc
          .record({ name: token, value: fc.option(token, { nil: null }) })
          .filter((a) => !['rtpmap', 'fmtp', 'ptime', 'maxptime', 'rtcp'].includes(a.name)),
        { maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(
        ip4,
        fc.bigInt({ min: 0n, max: 2n ** 63n }),
        fc.array(media, { maxLength: 3 }),
        (address, id, ms) => {
          const sdp: Sdp = {
            origin: {
              username: '-',
              sessionId: String(id),
              sessionVersion: '1',
              addressType: 'IP4',
              address,
            },
            sessionName: 'kefu',
            connection: { addressType: 'IP4', address },
            timing: [{ start: 0, stop: 0 }],
            attributes: [],
            lines: [],
            media: ms.map((m) => {
              const x = {
                ...m,
                attributes: m.attributes.filter(
                  (a) => !['sendrecv', 'sendonly', 'recvonly', 'inactive'].includes(a.name),
                ),
                rtpmaps: m.formats.map((f) => ({
                  payloadType: Number(f),
                  encoding: 'X',
                  clockRate: 8000,
                })),
                fmtps: [],
                lines: [],
              };
              if (x.direction === undefined) delete x.direction;
              if (x.ptime === undefined) delete x.ptime;
              return x;
            }),
          };
          expect(parseSdp(formatSdp(sdp))).toEqual(sdp);
        },
      ),
    );
  });
});
