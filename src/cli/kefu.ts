/**
 * The `kefu` command: start | migrate | seed --demo | user add | kb export/import. Every command takes
 * `--data-dir` (PGlite, default ./data or $KEFU_DATA_DIR) and honours $DATABASE_URL.
 */
import { channelFlagSpec, channelOptions } from './channel-flags.ts';
import { dialerFlagSpec, dialerOptions } from './dialer-flags.ts';
import {
  connectorFlagSpec,
  connectorOptions,
  connectorUsage,
  demoOperatorPort,
} from './connector-flags.ts';
import { randomUUID } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultCenterConfig, systemActor } from '../app/app-context.ts';
import { OrgService } from '../app/org/org-service.ts';
import { systemClock } from '../app/ports/clock.ts';
import { bootstrapCenter } from '../app/seed/bootstrap.ts';
import { demoLogins, demoPassword, seedDemo } from '../app/seed/demo-seed.ts';
import { isDomainError } from '../domain/errors.ts';
import { roles, type Role } from '../domain/user/user.ts';
import { startCenter } from '../main.ts';
import { openStore } from '../store/open-store.ts';
import { kbCommand, kbUsage } from './kb-command.ts';

const usage = `kefu — contact center with case management

  kefu start [--port 8080] [--host 0.0.0.0] [--data-dir DIR] [--demo]
             [--sip-port 5060] [--sip-address IP] [--rtp-ports 20000-29999] [--no-sip]
             [--trunk NAME=IP[,IP][;out=IP:PORT][;cid=NUMBER][;limit=N][;probe=on][;user=U;pass=P]]… [--digest-md5-only]
             [--conference-continues]  (others talk on when the last agent leaves)
             [--dialer-ring-seconds 25] [--dialer-connect-ms 2000] [--callback-queue QUEUE_ID]
             [--smtp-port 2525 | --no-smtp] [--mail-domain kefu.local]… [--email-address A]
             [--smtp-relay smtp://HOST:PORT] [--imap imaps://USER:PASS@HOST/INBOX]…
             [--smpp smpp://ID:PASS@HOST:PORT] [--sms-source 10086]
             [--fax-gateway DOMAIN]… [--fax-number +86…] [--portal-url https://…/portal.html]
             [--webhooks-block-private]  (refuse webhook URLs on private addresses)
             [--metrics-token T]  (Prometheus scrapes /metrics with it; or $KEFU_METRICS_TOKEN)
             ${connectorUsage}
  kefu migrate [--data-dir DIR]
  kefu seed --demo [--data-dir DIR]
  kefu user add --username U --password P --role ${roles.join('|')} [--data-dir DIR]
  ${kbUsage}

The store is PGlite in --data-dir (default ./data, or $KEFU_DATA_DIR);
set DATABASE_URL=postgres://… to use PostgreSQL instead.`;

/**
 * `NAME=IP[,IP…][;out=IP:PORT][;cid=NUMBER|original][;prefix=DIGITS][;limit=N][;probe=on][;user=U;pass=P]`:
 * a trunk
 * whose calls come from those addresses (or, with user/pass, from anywhere after answering a
 * digest challenge), and (with out=) where outbound calls go and which caller ID they show;
 * limit= is the channel limit (calls at once, both directions); probe=on probes out= with OPTIONS.
 */
