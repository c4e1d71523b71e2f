/** Runs SIPp (Debian `sip-tester`) as a real SIP peer, with a timeout. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const scenarioPath = (name: string) =>
  join(import.meta.dirname, '../telephony/scenarios', name);

export interface SippRun {
  readonly code: number | null;
  readonly out: string;
}

/**
 * SIPp processes still running when the test process ends (a failed test that never got its
 * calls) are killed, so they do not hold their SIP port into the next run.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

/** `sipp <target> -sf <scenario> …`: one call by default; resolves when SIPp exits. */
export function runSipp(o: {
  target: string;
  scenario: string;
  service?: string;
  calls?: number;
  rate?: number;
  localPort?: number;
  mediaPort?: number;
  extra?: string[];
  timeoutMs?: number;
  /** Local address for SIP and media (default 127.0.0.1). */
  host?: string;
}): Promise<SippRun> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-sipp-run-'));
  const errFile = join(dir, 'errors.log');
  const args = [
    ...(o.target ? [o.target] : []),
    '-sf',
    o.scenario,
    '-s',
    o.service ?? '10086',
    '-m',
    String(o.calls ?? 1),
    '-r',
    String(o.rate ?? 10),
    '-i',
    o.host ?? '127.0.0.1',
    '-p',
    String(o.localPort ?? 0),
    '-mi',
    o.host ?? '127.0.0.1',
    ...(o.mediaPort ? ['-mp', String(o.mediaPort)] : []),
    '-nostdin',
    '-trace_err',
    '-error_file',
    errFile,
    ...(o.extra ?? []),
  ];
  return new Promise((resolve, reject) => {
    const p = spawn('sipp', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(p);
    p.once('exit', () => running.delete(p));
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const t = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`sipp timed out\n${out.slice(-3000)}`));
    }, o.timeoutMs ?? 30_000);
    p.on('error', (e) => {
      clearTimeout(t);
      reject(e);
    });
    p.on('exit', (code) => {
      clearTimeout(t);
      // SIPp's error log says why a call failed (unexpected message, timeout…).
      const errors = existsSync(errFile) ? readFileSync(errFile, 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, out: errors ? `${out}\n--- sipp errors ---\n${errors}` : out });
    });
  });
}
