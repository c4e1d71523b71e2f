import { z } from 'zod';
import { messageChannels } from '../domain/message/message.ts';
import { Id, Timestamp } from './common.ts';

export const AttachmentView = z
  .object({
    id: Id,
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    url: z.string().describe('download link (GET, same authentication)'),
  })
  .meta({ id: 'Attachment' });

export const MessageView = z
  .object({
    id: Id,
    contactId: Id,
    caseId: Id.nullable(),
    customerId: Id.nullable(),
    channel: z.enum(messageChannels),
    direction: z.enum(['inbound', 'outbound']),
    from: z.string(),
    to: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    html: z.string().nullable().describe('sanitised HTML of an e-mail, safe to display'),
    status: z.enum(['received', 'queued', 'sending', 'sent', 'delivered', 'failed']),
    error: z.string().nullable().describe('why the last send failed'),
    authorId: Id.nullable(),
    attempts: z.number().int(),
    createdAt: Timestamp,
    sentAt: Timestamp.nullable(),
    deliveredAt: Timestamp.nullable(),
    attachments: z.array(AttachmentView),
    meta: z.record(z.string(), z.unknown()).describe('transport details (threading ids, parts)'),
  })
  .meta({ id: 'Message' });

export const AttachmentUpload = z.strictObject({
  filename: z.string().trim().min(1).max(255),
  contentType: z
    .string()
    .max(127)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'a MIME type such as application/pdf'),
  dataBase64: z.string().max(14_000_000).describe('the file, base64 (10 MB at most)'),
});

export const MessageSendBody = z
  .strictObject({
    body: z.string().max(200_000),
    to: z.string().max(254).nullable().optional(),
    subject: z.string().max(998).nullable().optional(),
    attachments: z.array(AttachmentUpload).max(10).optional(),
  })
  .meta({ id: 'MessageSend' });
