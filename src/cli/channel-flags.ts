/**
 * Command-line flags of the text channels, turned into `ChannelsOptions`:
 *   --smtp-port 2525 | --no-smtp    inbound SMTP for --mail-domain (default kefu.local)
 *   --email-address support@…       the center's address (From of replies)
 *   --smtp-tls-key key.pem --smtp-tls-cert cert.pem   offer STARTTLS (RFC 3207)
 *   --smtp-relay smtp://host:25     where replies are sent (none: e-mail replies are refused)
 *   --imap imaps://user:pass@host:993/INBOX   mailboxes to poll (repeatable)
 *   --smpp smpp://system:pass@host:2775 --sms-source 10086
 *   --fax-gateway fax.example.net --fax-number +862088880000
 */
import { readFileSync } from 'node:fs';
import type { ChannelsOptions } from '../channels/start-channels.ts';
import type { OutboxAddresses } from '../app/messaging/outbox-service.ts';

export const channelFlagSpec = {
  'smtp-port': { type: 'string' },
  'no-smtp': { type: 'boolean' },
  'mail-domain': { type: 'string', multiple: true },
  'email-address': { type: 'string' },
  'smtp-relay': { type: 'string' },
  'mail-max-mb': { type: 'string' },
  'smtp-tls-key': { type: 'string' },
  'smtp-tls-cert': { type: 'string' },
  imap: { type: 'string', multiple: true },
  smpp: { type: 'string' },
  'sms-source': { type: 'string' },
  'fax-gateway': { type: 'string', multiple: true },
  'fax-number': { type: 'string' },
  'portal-url': { type: 'string' },
} as const;

export interface ChannelFlags {
  'smtp-port'?: string | undefined;
  'no-smtp'?: boolean | undefined;
  'mail-domain'?: string[] | undefined;
  'email-address'?: string | undefined;
  'smtp-relay'?: string | undefined;
  'mail-max-mb'?: string | undefined;
  'smtp-tls-key'?: string | undefined;
  'smtp-tls-cert'?: string | undefined;
  imap?: string[] | undefined;
  smpp?: string | undefined;
  'sms-source'?: string | undefined;
  'fax-gateway'?: string[] | undefined;
  'fax-number'?: string | undefined;
  'portal-url'?: string | undefined;
}

function tlsOf(v: ChannelFlags): { tls?: { key: Buffer; cert: Buffer } } {
  const key = v['smtp-tls-key'];
  const cert = v['smtp-tls-cert'];
  if (!key && !cert) return {};
  if (!key || !cert) throw new Error('--smtp-tls-key and --smtp-tls-cert go together');
  return { tls: { key: readFileSync(key), cert: readFileSync(cert) } };
}

const portOf = (s: string, flag: string) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`bad ${flag} ${s}`);
  return n;
};

export function channelOptions(v: ChannelFlags): {
  channels: ChannelsOptions;
  addresses: Partial<OutboxAddresses>;
} {
  const domains = v['mail-domain']?.length ? v['mail-domain'] : ['kefu.local'];
  const address = v['email-address'] ?? `support@${domains[0]}`;
  const maxMb = Number(v['mail-max-mb'] ?? 25);
  if (!(maxMb > 0 && maxMb <= 100)) throw new Error(`bad --mail-max-mb ${v['mail-max-mb']}`);
  const imap = (v.imap ?? []).map((s) => {
    const u = new URL(s);
    if (u.protocol !== 'imap:' && u.protocol !== 'imaps:')
      throw new Error(`bad --imap ${s} (use imap[s]://user:pass@host:port/MAILBOX)`);
    return {
      host: u.hostname,
      port: Number(u.port) || (u.protocol === 'imaps:' ? 993 : 143),
      secure: u.protocol === 'imaps:',
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      mailbox: decodeURIComponent(u.pathname.slice(1)) || 'INBOX',
    };
  });
  const gateways = v['fax-gateway'] ?? [];
  const faxNumber = v['fax-number'] ?? '+860000000000';
  let sms: ChannelsOptions['sms'];
  if (v.smpp) {
    const u = new URL(v.smpp);
    if (u.protocol !== 'smpp:')
      throw new Error(`bad --smpp ${v.smpp} (use smpp://id:pass@host:port)`);
    sms = {
      url: `smpp://${u.hostname}:${u.port || 2775}`,
      systemId: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      sourceAddr: v['sms-source'] ?? '10086',
    };
  }
  return {
    addresses: {
      email: address,
      messageIdDomain: address.split('@')[1] ?? 'kefu.local',
      ...(v['sms-source'] ? { sms: v['sms-source'] } : {}),
      fax: faxNumber,
    },
    channels: {
      email: {
        config: {
          address,
          ownAddresses: [address],
          loopToken: address.split('@')[1] ?? 'kefu.local',
          caseType: 'query',
          acknowledge: true,
          limits: { maxBytes: maxMb * 1024 * 1024, maxAttachments: 50, maxHtmlChars: 2_000_000 },
        },
        smtp: v['no-smtp']
          ? undefined
          : {
              port: portOf(
                v['smtp-port'] ?? process.env['KEFU_SMTP_PORT'] ?? '2525',
                '--smtp-port',
              ),
              domains,
              maxBytes: maxMb * 1024 * 1024,
              ...tlsOf(v),
            },
        relay: v['smtp-relay'] ? { url: v['smtp-relay'], bounceAddress: address } : undefined,
        imap,
        fax: gateways.length
          ? {
              gatewaySenders: gateways,
              gatewayDomain: (gateways[0] ?? '').split('@').pop() ?? '',
              centerNumber: faxNumber,
              caseType: 'query',
            }
          : undefined,
      },
      sms,
    },
  };
}
