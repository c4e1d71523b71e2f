/**
 * Mixing cost of the media room: rooms of N parties (a conference, or a call with a supervisor)
 * each get one 20 ms frame per party per tick, mixed mix-minus and G.711-encoded for every
 * party. Prints the CPU time per tick and how many such rooms one core can mix in real time
 * (a 20 ms tick budget), in memory, without sockets.
 *
 *   npx tsx bench/media-room.ts [--rooms 500] [--parties 3] [--ticks 500]
 */
import { parseArgs } from 'node:util';
import { encodeMulaw } from '../src/voice/media/g711.ts';
import type { AudioPort } from '../src/voice/rtp/audio-port.ts';
import { MediaRoom } from '../src/voice/rtp/media-room.ts';
import type { G711 } from '../src/voice/rtp/rtp-endpoint.ts';

const { values: v } = parseArgs({
  options: {
    rooms: { type: 'string', default: '500' },
    parties: { type: 'string', default: '3' },
    ticks: { type: 'string', default: '500' },
  },
});
const nRooms = Number(v.rooms);
const nParties = Number(v.parties);
const nTicks = Number(v.ticks);

class Port implements AudioPort {
  readonly codec: G711 = 'PCMU';
  sent = 0;
  private l: ((p: Buffer, c: G711) => void) | null = null;
  onAudio(l: (p: Buffer, c: G711) => void) {
    this.l = l;
    return () => (this.l = null) as unknown as void;
  }
  sendAudio() {
    this.sent++;
  }
  talk(p: Buffer) {
    this.l?.(p, 'PCMU');
  }
}

const listeners = new Set<(tick: number) => void>();
const clock = {
  subscribe(l: (tick: number) => void) {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  },
};
const pcm = new Int16Array(160).map((_, i) => Math.round(6000 * Math.sin(i / 3)));
const frame = Buffer.from(encodeMulaw(pcm));
const ports: Port[] = [];
for (let r = 0; r < nRooms; r++) {
  const room = new MediaRoom(clock, 'p0');
  const ids = Array.from({ length: nParties }, (_, i) => `p${i}`);
  for (const id of ids) {
    const p = new Port();
    ports.push(p);
    room.add(id, p);
  }
  room.setHearing(new Map(ids.map((id) => [id, ids.filter((x) => x !== id)])));
}
const start = process.cpuUsage();
const t0 = performance.now();
for (let t = 0; t < nTicks; t++) {
  for (const p of ports) p.talk(frame);
  for (const l of listeners) l(t);
}
const wall = performance.now() - t0;
const cpu = process.cpuUsage(start);
const perTickMs = (cpu.user + cpu.system) / 1000 / nTicks;
const sent = ports.reduce((a, p) => a + p.sent, 0);
console.log(
  JSON.stringify({
    rooms: nRooms,
    parties: nParties,
    ticks: nTicks,
    framesMixedAndEncoded: sent,
    cpuMsPerTick: Number(perTickMs.toFixed(3)),
    wallMs: Math.round(wall),
    tickBudgetUsed: Number((perTickMs / 20).toFixed(3)),
    roomsPerCoreRealTime: Math.floor((nRooms * 20) / perTickMs),
  }),
);
