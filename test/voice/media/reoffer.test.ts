import { describe, expect, it } from 'vitest';
import { answerOffer, createOffer } from '../../../src/voice/media/offer-answer.ts';
import { bumpVersion, isHold, reoffer } from '../../../src/voice/media/reoffer.ts';
import { formatSdp, parseSdp } from '../../../src/voice/media/sdp.ts';
import * as samples from './sdp-samples.ts';

const base = { address: '192.0.2.200', port: 20000, sessionId: 77, version: 5 };

describe('isHold', () => {
  it('sees a=sendonly and a=inactive as hold (RFC 3264 §8.4)', () => {
    expect(isHold(parseSdp(samples.holdSendonly))).toBe(true);
    expect(isHold(createOffer({ ...base, direction: 'inactive' }))).toBe(true);
  });

  it('sees c=0.0.0.0 as hold (RFC 2543 style)', () => {
    expect(isHold(parseSdp(samples.holdNullAddress))).toBe(true);
  });

  it('does not take ICE descriptions with c=0.0.0.0 (Chrome) for hold', () => {
    expect(isHold(parseSdp(samples.chrome))).toBe(false);
  });

  it('sees ordinary offers, recvonly and no audio as not on hold', () => {
    for (const text of [samples.sippUac, samples.baresip, samples.ipv6WithVideo])
      expect(isHold(parseSdp(text))).toBe(false);
    expect(isHold(parseSdp('v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nm=video 4 RTP/AVP 96\r\n'))).toBe(
      false,
    );
  });

  it('honours a session-level direction', () => {
    expect(isHold(parseSdp(samples.sippUac.replace('t=0 0', 't=0 0\r\na=sendonly')))).toBe(true);
  });
});

describe('bumpVersion', () => {
  it('adds one to the o= version without touching the original, beyond 2^53 too', () => {
    const offer = createOffer({ ...base, version: '9007199254740993' });
    const next = bumpVersion(offer);
    expect(next.origin.sessionVersion).toBe('9007199254740994');
    expect(offer.origin.sessionVersion).toBe('9007199254740993');
  });
});

describe('reoffer', () => {
  it('holds and resumes, bumping the version each time (RFC 3264 §8)', () => {
    const first = createOffer(base);
    const hold = reoffer(first, { direction: 'sendonly' });
    expect(hold.origin.sessionVersion).toBe('6');
    expect(hold.origin.sessionId).toBe('77');
    expect(isHold(hold)).toBe(true);
    expect(formatSdp(hold)).toContain('a=sendonly\r\n');
    const resume = reoffer(hold, { direction: 'sendrecv' });
    expect(resume.origin.sessionVersion).toBe('7');
    expect(isHold(resume)).toBe(false);
    expect(first.media[0]?.direction).toBe('sendrecv'); // the input is not changed
  });

  it('keeps the version when nothing changes', () => {
    const first = createOffer(base);
    expect(reoffer(first, {}).origin.sessionVersion).toBe('5');
    expect(reoffer(first, { direction: 'sendrecv', port: 20000 })).toEqual(first);
  });

  it('moves the media to a new address and port', () => {
    const moved = reoffer(createOffer(base), { address: '2001:db8::9', port: 20002 });
    expect(moved.connection).toEqual({ addressType: 'IP6', address: '2001:db8::9' });
    expect(moved.media[0]?.port).toBe(20002);
    expect(moved.origin.sessionVersion).toBe('6');
  });

  it('changes a media-level c= where the offer has one', () => {
    const answer = answerOffer(parseSdp(samples.sippUac), base).answer;
    answer.media[0]!.connection = { addressType: 'IP4', address: '192.0.2.200' };
    const moved = reoffer(answer, { address: '192.0.2.201' });
    expect(moved.media[0]?.connection?.address).toBe('192.0.2.201');
    expect(moved.connection?.address).toBe('192.0.2.200');
  });

  it('a hold offer is answered recvonly by the peer', () => {
    const hold = reoffer(createOffer(base), { direction: 'sendonly' });
    const { chosen } = answerOffer(parseSdp(formatSdp(hold)), {
      address: '198.51.100.1',
      port: 5000,
      sessionId: 1,
    });
    expect(chosen.direction).toBe('recvonly');
  });
});
