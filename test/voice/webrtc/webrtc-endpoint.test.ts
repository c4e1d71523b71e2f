/**
 * The server's WebRTC end against headless Chromium: the browser answers our offer with its
 * (fake, beeping) microphone, audio flows both ways, and insertDTMF arrives as digits.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { encodeMulaw } from '../../../src/voice/media/g711.ts';
import { WebRtcEndpoint } from '../../../src/voice/webrtc/webrtc-endpoint.ts';
import { launchChromium } from '../../support/chromium.ts';

describe('WebRtcEndpoint with Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    browser = await launchChromium();
    // getUserMedia needs a secure context: http://127.0.0.1 is one, about:blank is not.
    server = createServer((_req, res) => res.end('<!doctype html><title>softphone</title>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('connects, carries PCMU both ways and receives DTMF', async () => {
    const ep = new WebRtcEndpoint({ addresses: ['127.0.0.1'] });
    const page = await browser.newPage();
    await page.goto(origin);
    const offer = await ep.offer();
    expect(offer).toMatch(/PCMU\/8000/);
    // Browser-side code runs as page script (the test's TypeScript has no DOM types).
    const answer = await page.evaluate<string>(
      `(async (sdp) => {
        const pc = new RTCPeerConnection();
        window.pc = pc;
        pc.ontrack = (e) => {
          const a = new Audio();
          a.srcObject = e.streams[0] || new MediaStream([e.track]);
          void a.play();
        };
        const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
        for (const t of mic.getAudioTracks()) pc.addTrack(t, mic);
        await pc.setRemoteDescription({ type: 'offer', sdp });
        await pc.setLocalDescription(await pc.createAnswer());
        await new Promise((resolve) => {
          if (pc.iceGatheringState === 'complete') return resolve();
          pc.addEventListener('icegatheringstatechange', () => {
            if (pc.iceGatheringState === 'complete') resolve();
          });
        });
        return pc.localDescription.sdp;
      })(${JSON.stringify(offer)})`,
    );
    await ep.acceptAnswer(answer);
    for (let i = 0; i < 100 && ep.pc.connectionState !== 'connected'; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(ep.pc.connectionState).toBe('connected');
    const digits: string[] = [];
    ep.onDtmf((d) => digits.push(d));
    let nonSilent = 0;
    ep.onAudio((p) => {
      if (p.some((b) => b !== 0xff && b !== 0x7f)) nonSilent++;
    });
    // 2 s of a 1 kHz tone to the browser.
    const tone = new Int16Array(160);
    for (let i = 0; i < 160; i++)
      tone[i] = Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / 8000));
    const frame = Buffer.from(encodeMulaw(tone));
    const timer = setInterval(() => ep.sendAudio(frame), 20);
    await new Promise((r) => setTimeout(r, 2000));
    await page.evaluate(`window.pc.getSenders()[0].dtmf.insertDTMF('5#', 100, 70)`);
    await new Promise((r) => setTimeout(r, 1000));
    clearInterval(timer);
    const inbound = await page.evaluate<{ packets: number; energy: number }>(
      `(async () => {
        const stats = await window.pc.getStats();
        let got = { packets: 0, energy: 0 };
        stats.forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio')
            got = { packets: s.packetsReceived || 0, energy: s.totalAudioEnergy || 0 };
        });
        return got;
      })()`,
    );
    expect(inbound.packets).toBeGreaterThan(100);
    expect(inbound.energy).toBeGreaterThan(0);
    expect(ep.packetsIn).toBeGreaterThan(100);
    expect(nonSilent).toBeGreaterThan(20); // the fake microphone beeps
    expect(digits).toEqual(['5', '#']);
    ep.close();
    await page.close();
  }, 30_000);
});
