/**
 * baresip as an agent's desk phone: registers an extension with digest auth, answers
 * automatically, sends a tone as its microphone and writes what it hears to WAV files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Baresip {
  readonly proc: ChildProcess;
  /** What the phone received on each call so far (one WAV per call, oldest first). */
  heardWavs(): string[];
  output(): string;
  stop(): Promise<void>;
}

export function startBaresip(o: {
  extension: string;
  password: string;
  registrar: string;
  answer?: 'auto' | 'manual';
  timeoutMs?: number;
  sipPort?: number;
  /** The phone's "voice": a sine at this frequency (default 440 Hz). */
  toneHz?: number;
}): Promise<Baresip> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-baresip-'));
  const heardWavs = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith('-dec.wav'))
      .map((f) => join(dir, f))
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  writeFileSync(
    join(dir, 'config'),
    [
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module ausine.so',
      'module aubridge.so',
      'module sndfile.so',
      'module_tmp uuid.so',
      'module_tmp account.so',
      'module_app menu.so',
      'poll_method epoll',
      `sip_listen 0.0.0.0:${o.sipPort ?? 15_000 + Math.floor(Math.random() * 2000)}`,
      // ausine only makes 48 kHz stereo; baresip resamples to G.711's 8 kHz mono.
      `audio_source ausine,${o.toneHz ?? 440}`,
      'ausrc_srate 48000',
      'ausrc_channels 2',
      // No sound card here: playback goes to an unconnected bridge, and the sndfile filter
      // writes what the phone received to <dir>/dump-…-dec.wav for the tests.
      'audio_player aubridge,nowhere',
      'audio_alert aubridge,nowhere',
      `snd_path ${dir}`,
      'rtp_ports 33000-33998',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'accounts'),
    `<sip:${o.extension}@${o.registrar}>;auth_pass=${o.password};answermode=${o.answer ?? 'auto'};regint=60;audio_codecs=PCMU,PCMA\n`,
  );
  writeFileSync(join(dir, 'contacts'), '');
  const proc = spawn('baresip', ['-4', '-f', dir, '-v'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  const stop = async () => {
    if (proc.exitCode === null) {
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([
        done,
        new Promise((r) => setTimeout(r, 3000)).then(() => proc.kill('SIGKILL')),
      ]);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      void stop();
      reject(new Error(`baresip did not register:\n${out.slice(-3000)}`));
    }, o.timeoutMs ?? 15_000);
    const check = () => {
      if (/200 OK|registered|\{0\/sip:.*OK/i.test(out) && /OK/.test(out)) {
        clearTimeout(t);
        resolve({ proc, heardWavs, output: () => out, stop });
      }
    };
    proc.stdout?.on('data', check);
    proc.stderr?.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`baresip exited ${code}:\n${out.slice(-3000)}`));
    });
  });
}

/**
 * The address baresip binds to (its first non-loopback IPv4 interface): the switch and SIPp
 * must use it too, since packets from that address to 127.0.0.1 do not get through.
 */
export function hostAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}
