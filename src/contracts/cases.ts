import { z } from 'zod';
import { AttachmentUpload } from './messages.ts';
import { caseStages } from '../domain/case/case-stage.ts';
import { channels } from '../domain/contact/contact.ts';
import { Priority } from './case-config.ts';
import { Id, PageQuery, Timestamp } from './common.ts';
import { ContactView } from './customers.ts';

export const CaseStage = z.enum(caseStages);

export const CaseView = z
  .object({
    id: Id,
    number: z.string(),
    type: z.string(),
    title: z.string(),
    description: z.string(),
    categoryId: Id.nullable(),
    priority: Priority,
    customerId: Id.nullable(),
    stage: CaseStage,
    stageEnteredAt: Timestamp,
    assigneeId: Id.nullable(),
    teamId: Id.nullable(),
    dispatchTeamId: Id.nullable(),
    urgeCount: z.number().int(),
    reopenCount: z.number().int(),
    satisfaction: z.number().int().nullable(),
    acceptedAt: Timestamp,
    dueAt: Timestamp.nullable().describe('whole-case SLA due time'),
    stageDueAt: Timestamp.nullable().describe('current stage SLA due time'),
    createdBy: Id.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    closedAt: Timestamp.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Case' });

export const CaseCreate = z
  .strictObject({
    type: z.string().min(1).max(40),
    title: z.string().trim().min(1).max(300),
    description: z.string().max(20_000).default(''),
    customerId: Id.nullable().optional(),
    priority: Priority.optional(),
    categoryId: Id.nullable().optional(),
    assigneeId: Id.nullable().optional(),
    teamId: Id.nullable().optional(),
    contactId: Id.optional().describe('link this contact to the new case'),
  })
  .meta({ id: 'CaseCreate' });

export const CaseQuery = PageQuery.extend({
  stage: CaseStage.optional(),
  type: z.string().max(40).optional(),
  assignee: Id.optional().describe("a user id, or 'me'"),
  team: Id.optional(),
  customer: Id.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(100).optional(),
});

const Note = z.string().max(5000).nullable().optional();

export const TransitionRequest = z
  .strictObject({ to: CaseStage, note: Note, satisfaction: z.number().int().nullable().optional() })
  .meta({ id: 'CaseTransition' });
export const AssignRequest = z
  .strictObject({ assigneeId: Id.nullable().optional(), teamId: Id.nullable().optional() })
  .meta({ id: 'CaseAssign' });
export const DispatchRequest = z
  .strictObject({ teamId: Id, assigneeId: Id.nullable().optional(), note: Note })
  .meta({ id: 'CaseDispatch' });
export const NoteRequest = z
  .strictObject({ body: z.string().trim().min(1).max(20_000), internal: z.boolean().default(true) })
  .meta({ id: 'CaseNoteCreate' });
export const UrgeRequest = z.strictObject({ note: Note }).meta({ id: 'CaseUrge' });
export const LinkContactRequest = z.strictObject({ contactId: Id }).meta({ id: 'CaseLinkContact' });
export const PriorityRequest = z.strictObject({ priority: Priority }).meta({ id: 'CasePriority' });
export const ReplyRequest = z
  .strictObject({
    channel: z.enum(channels),
    body: z.string().trim().min(1).max(100_000),
    to: z.string().max(320).nullable().optional(),
    subject: z.string().max(500).nullable().optional(),
    contactId: Id.optional().describe('the conversation answered (a chat, one of several threads)'),
    attachments: z.array(AttachmentUpload).max(10).optional(),
    advance: z.boolean().default(true).describe('also move the case to replied'),
  })
  .meta({ id: 'CaseReplyCreate' });
export const CloseRequest = z
  .strictObject({ satisfaction: z.number().int().nullable().optional(), note: Note })
  .meta({ id: 'CaseClose' });
export const CallbackRequest = z
  .strictObject({
    number: z.string().max(32).nullable().optional(),
    note: Note,
    at: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .meta({ description: 'when to call (up to 30 days ahead); omitted: as soon as possible' }),
  })
  .meta({ id: 'CaseCallback' });
export const ReopenRequest = z.strictObject({ note: Note }).meta({ id: 'CaseReopen' });

export const NoteView = z
  .object({
    id: Id,
    caseId: Id,
    authorId: Id,
    body: z.string(),
    internal: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: 'CaseNote' });
export const ReplyView = z
  .object({
    id: Id,
    caseId: Id,
    authorId: Id,
    channel: z.enum(channels),
    to: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string(),
    status: z.enum(['recorded', 'queued', 'sending', 'sent', 'delivered', 'failed']),
    createdAt: Timestamp,
  })
  .meta({ id: 'CaseReply' });

export const SlaReadingView = z
  .object({
    state: z.enum(['ok', 'warning', 'breached', 'met', 'none']),
    dueAt: Timestamp.nullable(),
    remainingMinutes: z.number().nullable().describe('business minutes; negative once breached'),
    elapsedPercent: z.number().nullable(),
  })
  .meta({ id: 'SlaReading' });
export const CaseSlaView = z
  .object({ policyId: Id.nullable(), stage: SlaReadingView, total: SlaReadingView })
  .meta({ id: 'CaseSla' });

export const CaseDetails = z
  .object({
    case: CaseView,
    notes: z.array(NoteView),
    replies: z.array(ReplyView),
    contacts: z.array(ContactView),
    sla: CaseSlaView,
  })
  .meta({ id: 'CaseDetails' });
