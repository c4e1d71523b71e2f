#!/usr/bin/env node
// Builds the web app when web/dist is missing or older than its sources, so `npm start` and the
// browser tests always serve the current app without rebuilding for nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'web');
const built = join(web, 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  newest(join(web, 'src')),
  newest(join(web, 'public')),
  newest(join(root, 'src', 'contracts')),
  statSync(join(web, 'index.html')).mtimeMs,
  statSync(join(web, 'vite.config.ts')).mtimeMs,
);
if (process.argv.includes('--force') || !existsSync(built) || statSync(built).mtimeMs < sources) {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(web, 'vite.config.ts'),
      '--logLevel',
      'warn',
    ],
    {
      stdio: 'inherit',
      cwd: root,
    },
  );
}
