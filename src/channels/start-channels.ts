/**
 * Starts the text channels the center is configured with (e-mail with fax over mail, SMS) and
 * registers their senders with the outbox. Each is optional: a channel that is not configured
 * simply refuses replies with `channel.unavailable`.
 */
import type { Clock } from '../app/ports/clock.ts';
import type { InboxService } from '../app/messaging/inbox-service.ts';
import type { OutboxService } from '../app/messaging/outbox-service.ts';
import type { Log } from './email/mail-ingest.ts';
import { startEmail, type EmailChannel, type EmailChannelOptions } from './email/start-email.ts';
import { startSms, type SmsChannelHandle, type StartSmsOptions } from './sms/start-sms.ts';

export interface ChannelsOptions {
  readonly email?: EmailChannelOptions | undefined;
  readonly sms?: Omit<StartSmsOptions, 'inbox' | 'outbox' | 'log'> | undefined;
}

export interface Channels {
  readonly email: EmailChannel | null;
  readonly sms: SmsChannelHandle | null;
  stop(): Promise<void>;
}

export async function startChannels(
  d: { inbox: InboxService; outbox: OutboxService; clock: Clock; log: Log },
  o: ChannelsOptions,
): Promise<Channels> {
  const email = o.email ? await startEmail(d, o.email) : null;
  const sms = o.sms ? startSms({ ...o.sms, inbox: d.inbox, outbox: d.outbox, log: d.log }) : null;
  return {
    email,
    sms,
    async stop() {
      await sms?.stop();
      await email?.stop();
    },
  };
}
