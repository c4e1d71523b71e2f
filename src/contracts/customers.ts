import { z } from 'zod';
import { channels, directions } from '../domain/contact/contact.ts';
import { customerLevels } from '../domain/customer/customer.ts';
import { Id, Name, PageQuery, Timestamp } from './common.ts';

export const CustomerView = z
  .object({
    id: Id,
    msisdn: z.string().nullable(),
    name: z.string(),
    email: z.string().nullable(),
    level: z.enum(customerLevels),
    tags: z.array(z.string()),
    language: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Customer' });

export const CustomerCreate = z
  .strictObject({
    name: Name(200),
    msisdn: z.string().max(32).nullable().optional(),
    email: z.string().max(254).nullable().optional(),
    level: z.enum(customerLevels).optional(),
    tags: z.array(z.string().max(40)).max(50).optional(),
    language: z.enum(['zh-CN', 'en']).optional(),
  })
  .meta({ id: 'CustomerCreate' });
export const CustomerUpdate = CustomerCreate.partial().strict().meta({ id: 'CustomerUpdate' });

export const CustomerQuery = PageQuery.extend({
  q: z.string().max(100).optional().describe('matches name, e-mail or phone digits'),
  msisdn: z.string().max(32).optional(),
  email: z.string().max(254).optional(),
  name: z.string().max(200).optional(),
  tag: z.string().max(40).optional(),
  level: z.enum(customerLevels).optional(),
});

const IvrData = z.record(z.string(), z.string()).describe('IVR data: string keys and values');

export const ContactView = z
  .object({
    id: Id,
    channel: z.enum(channels),
    direction: z.enum(directions),
    from: z.string(),
    to: z.string(),
    subject: z.string().nullable(),
    startedAt: Timestamp,
    endedAt: Timestamp.nullable(),
    ivrData: IvrData,
    wrapUpCode: z.string().nullable(),
    customerId: Id.nullable(),
    caseId: Id.nullable(),
    agentId: Id.nullable(),
    teamId: Id.nullable(),
    taskId: Id.nullable(),
    queuedAt: Timestamp.nullable(),
    offeredAt: Timestamp.nullable(),
    answeredAt: Timestamp.nullable(),
    recordingId: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Contact' });

export const ContactCreate = z
  .strictObject({
    channel: z.enum(channels),
    direction: z.enum(directions),
    from: z.string().min(1).max(320),
    to: z.string().min(1).max(320),
    subject: z.string().max(500).nullable().optional(),
    startedAt: Timestamp.optional(),
    endedAt: Timestamp.nullable().optional(),
    ivrData: IvrData.optional(),
    wrapUpCode: z.string().max(64).nullable().optional(),
    customerId: Id.nullable().optional().describe('found from the caller/sender when omitted'),
    caseId: Id.nullable().optional(),
    agentId: Id.nullable().optional(),
    teamId: Id.nullable().optional(),
  })
  .meta({ id: 'ContactCreate' });

export const ContactUpdate = ContactCreate.omit({
  channel: true,
  direction: true,
  from: true,
  to: true,
  startedAt: true,
})
  .partial()
  .strict()
  .meta({ id: 'ContactUpdate' });

export const ContactQuery = PageQuery.extend({
  customerId: Id.optional(),
  caseId: Id.optional(),
  channel: z.enum(channels).optional(),
  agentId: Id.optional(),
});
