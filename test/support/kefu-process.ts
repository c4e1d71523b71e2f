/** Runs the `kefu` command as a child process, as users do; every wait has a timeout. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '../../bin/kefu.js');

export function run(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const t = setTimeout(
      () => (
        p.kill('SIGKILL'),
        reject(new Error(`timeout: kefu ${args.join(' ')}\n${out}\n${err}`))
      ),
      timeoutMs,
    );
    p.on('exit', (code) => (clearTimeout(t), resolve({ code, out, err })));
  });
}

/** Starts `kefu start` and resolves with the URL once it prints it. */
export function start(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; out: () => string; proc: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [
        bin,
        'start',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--sip-port',
        '0',
        '--smtp-port',
        '0',
        ...args,
      ],
      { env: { ...process.env, LOG_LEVEL: 'warn', ...env } },
    );
    let out = '';
    const t = setTimeout(
      () => (p.kill('SIGKILL'), reject(new Error(`kefu start did not come up:\n${out}`))),
      90_000,
    );
    const onData = (d: Buffer) => {
      out += d;
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(t);
        resolve({ url: m[1], out: () => out, proc: p });
      }
    };
    p.stdout.on('data', onData);
    p.stderr.on('data', (d) => (out += d));
    p.on(
      'exit',
      (code) => (clearTimeout(t), reject(new Error(`kefu start exited ${code}:\n${out}`))),
    );
  });
}

export async function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null) return;
  const done = new Promise<void>((r) => p.once('exit', () => r()));
  p.kill('SIGTERM');
  await Promise.race([
    done,
    new Promise((r) => setTimeout(r, 10_000)).then(() => p.kill('SIGKILL')),
  ]);
}

export const login = (url: string, username: string, password: string) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
