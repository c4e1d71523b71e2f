/**
 * SIP and media load on the built-in switch, with SIPp on both sides: callers (UAC) call a trunk
 * number; the switch answers and places a second call to a SIPp answering peer (UAS, echoing RTP),
 * then bridges the two — the media path of a caller talking to an agent.
 *
 * Prints RFC 6076 figures per offered rate: session establishment ratio (SER = calls answered ÷
 * calls attempted) and session request delay (INVITE → 200, p50/p95), then the concurrent
 * bridged calls held while audio flows, with packet loss measured on the switch's endpoints.
 *
 *   npx tsx bench/sip-load.ts [--rates 50,100,150,200] [--seconds 10] [--concurrent 300]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bridge } from '../src/voice/rtp/bridge.ts';
import type { RtpStats } from '../src/voice/rtp/rtp-endpoint.ts';
import { VoiceSwitch } from '../src/voice/switch/voice-switch.ts';
import { parseUri } from '../src/voice/sip/message/index.ts';

const { values: v } = parseArgs({
  options: {
    rates: { type: 'string', default: '50,100,150,200' },
    seconds: { type: 'string', default: '10' },
    concurrent: { type: 'string', default: '300' },
  },
});
const host = (() => {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
})();
const uasPort = 5094;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

function sipp(args: string[], cwd: string): { proc: ChildProcess; done: Promise<string> } {
  const proc = spawn('sipp', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  return { proc, done: new Promise((r) => proc.on('exit', () => r(out))) };
}

const noDevices = {
  get: async () => null,
  list: async () => [],
  upsert: async () => {},
  delete: async () => false,
};
const sw = new VoiceSwitch(noDevices, {
  publicAddress: host,
  bindAddress: '0.0.0.0',
  sipPort: 5093,
  rtpPorts: { min: 40_000, max: 49_998 },
  trunks: [{ name: 'load', addresses: [host] }],
  floodLimit: 1_000_000,
});
let bridged = 0;
let peakBridged = 0;
const endStats: RtpStats[] = [];
sw.onInboundCall(({ leg }) => {
  if (!leg.answer()) return;
  void sw
    .dial({
      target: parseUri(`sip:agent@${host}:${uasPort}`),
      dest: { transport: 'UDP', address: host, port: uasPort },
      fromUser: leg.caller,
    })
    .then((out) => {
      let unbridge: (() => void) | null = null;
      out.start({
        answered: () => {
          unbridge = bridge(leg.media.endpoint, out.media.endpoint);
          bridged++;
          peakBridged = Math.max(peakBridged, bridged);
        },
        failed: () => leg.hangup(),
      });
      const end = () => {
        if (unbridge) {
          unbridge();
          unbridge = null;
          bridged--;
          endStats.push({ ...leg.media.endpoint.stats }, { ...out.media.endpoint.stats });
        }
        leg.hangup();
        out.hangup();
      };
      leg.once('ended', end);
      out.once('ended', end);
    });
});
await sw.start();

const work = mkdtempSync(join(tmpdir(), 'kefu-sipload-'));
const uas = sipp(
  [
    host,
    '-sn',
    'uas',
    '-i',
    host,
    '-p',
    String(uasPort),
    '-mi',
    host,
    '-mp',
    '20500',
    '-rtp_echo',
    '-nostdin',
    '-max_socket',
    '5000',
  ],
  work,
);
await new Promise((r) => setTimeout(r, 1000));

async function run(rate: number, calls: number, scenario: string, extra: string[] = []) {
  const dir = mkdtempSync(join(work, 'run-'));
  const r = sipp(
    [
      `${host}:5093`,
      '-sf',
      join(import.meta.dirname, 'sipp', scenario),
      '-s',
      '10086',
      '-i',
      host,
      '-p',
      '0',
      '-mi',
      host,
      '-r',
      String(rate),
      '-m',
      String(calls),
      '-l',
      String(Math.max(rate * 20, 1000)),
      '-trace_rtt',
      '-rtt_freq',
      '1',
      '-trace_stat',
      '-fd',
      '1',
      '-nostdin',
      '-max_socket',
      '5000',
      ...extra,
    ],
    dir,
  );
  const out = await r.done;
  const stat = readdirSync(dir).find((f) => f.endsWith('_.csv') && !f.includes('rtt'));
  const rttFile = readdirSync(dir).find((f) => f.includes('_rtt.csv'));
  const ok = Number(/Successful call\s+\|\s+\d+\s+\|\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const failed = Number(/Failed call\s+\|\s+\d+\s+\|\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const delays: number[] = [];
  if (rttFile)
    for (const line of readFileSync(join(dir, rttFile), 'utf8').split('\n').slice(1)) {
      const ms = Number(line.split(';')[1]);
      if (Number.isFinite(ms)) delays.push(ms);
    }
  return { ok, failed, delays, stat };
}

console.log(`host ${host}; SIPp callers → kefu switch (answers, calls a SIPp answerer, bridges)`);
const seconds = Number(v.seconds);
for (const rate of v.rates.split(',').map(Number)) {
  const r = await run(rate, rate * seconds, 'uac-short.xml', ['-d', '500']);
  const ser = (100 * r.ok) / Math.max(1, r.ok + r.failed);
  console.log(
    `setup ${String(rate).padStart(4)} cps × ${seconds} s: SER ${ser.toFixed(2)} % (${r.ok}/${r.ok + r.failed}), session request delay p50 ${pct(r.delays, 50).toFixed(1)} ms, p95 ${pct(r.delays, 95).toFixed(1)} ms`,
  );
  await new Promise((res) => setTimeout(res, 2000));
}

// Concurrency with media: calls of ~14.4 s playing A-law audio, arriving fast enough to hold
// the target number of bridged calls at once.
const target = Number(v.concurrent);
const rate = Math.ceil(target / 14);
endStats.length = 0;
peakBridged = 0;
const before = sw.clock.lateTicks;
const media = await run(rate, Math.round(rate * 20), 'uac-media.xml');
await new Promise((res) => setTimeout(res, 3000));
const inPk = endStats.reduce((s, x) => s + x.packetsIn, 0);
const lost = endStats.reduce((s, x) => s + x.lost, 0);
console.log(
  `media: peak ${peakBridged} concurrent bridged calls (${rate} cps × ~14.4 s), SER ${((100 * media.ok) / Math.max(1, media.ok + media.failed)).toFixed(2)} %, ` +
    `RTP into the switch ${inPk} packets, lost ${lost} (${((100 * lost) / Math.max(1, inPk + lost)).toFixed(3)} %), late media ticks ${sw.clock.lateTicks - before}`,
);

uas.proc.kill('SIGTERM');
await sw.stop();
rmSync(work, { recursive: true, force: true });
process.exit(0);
