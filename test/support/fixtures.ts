/** Builders for domain records used across store and API tests. */
import { randomUUID } from 'node:crypto';
import type { StoredTask } from '../../src/app/ports/routing-repo.ts';
import type { Case } from '../../src/domain/case/case.ts';
import type { Contact } from '../../src/domain/contact/contact.ts';
import type { Customer } from '../../src/domain/customer/customer.ts';
import { defaultRetry, type Campaign } from '../../src/domain/dialer/campaign.ts';
import type { CampaignRecord } from '../../src/domain/dialer/campaign-record.ts';
import type { User } from '../../src/domain/user/user.ts';
import type { WebhookDelivery } from '../../src/domain/webhook/webhook-delivery.ts';
import type { WebhookSubscription } from '../../src/domain/webhook/webhook-subscription.ts';

export const t0 = new Date('2026-11-30T02:00:00Z');

export function aUser(p: Partial<User> = {}): User {
  return {
    id: randomUUID(),
    username: `u${randomUUID().slice(0, 8)}`,
    displayName: 'Test User',
    role: 'agent',
    email: null,
    customerId: null,
    teamIds: [],
    skills: [],
    language: 'zh-CN',
    disabled: false,
    createdAt: t0,
    ...p,
  };
}

export function aCustomer(p: Partial<Customer> = {}): Customer {
  return {
    id: randomUUID(),
    msisdn: null,
    name: '测试客户',
    email: null,
    level: 'normal',
    tags: [],
    language: 'zh-CN',
    createdAt: t0,
    updatedAt: t0,
    ...p,
  };
}

let caseCounter = 0;
export function aCase(p: Partial<Case> = {}): Case {
  caseCounter++;
  return {
    id: randomUUID(),
    number: `C-20261130-${String(caseCounter).padStart(6, '0')}-${randomUUID().slice(0, 4)}`,
    type: 'complaint',
    title: 'Test case',
    description: '',
    categoryId: null,
    priority: 'normal',
    customerId: null,
    stage: 'accepted',
    stageEnteredAt: t0,
    stagesVisited: ['accepted'],
    assigneeId: null,
    teamId: null,
    dispatchTeamId: null,
    urgeCount: 0,
    reopenCount: 0,
    satisfaction: null,
    acceptedAt: t0,
    dueAt: null,
    stageDueAt: null,
    createdBy: null,
    createdAt: t0,
    updatedAt: t0,
    closedAt: null,
    version: 1,
    ...p,
  };
}

export function aContact(p: Partial<Contact> = {}): Contact {
  return {
    id: randomUUID(),
    channel: 'voice',
    direction: 'inbound',
    from: '8613800000000',
    to: '10086',
    subject: null,
    startedAt: t0,
    endedAt: null,
    ivrData: {},
    wrapUpCode: null,
    customerId: null,
    caseId: null,
    agentId: null,
    teamId: null,
    taskId: null,
    queuedAt: null,
    offeredAt: null,
    answeredAt: null,
    recordingId: null,
    createdAt: t0,
    updatedAt: t0,
    ...p,
  };
}

/** A completed router task in `queueId` (tasks store epoch milliseconds). */
export function aTask(queueId: string, p: Partial<StoredTask> = {}): StoredTask {
  const at = t0.getTime();
  return {
    id: randomUUID(),
    channel: 'voice',
    attributes: {},
    priority: 0,
    createdAt: at,
    seq: 1,
    state: 'completed',
    workflowId: null,
    filterIndex: -1,
    stepIndex: 0,
    stepStartedAt: at,
    queueId,
    agentId: null,
    reservationId: null,
    targetAgentId: null,
    updatedAt: at,
    endedAt: at,
    reason: null,
    wrapUpCode: null,
    ...p,
  };
}

export function aCampaign(p: Partial<Campaign> = {}): Campaign {
  return {
    id: randomUUID(),
    kind: 'list',
    name: `Campaign ${randomUUID().slice(0, 8)}`,
    mode: 'progressive',
    queueId: 'q-outbound',
    callerId: '+861012345678',
    timeZone: 'Asia/Shanghai',
    windows: { mon: [{ start: '09:00', end: '18:00' }] },
    holidays: [],
    retry: defaultRetry,
    maxAbandonRate: 0.03,
    state: 'draft',
    createdAt: t0,
    updatedAt: t0,
    ...p,
  };
}

export function aCampaignRecord(
  campaignId: string,
  position: number,
  p: Partial<CampaignRecord> = {},
): CampaignRecord {
  return {
    id: randomUUID(),
    campaignId,
    number: `86139${String(position).padStart(8, '0')}`,
    position,
    name: `Record ${position}`,
    data: {},
    timeZone: null,
    state: 'pending',
    nextAt: null,
    attempts: [],
    createdAt: t0,
    updatedAt: t0,
    ...p,
  };
}

export function aWebhookSubscription(p: Partial<WebhookSubscription> = {}): WebhookSubscription {
  return {
    id: randomUUID(),
    name: 'Receiver',
    url: 'https://crm.example.cn/hooks/kefu',
    eventTypes: ['case.*'],
    secret: 'whsec_test',
    active: true,
    disabledReason: null,
    disabledAt: null,
    consecutiveDead: 0,
    failingSince: null,
    fromSeq: 0,
    createdAt: t0,
    updatedAt: t0,
    ...p,
  };
}

export function aWebhookDelivery(
  subscriptionId: string,
  p: Partial<WebhookDelivery> = {},
): WebhookDelivery {
  const eventId = p.eventId ?? `evt_${randomUUID()}`;
  return {
    id: randomUUID(),
    subscriptionId,
    eventId,
    eventType: 'case.created',
    body: JSON.stringify({ id: eventId, type: 'case.created' }),
    state: 'pending',
    attempts: [],
    nextAttemptAt: t0,
    replayOf: null,
    createdAt: t0,
    updatedAt: t0,
    ...p,
  };
}
