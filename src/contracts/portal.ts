/** The public web form and the customer portal: requests and the customer-facing views. */
import { z } from 'zod';
import { caseStages } from '../domain/case/case-stage.ts';
import { messageChannels } from '../domain/message/message.ts';
import { Id, Timestamp } from './common.ts';

const Optional = (max: number) => z.string().max(max).nullable().optional();

export const WebFormRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    phone: Optional(32),
    email: Optional(254),
    type: z.string().min(1).max(40).optional().describe("case type code; 'query' by default"),
    category: Id.nullable().optional().describe('a case category id'),
    subject: z.string().trim().min(1).max(200),
    message: z.string().trim().min(1).max(5000),
    website: Optional(2000).describe('leave empty (a field people never see)'),
  })
  .meta({ id: 'WebForm' });

export const WebFormReceipt = z
  .object({ caseNumber: z.string(), status: z.enum(caseStages) })
  .meta({ id: 'WebFormReceipt' });

export const WebFormOptions = z
  .object({
    types: z.array(z.object({ code: z.string(), name: z.string(), nameZh: z.string() })),
    categories: z.array(
      z.object({
        id: Id,
        parentId: Id.nullable(),
        name: z.string(),
        nameZh: z.string().nullable(),
        caseType: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'WebFormOptions' });

export const CodeRequest = z.strictObject({ phone: z.string().min(1).max(32) }).meta({
  id: 'PortalCodeRequest',
});
export const CodeVerify = z
  .strictObject({
    phone: z.string().min(1).max(32),
    code: z.string().regex(/^\d{6}$/, 'six digits'),
  })
  .meta({ id: 'PortalCodeVerify' });
export const LinkRequest = z.strictObject({ email: z.string().min(1).max(254) }).meta({
  id: 'PortalLinkRequest',
});
export const LinkVerify = z.strictObject({ token: z.string().min(20).max(200) }).meta({
  id: 'PortalLinkVerify',
});
export const ChallengeSent = z
  .object({
    ok: z.literal(true),
    expiresInSeconds: z
      .number()
      .int()
      .describe('sent if a customer has this phone or address; the answer is the same if not'),
  })
  .meta({ id: 'PortalChallengeSent' });

export const PortalCaseView = z
  .object({
    id: Id,
    number: z.string(),
    type: z.string(),
    title: z.string(),
    stage: z.enum(caseStages),
    stageEnteredAt: Timestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    closedAt: Timestamp.nullable(),
    satisfaction: z.number().int().nullable(),
    canRate: z.boolean().describe('replied, or closed without a rating'),
  })
  .meta({ id: 'PortalCase' });

export const PortalMessageView = z
  .object({
    id: Id,
    direction: z.enum(['inbound', 'outbound']).describe('inbound: from the customer'),
    channel: z.enum(messageChannels),
    subject: z.string().nullable(),
    body: z.string(),
    status: z.enum(['received', 'queued', 'sending', 'sent', 'delivered', 'failed']),
    createdAt: Timestamp,
    attachments: z.array(
      z.object({ id: Id, filename: z.string(), contentType: z.string(), size: z.number().int() }),
    ),
  })
  .meta({ id: 'PortalMessage' });

export const PortalCaseDetail = z
  .object({
    case: PortalCaseView.extend({ description: z.string() }),
    messages: z.array(PortalMessageView),
  })
  .meta({ id: 'PortalCaseDetail' });

export const PortalReply = z
  .strictObject({ body: z.string().trim().min(1).max(5000) })
  .meta({ id: 'PortalReply' });

export const SatisfactionRequest = z
  .strictObject({
    score: z.number().int().describe('1 (poor) to 5 (excellent)'),
    comment: z.string().max(2000).nullable().optional(),
  })
  .meta({ id: 'PortalSatisfaction' });