function parseTrunk(spec: string) {
  const [head, ...opts] = spec.split(';');
  const [name, ips] = (head ?? '').split('=');
  const o = Object.fromEntries(opts.map((x) => x.split('=') as [string, string]));
  if (!name || (!ips && !o['user']))
    throw new Error(`bad --trunk ${spec} (use NAME=IP[,IP][;out=IP:PORT][;cid=NUMBER])`);

  const out = o['out'] ? /^(.+):(\d+)$/.exec(o['out']) : null;
  if (o['out'] && !out) throw new Error(`bad out= in --trunk ${spec} (use out=IP:PORT)`);
  const limit = o['limit'] !== undefined ? Number(o['limit']) : null;
  if (limit !== null && !(Number.isInteger(limit) && limit > 0))
    throw new Error(`bad limit= in --trunk ${spec} (use limit=N, N ≥ 1)`);
  return {
    name,
    addresses: (ips ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    ...(out?.[1] && out[2]
      ? { outbound: { transport: 'UDP' as const, address: out[1], port: Number(out[2]) } }
      : {}),
    ...(o['cid'] ? { callerId: o['cid'] } : {}),
    ...(o['prefix'] ? { dialPrefix: o['prefix'] } : {}),
    ...(limit !== null ? { channelLimit: limit } : {}),
    ...(o['probe'] === 'on' ? { probe: true } : {}),
    ...(o['user'] && o['pass'] ? { auth: { username: o['user'], password: o['pass'] } } : {}),
  };
}

/** The first non-loopback IPv4 address: what phones on the LAN reach us at. */
function primaryAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

const common = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function storeOptions(v: { 'data-dir'?: string | undefined }) {
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  const dataDir = v['data-dir'] ?? process.env['KEFU_DATA_DIR'] ?? './data';
  return { databaseUrl, dataDir };
}

function where(o: { databaseUrl?: string | undefined; dataDir: string }) {
  return o.databaseUrl
    ? `PostgreSQL ${o.databaseUrl.replace(/\/\/[^@]*@/, '//…@')}`
    : `PGlite in ${o.dataDir}`;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    console.log(usage);
    return cmd ? 0 : 2;
  }
  switch (cmd) {
    case 'start': {
      const { values: v } = parseArgs({
        args: rest,
        options: {
          ...common,
          port: { type: 'string' },
          host: { type: 'string' },
          demo: { type: 'boolean' },
          'sip-port': { type: 'string' },
          'sip-address': { type: 'string' },
          'rtp-ports': { type: 'string' },
          'no-sip': { type: 'boolean' },
          trunk: { type: 'string', multiple: true },
          'digest-md5-only': { type: 'boolean' },
          'conference-continues': { type: 'boolean' },
          'webhooks-block-private': { type: 'boolean' },
          'metrics-token': { type: 'string' },
          ...channelFlagSpec,
          ...connectorFlagSpec,
          ...dialerFlagSpec,
        },
      });
      if (v.help) return (console.log(usage), 0);
      const so = storeOptions(v);
      const port = Number(v.port ?? process.env['PORT'] ?? 8080);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`bad --port ${v.port}`);
      const sipPort = Number(v['sip-port'] ?? process.env['KEFU_SIP_PORT'] ?? 5060);
      if (!Number.isInteger(sipPort) || sipPort < 0 || sipPort > 65535)
        throw new Error(`bad --sip-port ${v['sip-port']}`);
      const [rtpMin, rtpMax] = (v['rtp-ports'] ?? '20000-29999').split('-').map(Number);
      if (!rtpMin || !rtpMax || rtpMin >= rtpMax)
        throw new Error(`bad --rtp-ports ${v['rtp-ports']} (use MIN-MAX)`);
      const text = channelOptions(v);
      const connectors = connectorOptions(v);
      const opPort = demoOperatorPort(v);
      const center = await startCenter({
        ...(connectors ? { connectors } : {}),
        ...(opPort !== undefined ? { demoOperatorPort: opPort } : {}),
        ...so,
        channels: text.channels,
        addresses: text.addresses,
        ...(v['portal-url'] ? { portalUrl: v['portal-url'] } : {}),
        // SSRF guard, off by default: webhooks usually go to the operator's internal systems.
        ...(v['webhooks-block-private'] || process.env['KEFU_WEBHOOKS_BLOCK_PRIVATE'] === '1'
          ? { webhooks: { blockPrivateAddresses: true } }
          : {}),
        metricsToken: v['metrics-token'] ?? process.env['KEFU_METRICS_TOKEN'] ?? null,
        dialer: dialerOptions(v),
        port,
        host: v.host ?? '0.0.0.0',
        demo: v.demo ?? false,
        ...(v['no-sip']
          ? {}
          : {
              voice: {
                sipPort,
                publicAddress:
                  v['sip-address'] ?? process.env['KEFU_SIP_ADDRESS'] ?? primaryAddress(),
                rtpPorts: { min: rtpMin, max: rtpMax },
                trunks: (v.trunk ?? []).map(parseTrunk),
                ...(v['digest-md5-only'] ? { digestAlgorithms: ['MD5' as const] } : {}),
                ...(v['conference-continues'] ? { conferenceContinuesWithoutAgent: true } : {}),
                ...(so.databaseUrl
                  ? { recordingsDir: process.env['KEFU_RECORDINGS_DIR'] ?? './data/recordings' }
                  : {}),
              },
            }),
      });
      const lines = [
        `kefu is running at ${center.url}  (store: ${where(so)})`,
        `  API docs: ${center.url}/api/docs`,
        ...(center.channels?.email?.smtp
          ? [
              `  mail: SMTP on port ${center.channels.email.smtp.port} for ${text.channels.email?.smtp?.domains.join(', ')}`,
            ]
          : []),
      ];
      if (center.demoOperatorUrl)
        lines.push(`  demo operator backend (BOSS, billing, NMS): ${center.demoOperatorUrl}`);
      if (v.demo) {
        lines.push(
          center.seeded
            ? '  demo center seeded.'
            : '  demo mode (store already had users; not re-seeded).',
        );
        lines.push(`  demo logins (password "${demoPassword}"):`);
        for (const l of demoLogins)
          lines.push(`    ${l.username.padEnd(10)} ${l.role.padEnd(11)} ${l.displayName}`);
      } else if (
        (await center.services.store.users.list({}, { limit: 1, offset: 0 })).total === 0
      ) {
        lines.push(
          '  no users yet: add one with  npx kefu user add --username admin --password … --role admin',
        );
      }
      // One write, so whoever reads the banner sees it whole.
      console.log(lines.join('\n'));
      const stop = async () => {
        await center.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1; // keep running
    }
    case 'migrate': {
      const { values: v } = parseArgs({ args: rest, options: common });
      const so = storeOptions(v);
      const store = await openStore(so);
      await bootstrapCenter(store);
      await store.close();
      console.log(`migrated ${where(so)}`);
      return 0;
    }
    case 'seed': {
      const { values: v } = parseArgs({
        args: rest,
        options: { ...common, demo: { type: 'boolean' } },
      });
      if (!v.demo) {
        console.error('only the demo seed exists: kefu seed --demo');
        return 2;
      }
      const so = storeOptions(v);
      const store = await openStore(so);
      try {
        await bootstrapCenter(store);
        if ((await store.users.list({}, { limit: 1, offset: 0 })).total > 0) {
          console.error('the store already has users; seed a fresh --data-dir or database');
          return 1;
        }
        const r = await seedDemo({
          store,
          clock: systemClock,
          ids: { newId: randomUUID },
          config: defaultCenterConfig,
        });
        console.log(
          `seeded the demo center in ${where(so)}: ${r.customers} customers, ${r.cases} cases; password "${demoPassword}" for ${demoLogins.map((l) => l.username).join(', ')}`,
        );
        return 0;
      } finally {
        await store.close();
      }
    }
    case 'user': {
      const [sub, ...args] = rest;
      if (sub !== 'add') {
        console.error(usage);
        return 2;
      }
      const { values: v } = parseArgs({
        args,
        options: {
          ...common,
          username: { type: 'string' },
          password: { type: 'string' },
          role: { type: 'string' },
          name: { type: 'string' },
          customer: { type: 'string' },
        },
      });
      if (!v.username || !v.password || !v.role) {
        console.error('user add needs --username, --password and --role');
        return 2;
      }
      if (!(roles as readonly string[]).includes(v.role)) {
        console.error(`--role is one of ${roles.join(', ')}`);
        return 2;
      }
      const so = storeOptions(v);
      const store = await openStore(so);
      try {
        await bootstrapCenter(store);
        const org = new OrgService({
          store,
          clock: systemClock,
          ids: { newId: randomUUID },
          config: defaultCenterConfig,
        });
        const u = await org.createUser(systemActor, {
          username: v.username,
          password: v.password,
          role: v.role as Role,
          displayName: v.name,
          customerId: v.customer ?? null,
        });
        console.log(`added ${u.role} ${u.username} (${u.id}) to ${where(so)}`);
        return 0;
      } finally {
        await store.close();
      }
    }
    case 'kb':
      return kbCommand(rest, async (v) => {
        const so = storeOptions(v);
        const store = await openStore(so);
        await bootstrapCenter(store);
        return { store, where: where(so) };
      });
    default:
      console.error(`unknown command '${cmd}'\n\n${usage}`);
      return 2;
  }
}

let settled = false;
// If the work ever waits on something that cannot happen, Node would exit quietly with 0.
process.on('beforeExit', () => {
  if (!settled) {
    console.error('kefu: the command stopped before finishing (nothing left to wait for)');
    process.exit(70);
  }
});

main(process.argv.slice(2)).then(
  (code) => {
    settled = true;
    if (code >= 0) process.exit(code);
  },
  (e) => {
    settled = true;
    if (isDomainError(e)) console.error(`error (${e.code}): ${e.message}`);
    else console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
