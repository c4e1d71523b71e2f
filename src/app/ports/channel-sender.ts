/**
 * A channel adapter that sends outbound messages (SMTP, SMPP, fax gateway, chat socket). The
 * outbox calls `send` once per attempt; the adapter either returns (the message left kefu, or
 * was delivered at once) or throws `SendFailure` saying whether trying again may help.
 */
import type { Message } from '../../domain/message/message.ts';
import type { StoredAttachment } from './message-repo.ts';

export interface SendResult {
  /** The transport's id for the message (SMSC message_id); e-mail keeps its own Message-ID. */
  readonly externalId?: string | null;
  /** True when the channel knows the message reached the customer (a chat socket ack). */
  readonly delivered?: boolean;
  /** Extra transport details to keep on the message (parts, data coding). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

export interface ChannelSender {
  send(m: Message, attachments: readonly StoredAttachment[]): Promise<SendResult>;
}

/** A send that did not work; `permanent` failures are not retried (bad address, 5xx). */
export class SendFailure extends Error {
  override readonly name = 'SendFailure';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
