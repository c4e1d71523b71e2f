/**
 * A message (消息) is one piece of text on a non-voice channel: an e-mail, an SMS, a fax, a chat
 * line, a web form. Every message belongs to a contact (the conversation) and, once threaded, to
 * its case. Outbound messages are the one outbox of the center: each reply on any channel is a
 * message whose status the channel adapters move (outbox-status.ts), so a case shows one
 * timeline of what came in and what went out, and whether it arrived.
 */
import { DomainError } from '../errors.ts';
import type { DomainEvent } from '../events/domain-event.ts';
import type { OutboxStatus } from './outbox-status.ts';

export const messageChannels = ['email', 'sms', 'fax', 'webchat', 'webform'] as const;
export type MessageChannel = (typeof messageChannels)[number];
export const isMessageChannel = (s: string): s is MessageChannel =>
  (messageChannels as readonly string[]).includes(s);

/** Inbound messages are simply `received`; outbound ones travel through the outbox states. */
export type MessageStatus = 'received' | OutboxStatus;

/** Transport details kept for threading and loop prevention (e-mail headers, SMS ids). */
export interface MessageMeta {
  /** E-mail Message-ID (without angle brackets), as sent or received. */
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  /** RFC 3834 / list headers seen on an inbound e-mail, for the auto-reply policy. */
  readonly autoSubmitted?: string;
  readonly precedence?: string;
  /** Envelope sender of an inbound e-mail ('' is the null reverse-path of bounces). */
  readonly envelopeFrom?: string;
  /** Sanitised HTML of an e-mail, safe to show in the desktop. */
  readonly html?: string;
  /** SMS: how many parts the text travelled in, and the data coding used. */
  readonly parts?: number;
  readonly dataCoding?: number;
  /** Why a send failed (last error), for the agent. */
  readonly error?: string;
  /** Outbound e-mail flavour: an automatic acknowledgement, a transcript, a reply. */
  readonly kind?: 'reply' | 'auto_ack' | 'transcript' | 'otp' | 'survey';
  readonly [key: string]: unknown;
}

export interface AttachmentInfo {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

export interface Message {
  readonly id: string;
  readonly contactId: string;
  readonly caseId: string | null;
  readonly customerId: string | null;
  readonly channel: MessageChannel;
  readonly direction: 'inbound' | 'outbound';
  readonly from: string;
  readonly to: string;
  readonly subject: string | null;
  /** Plain text; an HTML-only e-mail is converted to text for search and for SMS-size views. */
  readonly body: string;
  readonly status: MessageStatus;
  /** The id the transport gave it: the e-mail Message-ID, the SMSC's message_id. */
  readonly externalId: string | null;
  readonly meta: MessageMeta;
  /** The staff member who wrote an outbound message; null for the system and customers. */
  readonly authorId: string | null;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly sentAt: Date | null;
  readonly deliveredAt: Date | null;
  readonly attachments: readonly AttachmentInfo[];
}

export const messageLimits = {
  /** Text kept per message; longer bodies are cut (the raw e-mail stays as an attachment). */
  bodyChars: 200_000,
  subjectChars: 998,
  /** SMS replies: 10 concatenated parts of 67 UCS-2 units is ~670 Chinese characters. */
  smsChars: 1_000,
  chatChars: 4_000,
} as const;

export function assertOutboundText(channel: MessageChannel, body: string): void {
  if (!body.trim())
    throw new DomainError('message.invalid', 'the message is empty', { field: 'body' });
  const max =
    channel === 'sms'
      ? messageLimits.smsChars
      : channel === 'webchat'
        ? messageLimits.chatChars
        : messageLimits.bodyChars;
  if (body.length > max)
    throw new DomainError('message.too_large', `at most ${max} characters on ${channel}`, {
      field: 'body',
      max,
    });
}

/** The event of a message's arrival or status change, scoped like its contact. */
export function messageEvent(
  m: Message,
  type:
    'message.received' | 'message.queued' | 'message.sent' | 'message.delivered' | 'message.failed',
  scope: { agentId: string | null; teamId: string | null },
  extra: Record<string, unknown> = {},
): DomainEvent {
  return {
    type,
    subjectType: 'message',
    subjectId: m.id,
    payload: {
      contactId: m.contactId,
      caseId: m.caseId,
      customerId: m.customerId,
      channel: m.channel,
      direction: m.direction,
      status: m.status,
      attempts: m.attempts,
      ...extra,
    },
    scope: {
      userIds: scope.agentId ? [scope.agentId] : [],
      teamIds: scope.teamId ? [scope.teamId] : [],
      dispatchTeamIds: [],
      customerId: m.customerId,
    },
  };
}
