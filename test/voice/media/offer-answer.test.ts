import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  answerDirection,
  answerOffer,
  createOffer,
  readAnswer,
  type AnswerOptions,
} from '../../../src/voice/media/offer-answer.ts';
import { formatSdp, parseSdp, SdpError, type SdpDirection } from '../../../src/voice/media/sdp.ts';
import * as samples from './sdp-samples.ts';

const kefu: AnswerOptions = { address: '192.0.2.200', port: 20000, sessionId: 42 };

function reasonOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SdpError);
    return (e as SdpError).reason;
  }
  throw new Error('no error');
}

describe('createOffer', () => {
  it('offers PCMU, PCMA and telephone-event 101 at 20 ms', () => {
    const offer = createOffer({ address: '192.0.2.200', port: 20000, sessionId: 7, version: 1 });
    expect(formatSdp(offer)).toBe(
      [
        'v=0',
        'o=- 7 1 IN IP4 192.0.2.200',
        's=kefu',
        'c=IN IP4 192.0.2.200',
        't=0 0',
        'm=audio 20000 RTP/AVP 0 8 101',
        'a=rtpmap:0 PCMU/8000',
        'a=rtpmap:8 PCMA/8000',
        'a=rtpmap:101 telephone-event/8000',
        'a=fmtp:101 0-16',
        'a=ptime:20',
        'a=sendrecv',
        '',
      ].join('\r\n'),
    );
  });

  it('honours codec order, no telephone-event, ptime, direction and IPv6', () => {
    const offer = createOffer({
      address: '2001:db8::5',
      port: 30000,
      codecs: ['PCMA'],
      telephoneEvent: false,
      ptime: 40,
      direction: 'sendonly',
      sessionId: 123456789012345678901234567890n,
      version: 3,
    });
    const text = formatSdp(offer);
    expect(text).toContain('o=- 123456789012345678901234567890 3 IN IP6 2001:db8::5\r\n');
    expect(text).toContain('c=IN IP6 2001:db8::5\r\n');
    expect(text).toContain('m=audio 30000 RTP/AVP 8\r\n');
    expect(text).toContain('a=ptime:40\r\na=sendonly\r\n');
    expect(text).not.toContain('telephone-event');
    expect(() => createOffer({ ...kefu, codecs: [] })).toThrow(RangeError);
  });
});

