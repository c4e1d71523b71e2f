/**
 * The switch with a real SIP peer: SIPp calls an open number, the switch answers and plays
 * audio (SIPp echoes it back with -rtp_echo, so we see what the caller received), SIPp sends
 * DTMF 2 as RFC 4733 events, then hangs up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceRepo, SipDevice } from '../../src/app/ports/device-repo.ts';
import { ToneGenerator } from '../../src/voice/media/tone-generator.ts';
import { Player } from '../../src/voice/rtp/player.ts';
import type { InboundLeg } from '../../src/voice/switch/inbound-leg.ts';
import { VoiceSwitch } from '../../src/voice/switch/voice-switch.ts';
import { runSipp, scenarioPath } from '../support/sipp.ts';

class MemoryDevices implements DeviceRepo {
  readonly map = new Map<string, SipDevice>();
  async get(e: string) {
    return this.map.get(e) ?? null;
  }
  async list() {
    return [...this.map.values()];
  }
  async upsert(d: SipDevice) {
    this.map.set(d.extension, d);
  }
  async delete(e: string) {
    return this.map.delete(e);
  }
}

function tone(seconds: number): Int16Array {
  const g = new ToneGenerator({ frequencies: [440], cadence: [] });
  const out = new Int16Array(seconds * 8000);
  for (let i = 0; i < out.length; i += 160)
    out.set(g.next().subarray(0, Math.min(160, out.length - i)), i);
  return out;
}

describe('voice switch with SIPp', () => {
  let sw: VoiceSwitch;
  beforeAll(async () => {
    sw = new VoiceSwitch(new MemoryDevices(), {
      publicAddress: '127.0.0.1',
      bindAddress: '127.0.0.1',
      sipPort: 0,
      openNumbers: ['10086'],
      rtpPorts: { min: 31_000, max: 31_998 },
    });
    await sw.start();
  });
  afterAll(async () => sw?.stop());

  it('answers, plays audio the caller hears, receives RFC 4733 DTMF, and ends on the caller’s BYE', async () => {
    const seen: { digits: string[]; ended: string | null; leg: InboundLeg | null; heard: number } =
      { digits: [], ended: null, leg: null, heard: 0 };
    sw.onInboundCall(({ leg }) => {
      seen.leg = leg;
      leg.ringing();
      expect(leg.answer()).toBe(true);
      leg.on('dtmf', (d) => seen.digits.push(d));
      leg.once('ended', (r) => (seen.ended = r));
      // What comes back (SIPp's echo of our audio) is what the caller heard.
      leg.media.endpoint.onAudio((payload) => {
        if (payload.some((b) => b !== 0xff && b !== 0x7f)) seen.heard++;
      });
      void new Player(leg.media.endpoint, sw.clock).play([tone(3)]);
    });
    const r = await runSipp({
      target: `127.0.0.1:${sw.sipPort}`,
      scenario: scenarioPath('uac-dtmf.xml'),
      extra: ['-rtp_echo'],
      timeoutMs: 20_000,
    });
    expect(r.code, r.out.slice(-2000)).toBe(0);
    expect(seen.leg?.caller).toBe('8613900139000');
    expect(seen.leg?.called).toBe('10086');
    expect(seen.digits).toEqual(['2']);
    expect(seen.ended).toBe('remote_bye');
    expect(seen.heard).toBeGreaterThan(50); // > 1 s of non-silent audio came back
    expect(sw.activeLegs).toBe(0);
  }, 30_000);

  it('refuses calls that do not come from a trunk to a closed number (403)', async () => {
    let offered = 0;
    sw.onInboundCall(({ leg }) => {
      offered++;
      leg.reject(500);
    });
    const r = await runSipp({
      target: `127.0.0.1:${sw.sipPort}`,
      scenario: scenarioPath('uac-expect-403.xml'),
      service: '95555',
      timeoutMs: 15_000,
    });
    expect(r.code, r.out.slice(-2000)).toBe(0);
    expect(offered).toBe(0);
  }, 20_000);
});

describe('a carrier trunk that authenticates with digest', () => {
  let sw: VoiceSwitch;
  beforeAll(async () => {
    sw = new VoiceSwitch(new MemoryDevices(), {
      publicAddress: '127.0.0.1',
      bindAddress: '127.0.0.1',
      sipPort: 0,
      rtpPorts: { min: 31_000, max: 31_998 },
      digestAlgorithms: ['MD5'], // SIPp answers MD5 challenges only
      trunks: [
        {
          name: 'roaming-carrier',
          addresses: [],
          auth: { username: 'carrier', password: 'c-secret-1' },
        },
      ],
    });
    await sw.start();
  });
  afterAll(async () => sw?.stop());

  it('challenges a call from an unlisted address and takes it once the credentials match', async () => {
    const trunks: (string | null)[] = [];
    sw.onInboundCall(({ leg, trunk }) => {
      trunks.push(trunk?.name ?? null);
      leg.answer();
    });
    const r = await runSipp({
      target: `127.0.0.1:${sw.sipPort}`,
      scenario: scenarioPath('uac-digest-trunk.xml'),
      service: '4008001000',
      extra: [
        '-au',
        'carrier',
        '-ap',
        'c-secret-1',
        '-auth_uri',
        `4008001000@127.0.0.1:${sw.sipPort}`,
      ],
      timeoutMs: 15_000,
    });
    expect(r.code, r.out.slice(-2000)).toBe(0);
    expect(trunks).toEqual(['roaming-carrier']);
  }, 20_000);

  it('challenges again when the password is wrong, and never offers the call', async () => {
    let offered = 0;
    sw.onInboundCall(({ leg }) => {
      offered++;
      leg.reject(500);
    });
    const r = await runSipp({
      target: `127.0.0.1:${sw.sipPort}`,
      scenario: scenarioPath('uac-digest-refused.xml'),
      service: '4008001000',
      extra: [
        '-au',
        'carrier',
        '-ap',
        'wrong-password',
        '-auth_uri',
        `4008001000@127.0.0.1:${sw.sipPort}`,
      ],
      timeoutMs: 15_000,
    });
    expect(r.code, r.out.slice(-2000)).toBe(0);
    expect(offered).toBe(0);
  }, 20_000);
});
