/** Starts the e-mail channel: inbound SMTP, optional IMAP polling, and outbound SMTP. */
import type { Clock } from '../../app/ports/clock.ts';
import type { InboxService } from '../../app/messaging/inbox-service.ts';
import type { OutboxService } from '../../app/messaging/outbox-service.ts';
import { MailIngest, type EmailConfig, type Log } from './mail-ingest.ts';
import { SmtpInbound, type SmtpInboundOptions } from './smtp-inbound.ts';
import { SmtpSender, type SmtpSenderOptions } from './smtp-sender.ts';
import { ImapPoller, type ImapOptions } from './imap-poller.ts';
import { FaxGateway, type FaxGatewayConfig } from '../fax/fax-gateway.ts';
import { FaxSender } from '../fax/fax-sender.ts';

export interface EmailChannelOptions {
  readonly config: EmailConfig;
  /** Inbound SMTP server; omitted: no SMTP listener. */
  readonly smtp?: SmtpInboundOptions | undefined;
  /** Outbound relay; omitted: replies by e-mail are refused (channel.unavailable). */
  readonly relay?: SmtpSenderOptions | undefined;
  /** Mailboxes to poll. */
  readonly imap?: readonly ImapOptions[] | undefined;
  /** Fax over mail (T.37): which senders are the fax gateway, and where replies go. */
  readonly fax?: FaxGatewayConfig | undefined;
}

export interface EmailChannel {
  readonly ingest: MailIngest;
  readonly smtp: SmtpInbound | null;
  readonly sender: SmtpSender | null;
  readonly imap: readonly ImapPoller[];
  stop(): Promise<void>;
}

export async function startEmail(
  d: { inbox: InboxService; outbox: OutboxService; clock: Clock; log: Log },
  o: EmailChannelOptions,
): Promise<EmailChannel> {
  const ingest = new MailIngest(d.inbox, d.outbox, o.config, d.log, d.clock);
  const sender = o.relay ? new SmtpSender(o.relay) : null;
  if (sender) d.outbox.register('email', sender);
  if (o.fax) {
    ingest.useFax(new FaxGateway(o.fax, d.inbox, d.log));
    if (sender)
      d.outbox.register('fax', new FaxSender(sender, o.fax.gatewayDomain, o.config.address));
  }
  const smtp = o.smtp ? new SmtpInbound(o.smtp, ingest, d.log) : null;
  await smtp?.start();
  const imap = (o.imap ?? []).map((i) => new ImapPoller(i, ingest, d.log));
  for (const p of imap) p.start();
  return {
    ingest,
    smtp,
    sender,
    imap,
    async stop() {
      await Promise.all(imap.map((p) => p.stop()));
      await smtp?.stop();
      sender?.close();
    },
  };
}