describe('answerOffer', () => {
  it('answers SIPp with PCMU and no telephone-event', () => {
    const { answer, chosen } = answerOffer(parseSdp(samples.sippUac), kefu);
    expect(chosen).toEqual({
      codec: 'PCMU',
      payloadType: 0,
      telephoneEventPt: null,
      remote: { address: '192.0.2.10', port: 6000 },
      direction: 'sendrecv',
      ptime: 20,
      mediaIndex: 0,
    });
    expect(formatSdp(answer)).toBe(
      [
        'v=0',
        'o=- 42 1 IN IP4 192.0.2.200',
        's=kefu',
        'c=IN IP4 192.0.2.200',
        't=0 0',
        'm=audio 20000 RTP/AVP 0',
        'a=rtpmap:0 PCMU/8000',
        'a=ptime:20',
        'a=sendrecv',
        '',
      ].join('\r\n'),
    );
  });

  it("answers SIPp's pcap scenario with PCMA and its telephone-event PT 101", () => {
    const { answer, chosen } = answerOffer(parseSdp(samples.sippPcap), kefu);
    expect(chosen).toMatchObject({ codec: 'PCMA', payloadType: 8, telephoneEventPt: 101 });
    expect(answer.media[0]?.formats).toEqual(['8', '101']);
    expect(answer.media[0]?.fmtps).toEqual([{ payloadType: 101, parameters: '0-16' }]);
  });

  it('answers baresip with the first G.711 codec in its order, skipping opus and G.722', () => {
    const { chosen } = answerOffer(parseSdp(samples.baresip), kefu);
    expect(chosen).toMatchObject({
      codec: 'PCMU',
      payloadType: 0,
      telephoneEventPt: 101,
      remote: { address: '198.51.100.23', port: 10954 },
    });
    const pcmaOnly = answerOffer(parseSdp(samples.baresip), { ...kefu, supported: ['PCMA'] });
    expect(pcmaOnly.chosen.codec).toBe('PCMA');
  });

  it("reads Chrome's telephone-event/8000 PT 126 (not 110 at 48 kHz) when its profile is allowed", () => {
    const offer = parseSdp(samples.chrome);
    expect(reasonOf(() => answerOffer(offer, kefu))).toBe('no common codec'); // SAVPF refused
    const { answer, chosen } = answerOffer(offer, {
      ...kefu,
      profiles: ['UDP/TLS/RTP/SAVPF'],
    });
    expect(chosen).toMatchObject({
      codec: 'PCMU',
      payloadType: 0,
      telephoneEventPt: 126,
      remote: null, // ICE finds the address; c= is 0.0.0.0
      direction: 'sendrecv',
    });
    expect(answer.media[0]).toMatchObject({
      protocol: 'UDP/TLS/RTP/SAVPF',
      formats: ['0', '126'],
    });
  });

  it('rejects the video stream with port 0 and accepts audio in the second m= line (IPv6)', () => {
    const { answer, chosen } = answerOffer(parseSdp(samples.ipv6WithVideo), {
      ...kefu,
      address: '2001:db8::100',
    });
    expect(answer.media).toHaveLength(2);
    expect(answer.media[0]).toMatchObject({ type: 'video', port: 0, formats: ['96'] });
    expect(answer.media[1]).toMatchObject({ type: 'audio', port: 20000, formats: ['0', '97'] });
    expect(answer.connection).toEqual({ addressType: 'IP6', address: '2001:db8::100' });
    expect(answer.origin.addressType).toBe('IP6');
    expect(chosen).toEqual({
      codec: 'PCMU',
      payloadType: 0,
      telephoneEventPt: 97,
      remote: { address: '2001:db8::2', port: 49170 },
      direction: 'sendonly', // the offer is recvonly
      ptime: 30,
      mediaIndex: 1,
    });
    const reparsed = parseSdp(formatSdp(answer));
    expect(reparsed.media[1]?.direction).toBe('sendonly');
  });

  it('fails with "no common codec" (SIP 488) when only G.729 is offered', () => {
    expect(reasonOf(() => answerOffer(parseSdp(samples.g729Only), kefu))).toBe('no common codec');
    expect(
      reasonOf(() => answerOffer(parseSdp(samples.sippUac), { ...kefu, supported: ['PCMA'] })),
    ).toBe('no common codec');
  });

  it('fails with "no audio stream" when there is none, or only disabled ones', () => {
    const video = parseSdp('v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nm=video 5000 RTP/AVP 96\r\n');
    expect(reasonOf(() => answerOffer(video, kefu))).toBe('no audio stream');
    const disabled = parseSdp('v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nm=audio 0 RTP/AVP 0\r\n');
    expect(reasonOf(() => answerOffer(disabled, kefu))).toBe('no audio stream');
  });

  it('accepts only the first usable audio stream and rejects the others', () => {
    const two = parseSdp(
      'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n' +
        'm=audio 5000 RTP/AVP 18\r\nm=audio 5002 RTP/AVP 8\r\nm=audio 5004 RTP/AVP 0\r\n',
    );
    const { answer, chosen } = answerOffer(two, kefu);
    expect(answer.media.map((m) => m.port)).toEqual([0, 20000, 0]);
    expect(chosen).toMatchObject({ codec: 'PCMA', mediaIndex: 1 });
  });

  it('uses a dynamic payload type if the offer maps PCMU to one', () => {
    const offer = parseSdp(
      'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n' +
        'm=audio 5000 RTP/AVP 98\r\na=rtpmap:98 pcmu/8000\r\n',
    );
    expect(answerOffer(offer, kefu).chosen).toMatchObject({ codec: 'PCMU', payloadType: 98 });
  });

  it('copies the offer t= line and keeps telephone-event off when asked', () => {
    const offer = parseSdp(samples.sippPcap.replace('t=0 0', 't=3034423619 3042462419'));
    const { answer, chosen } = answerOffer(offer, { ...kefu, telephoneEvent: false });
    expect(answer.timing).toEqual([{ start: 3034423619, stop: 3042462419 }]);
    expect(chosen.telephoneEventPt).toBeNull();
    expect(answer.media[0]?.formats).toEqual(['8']);
  });

  it('answers a hold: sendonly → recvonly, and c=0.0.0.0 gives no remote address', () => {
    expect(answerOffer(parseSdp(samples.holdSendonly), kefu).chosen).toMatchObject({
      codec: 'PCMA',
      direction: 'recvonly',
      remote: { address: '203.0.113.5', port: 40000 },
    });
    expect(answerOffer(parseSdp(samples.holdNullAddress), kefu).chosen).toMatchObject({
      codec: 'PCMU',
      remote: null,
    });
  });
});

