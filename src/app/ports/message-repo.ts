/**
 * Messages of the non-voice channels and their attachments; the outbox is the set of outbound
 * messages in `queued` state. Behaviour owed by every store (test/contract/store.contract.ts):
 * - `insert` stores the message and its attachments together; `attachments` on the message is
 *   derived from what was stored, never trusted from the caller.
 * - `due(now)` returns queued messages whose next attempt is due, oldest first.
 * - `requeueStale()` puts `sending` messages (a crash between send and record) back in `queued`.
 */
import type { Message, MessageChannel } from '../../domain/message/message.ts';

export interface NewAttachment {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly data: Uint8Array;
}

export interface StoredAttachment {
  readonly id: string;
  readonly messageId: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly data: Uint8Array;
}

export interface MessageRepo {
  insert(m: Message, attachments: readonly NewAttachment[]): Promise<void>;
  /** Writes status, attempts, times, external id, meta and case of `m`. */
  update(m: Message): Promise<void>;
  get(id: string): Promise<Message | null>;
  /** Reads and locks the row until the transaction ends. */
  getForUpdate(id: string): Promise<Message | null>;
  /** A message by the id its transport gave it (Message-ID, SMSC id), newest first. */
  byExternalId(
    channel: MessageChannel,
    externalId: string,
    direction?: 'inbound' | 'outbound',
  ): Promise<Message | null>;
  /** The first of `externalIds` (in that order) that names a stored e-mail. */
  firstByExternalIds(
    channel: MessageChannel,
    externalIds: readonly string[],
  ): Promise<Message | null>;
  ofContact(contactId: string): Promise<Message[]>;
  /** Files the contact's messages that have no case under `caseId`; returns how many. */
  fileUnderCase(contactId: string, caseId: string): Promise<number>;
  ofCase(caseId: string): Promise<Message[]>;
  /** The newest outbound message of `kind` (meta.kind) to `to` on the channel, if any. */
  lastOutboundTo(channel: MessageChannel, to: string, kind: string): Promise<Message | null>;
  due(now: Date, limit: number): Promise<Message[]>;
  requeueStale(now: Date): Promise<number>;
  attachment(id: string): Promise<StoredAttachment | null>;
  attachmentsOf(messageId: string): Promise<StoredAttachment[]>;
}
