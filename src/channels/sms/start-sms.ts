/**
 * Starts the SMS channel: one SMPP transceiver link to the SMSC, the channel over it, and the
 * channel registered as the outbox's SMS sender. The link binds in the background; until it
 * is bound, sends fail as transient and the outbox retries them.
 */
import type { InboxService } from '../../app/messaging/inbox-service.ts';
import type { OutboxService } from '../../app/messaging/outbox-service.ts';
import { SmppLink, type SmppLinkOptions, type SmsLog } from './smpp-link.ts';
import { SmsChannel, type SmsChannelOptions } from './sms-channel.ts';

export interface StartSmsOptions {
  /** smpp://host:port of the SMSC. */
  readonly url: string;
  readonly systemId: string;
  readonly password: string;
  readonly systemType?: string;
  /** The center's short code, the source of replies (e.g. 10086). */
  readonly sourceAddr: string;
  readonly inbox: Pick<InboxService, 'receive'>;
  readonly outbox: Pick<OutboxService, 'register' | 'delivered' | 'failed'>;
  readonly log: SmsLog;
  readonly enquireLinkSeconds?: number;
  /** Timings tests make small; production keeps the defaults. */
  readonly responseTimeoutMs?: SmppLinkOptions['responseTimeoutMs'];
  readonly window?: SmppLinkOptions['window'];
  readonly backoff?: SmppLinkOptions['backoff'];
  readonly countryCode?: SmsChannelOptions['countryCode'];
  readonly reassemblyTimeoutMs?: SmsChannelOptions['reassemblyTimeoutMs'];
  readonly sweepEveryMs?: SmsChannelOptions['sweepEveryMs'];
  readonly now?: SmsChannelOptions['now'];
}

export interface SmsChannelHandle {
  readonly channel: SmsChannel;
  readonly link: SmppLink;
  /** Unbinds and stops; the outbox keeps SMS queued until a channel is registered again. */
  stop(): Promise<void>;
}

export function startSms(o: StartSmsOptions): SmsChannelHandle {
  const link = new SmppLink({
    url: o.url,
    systemId: o.systemId,
    password: o.password,
    log: o.log,
    systemType: o.systemType,
    enquireLinkSeconds: o.enquireLinkSeconds,
    responseTimeoutMs: o.responseTimeoutMs,
    window: o.window,
    backoff: o.backoff,
  });
  const channel = new SmsChannel(link, {
    inbox: o.inbox,
    outbox: o.outbox,
    sourceAddr: o.sourceAddr,
    log: o.log,
    countryCode: o.countryCode,
    reassemblyTimeoutMs: o.reassemblyTimeoutMs,
    sweepEveryMs: o.sweepEveryMs,
    now: o.now,
  });
  o.outbox.register('sms', channel);
  link.start();
  return {
    channel,
    link,
    async stop() {
      channel.close();
      await link.close();
    },
  };
}