describe('answerDirection (RFC 3264 §6.1)', () => {
  const table: [offered: SdpDirection, wanted: SdpDirection, answer: SdpDirection][] = [
    ['sendrecv', 'sendrecv', 'sendrecv'],
    ['sendrecv', 'sendonly', 'sendonly'],
    ['sendrecv', 'recvonly', 'recvonly'],
    ['sendrecv', 'inactive', 'inactive'],
    ['sendonly', 'sendrecv', 'recvonly'],
    ['sendonly', 'sendonly', 'inactive'],
    ['sendonly', 'recvonly', 'recvonly'],
    ['sendonly', 'inactive', 'inactive'],
    ['recvonly', 'sendrecv', 'sendonly'],
    ['recvonly', 'sendonly', 'sendonly'],
    ['recvonly', 'recvonly', 'inactive'],
    ['recvonly', 'inactive', 'inactive'],
    ['inactive', 'sendrecv', 'inactive'],
    ['inactive', 'sendonly', 'inactive'],
    ['inactive', 'recvonly', 'inactive'],
    ['inactive', 'inactive', 'inactive'],
  ];
  it.each(table)('offer %s, kefu wants %s → answer %s', (offered, wanted, expected) => {
    expect(answerDirection(offered, wanted)).toBe(expected);
    const offer = parseSdp(samples.sippUac.replace('a=rtpmap:0 PCMU/8000', `a=${offered}`));
    const { chosen, answer } = answerOffer(offer, { ...kefu, direction: wanted });
    expect(chosen.direction).toBe(expected);
    expect(answer.media[0]?.direction).toBe(expected);
  });
});

describe('readAnswer', () => {
  const offer = createOffer({ address: '192.0.2.200', port: 20000, sessionId: 9 });

  it('learns codec, telephone-event PT, remote address and ptime from the answer', () => {
    const answer = parseSdp(
      'v=0\r\no=- 5 5 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n' +
        'm=audio 34000 RTP/AVP 8 96\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:96 telephone-event/8000\r\n' +
        'a=ptime:30\r\na=recvonly\r\n',
    );
    expect(readAnswer(offer, answer)).toEqual({
      codec: 'PCMA',
      payloadType: 8,
      telephoneEventPt: 96, // the answerer's number is the one to send with
      remote: { address: '198.51.100.7', port: 34000 },
      direction: 'sendonly',
      ptime: 30,
      mediaIndex: 0,
    });
  });

  it('agrees with answerOffer on both sides of a kefu-to-kefu call', () => {
    fc.assert(
      fc.property(
        fc.subarray(['PCMU', 'PCMA'] as const, { minLength: 1 }),
        fc.subarray(['PCMU', 'PCMA'] as const, { minLength: 1 }),
        fc.boolean(),
        fc.constantFrom<SdpDirection>('sendrecv', 'sendonly', 'recvonly', 'inactive'),
        fc.constantFrom<SdpDirection>('sendrecv', 'sendonly', 'recvonly', 'inactive'),
        (offered, supported, te, offerDir, wanted) => {
          const o = createOffer({
            address: '192.0.2.1',
            port: 4000,
            codecs: offered,
            telephoneEvent: te,
            direction: offerDir,
            sessionId: 1,
          });
          const common = offered.filter((c) => supported.includes(c));
          if (common.length === 0) {
            expect(reasonOf(() => answerOffer(o, { ...kefu, supported }))).toBe('no common codec');
            return;
          }
          const { answer, chosen } = answerOffer(parseSdp(formatSdp(o)), {
            ...kefu,
            supported,
            direction: wanted,
          });
          const mine = readAnswer(o, parseSdp(formatSdp(answer)));
          expect(mine.codec).toBe(common[0]);
          expect(chosen.codec).toBe(common[0]);
          expect(mine.payloadType).toBe(chosen.payloadType);
          expect(mine.telephoneEventPt).toBe(te ? 101 : null);
          expect(chosen.telephoneEventPt).toBe(te ? 101 : null);
          expect(mine.remote).toEqual({ address: kefu.address, port: kefu.port });
          expect(chosen.remote).toEqual({ address: '192.0.2.1', port: 4000 });
          // What one side sends the other receives.
          const sends = (d: SdpDirection) => d === 'sendrecv' || d === 'sendonly';
          const recvs = (d: SdpDirection) => d === 'sendrecv' || d === 'recvonly';
          expect(sends(mine.direction)).toBe(recvs(chosen.direction));
          expect(sends(chosen.direction)).toBe(recvs(mine.direction));
          expect(sends(mine.direction)).toBe(sends(offerDir) && recvs(wanted));
        },
      ),
    );
  });

  it('rejects an answer with a different number of m= lines', () => {
    const answer = parseSdp('v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n');
    expect(reasonOf(() => readAnswer(offer, answer))).toBe('malformed');
  });

  it('fails with "no common codec" when the answer rejects the stream or picks another codec', () => {
    const rejected = parseSdp('v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nm=audio 0 RTP/AVP 0\r\n');
    expect(reasonOf(() => readAnswer(offer, rejected))).toBe('no common codec');
    const g729 = parseSdp(
      'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 18\r\n',
    );
    expect(reasonOf(() => readAnswer(offer, g729))).toBe('no common codec');
    const pcmaOnlyOffer = createOffer({ ...kefu, codecs: ['PCMA'] });
    const pcmu = parseSdp(
      'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 0\r\n',
    );
    expect(reasonOf(() => readAnswer(pcmaOnlyOffer, pcmu))).toBe('no common codec');
  });
});
