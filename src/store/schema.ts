/**
 * The database schema, one source for both PGlite (embedded) and PostgreSQL. Keep to SQL that
 * PostgreSQL 15 supports. Ids are text (UUIDs) to avoid bigint/number mismatches between drivers;
 * the event sequence is the one bigint, read in `number` mode (2^53 events is far away).
 */
import {
  bigint,
  customType,
  doublePrecision,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

import { sql } from 'drizzle-orm';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    customerId: text('customer_id'),
    language: text('language').notNull().default('zh-CN'),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const teams = pgTable(
  'teams',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull().default(''),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('teams_name_uq').on(t.name)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index('team_members_user_idx').on(t.userId),
  ],
);

export const skills = pgTable(
  'skills',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [uniqueIndex('skills_name_uq').on(t.name)],
);

export const userSkills = pgTable(
  'user_skills',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    level: integer('level').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.skillId] })],
);

export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    msisdn: text('msisdn'),
    name: text('name').notNull(),
    email: text('email'),
    level: text('level').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    language: text('language').notNull().default('zh-CN'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('customers_msisdn_uq').on(t.msisdn),
    index('customers_email_idx').on(t.email),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    channel: text('channel').notNull(),
    direction: text('direction').notNull(),
    fromAddr: text('from_addr').notNull(),
    toAddr: text('to_addr').notNull(),
    subject: text('subject'),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at'),
    ivrData: jsonb('ivr_data').$type<Record<string, string>>().notNull(),
    wrapUpCode: text('wrap_up_code'),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    caseId: text('case_id'),
    agentId: text('agent_id'),
    teamId: text('team_id'),
    taskId: text('task_id'),
    queuedAt: ts('queued_at'),
    offeredAt: ts('offered_at'),
    answeredAt: ts('answered_at'),
    recordingId: text('recording_id'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('contacts_customer_idx').on(t.customerId, t.startedAt),
    index('contacts_case_idx').on(t.caseId),
    index('contacts_task_idx').on(t.taskId),
  ],
);

export const caseTypes = pgTable('case_types', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameZh: text('name_zh').notNull(),
  requiredStages: jsonb('required_stages').$type<string[]>().notNull(),
  defaultPriority: text('default_priority').notNull(),
  active: boolean('active').notNull().default(true),
});

export const caseCategories = pgTable('case_categories', {
  id: text('id').primaryKey(),
  parentId: text('parent_id'),
  name: text('name').notNull(),
  nameZh: text('name_zh'),
  caseType: text('case_type'),
});

export const businessCalendars = pgTable('business_calendars', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  weekly: jsonb('weekly').$type<Record<string, { start: string; end: string }[]>>().notNull(),
  holidays: jsonb('holidays').$type<string[]>().notNull(),
  specialDays: jsonb('special_days')
    .$type<{ date: string; intervals: { start: string; end: string }[] }[]>()
    .notNull(),
});

export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: text('id').primaryKey(),
    caseType: text('case_type').notNull(),
    // '' stands for "any priority" so the unique index covers it (NULLs never collide).
    priority: text('priority').notNull(),
    calendarId: text('calendar_id')
      .notNull()
      .references(() => businessCalendars.id),
    stageMinutes: jsonb('stage_minutes').$type<Record<string, number>>().notNull(),
    totalMinutes: integer('total_minutes').notNull(),
    warnPercent: integer('warn_percent').notNull(),
  },
  (t) => [uniqueIndex('sla_policies_type_priority_uq').on(t.caseType, t.priority)],
);

export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    categoryId: text('category_id'),
    priority: text('priority').notNull(),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    stage: text('stage').notNull(),
    stageEnteredAt: ts('stage_entered_at').notNull(),
    stagesVisited: jsonb('stages_visited').$type<string[]>().notNull(),
    assigneeId: text('assignee_id'),
    teamId: text('team_id'),
    dispatchTeamId: text('dispatch_team_id'),
    urgeCount: integer('urge_count').notNull(),
    reopenCount: integer('reopen_count').notNull(),
    satisfaction: integer('satisfaction'),
    acceptedAt: ts('accepted_at').notNull(),
    dueAt: ts('due_at'),
    stageDueAt: ts('stage_due_at'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    closedAt: ts('closed_at'),
    version: integer('version').notNull(),
  },
  (t) => [
    uniqueIndex('cases_number_uq').on(t.number),
    index('cases_stage_idx').on(t.stage),
    index('cases_assignee_idx').on(t.assigneeId),
    index('cases_team_idx').on(t.teamId),
    index('cases_dispatch_team_idx').on(t.dispatchTeamId),
    index('cases_customer_idx').on(t.customerId),
    index('cases_created_idx').on(t.createdAt),
  ],
);

export const caseNotes = pgTable(
  'case_notes',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorId: text('author_id').notNull(),
    body: text('body').notNull(),
    internal: boolean('internal').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId)],
);

export const caseReplies = pgTable(
  'case_replies',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorId: text('author_id').notNull(),
    channel: text('channel').notNull(),
    toAddr: text('to_addr'),
    subject: text('subject'),
    body: text('body').notNull(),
    // recorded (voice) | the outbox status of the message the reply became
    status: text('status').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('case_replies_case_idx').on(t.caseId)],
);

export const caseCounters = pgTable('case_counters', {
  day: text('day').primaryKey(),
  n: integer('n').notNull(),
});

export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    at: ts('at').notNull(),
    actorId: text('actor_id'),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    scope: jsonb('scope')
      .$type<{
        userIds: string[];
        teamIds: string[];
        dispatchTeamIds: string[];
        customerId: string | null;
      }>()
      .notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index('events_subject_idx').on(t.subjectType, t.subjectId, t.seq),
    index('events_type_idx').on(t.type, t.seq),
  ],
);

/** One row holding the last sequence number; its row lock orders appends by commit. */
export const eventCounter = pgTable('event_counter', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: ts('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    outcome: text('outcome').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

// ── routing ───────────────────────────────────────────────────────────────

export const queues = pgTable(
  'queues',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    targetExpression: text('target_expression').notNull(),
    strategy: text('strategy').notNull(),
    strategySkill: text('strategy_skill'),
    preferredTimeoutSeconds: integer('preferred_timeout_seconds').notNull(),
    wrapUpSeconds: integer('wrap_up_seconds').notNull(),
    serviceLevelSeconds: integer('service_level_seconds').notNull(),
    reservationTimeoutSeconds: integer('reservation_timeout_seconds').notNull(),
    teamId: text('team_id'),
  },
  (t) => [uniqueIndex('queues_name_uq').on(t.name)],
);

export const workflows = pgTable(
  'workflows',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<unknown[]>().notNull(),
    defaultQueueId: text('default_queue_id').notNull(),
    isDefault: boolean('is_default').notNull(),
  },
  (t) => [uniqueIndex('workflows_name_uq').on(t.name)],
);

export const reasonCodes = pgTable('reason_codes', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  labelZh: text('label_zh').notNull(),
  requiresApproval: boolean('requires_approval').notNull(),
  maxMinutes: integer('max_minutes'),
  active: boolean('active').notNull(),
  systemOnly: boolean('system_only').notNull(),
});

export const capacityProfiles = pgTable('capacity_profiles', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  limits: jsonb('limits').$type<Record<string, number>>().notNull(),
  voiceBlocksOthers: boolean('voice_blocks_others').notNull(),
  maxTotal: integer('max_total'),
});

/** Routing settings of an agent beyond their skills and teams. */
export const agentSettings = pgTable('agent_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  capacityProfileId: text('capacity_profile_id'),
  languages: jsonb('languages').$type<string[]>().notNull(),
  attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull(),
});

/** An agent's login and state; offline agents have no row. */
export const agentSessions = pgTable('agent_sessions', {
  agentId: text('agent_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  state: text('state').notNull(),
  reason: text('reason'),
  since: ts('since').notNull(),
  pendingAway: jsonb('pending_away').$type<{ reason: string; requestedAt: number } | null>(),
  wrapUp: jsonb('wrap_up').$type<{ taskId: string; endsAt: number; extendedBy: number } | null>(),
  lastIdleAt: ts('last_idle_at'),
  extension: text('extension'),
  softphone: boolean('softphone').notNull(),
  loggedInAt: ts('logged_in_at').notNull(),
});

export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    channel: text('channel').notNull(),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull(),
    priority: integer('priority').notNull(),
    createdAt: ts('created_at').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    state: text('state').notNull(),
    workflowId: text('workflow_id'),
    filterIndex: integer('filter_index').notNull(),
    stepIndex: integer('step_index').notNull(),
    stepStartedAt: ts('step_started_at').notNull(),
    queueId: text('queue_id').notNull(),
    agentId: text('agent_id'),
    reservationId: text('reservation_id'),
    targetAgentId: text('target_agent_id'),
    updatedAt: ts('updated_at').notNull(),
    endedAt: ts('ended_at'),
    reason: text('reason'),
    wrapUpCode: text('wrap_up_code'),
  },
  (t) => [index('tasks_state_idx').on(t.state), index('tasks_agent_idx').on(t.agentId)],
);

export const reservations = pgTable(
  'reservations',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id').notNull(),
    agentId: text('agent_id').notNull(),
    queueId: text('queue_id').notNull(),
    state: text('state').notNull(),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('reservations_task_idx').on(t.taskId), index('reservations_state_idx').on(t.state)],
);

// ── voice ─────────────────────────────────────────────────────────────────

/**
 * SIP devices (desk phones, softphones) by extension. Only digest HA1 values are kept
 * (RFC 7616 §3.4.2: H(username:realm:password)), so the password itself is never stored.
 */
export const sipDevices = pgTable('sip_devices', {
  extension: text('extension').primaryKey(),
  displayName: text('display_name').notNull(),
  realm: text('realm').notNull(),
  ha1Md5: text('ha1_md5').notNull(),
  ha1Sha256: text('ha1_sha256').notNull(),
  enabled: boolean('enabled').notNull(),
  createdAt: ts('created_at').notNull(),
  /** desk_phone | softphone */
  kind: text('kind').notNull().default('desk_phone'),
  /** The seat the phone stands at (seats.id); deleting the seat unbinds it. */
  seatId: text('seat_id').references(() => seats.id, { onDelete: 'set null' }),
});

/** IVR flows, one row per published version (a call finishes on the version it started on). */
export const ivrFlows = pgTable(
  'ivr_flows',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    createdAt: ts('created_at').notNull(),
    createdBy: text('created_by'),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

/** Which flow answers a dialled number (DID). */
export const ivrNumbers = pgTable('ivr_numbers', {
  number: text('number').primaryKey(),
  flowId: text('flow_id').notNull(),
});

// ── messages (non-voice channels) and the outbox ──────────────────────────

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    caseId: text('case_id'),
    customerId: text('customer_id'),
    channel: text('channel').notNull(),
    direction: text('direction').notNull(),
    fromAddr: text('from_addr').notNull(),
    toAddr: text('to_addr').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    status: text('status').notNull(),
    externalId: text('external_id'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull(),
    authorId: text('author_id'),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: ts('next_attempt_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    sentAt: ts('sent_at'),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    index('messages_contact_idx').on(t.contactId, t.createdAt),
    index('messages_case_idx').on(t.caseId, t.createdAt),
    index('messages_external_idx').on(t.channel, t.externalId),
    index('messages_outbox_idx').on(t.status, t.nextAttemptAt),
    index('messages_to_idx').on(t.channel, t.direction, t.toAddr),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    // Order within the message (fax pages, mail attachments as sent).
    position: integer('position').notNull().default(0),
    data: bytea('data').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('attachments_message_idx').on(t.messageId)],
);

/**
 * Customer-portal sign-in challenges: an SMS code or an e-mail link, stored only as a hash.
 * Rows for unknown addresses are kept too (with no customer), so limits and answers are the
 * same whether or not a customer exists; rows also serve as the hourly request count.
 */
export const portalChallenges = pgTable(
  'portal_challenges',
  {
    id: text('id').primaryKey(),
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    secretHash: text('secret_hash').notNull(),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    ip: text('ip'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [
    index('portal_challenges_address_idx').on(t.channel, t.address, t.createdAt),
    index('portal_challenges_ip_idx').on(t.ip, t.createdAt),
    index('portal_challenges_secret_idx').on(t.secretHash),
  ],
);

// ── statistics materialised from the event log ───────────────────────────

const counter = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

/** 15-minute interval counters per queue, channel and agent (src/domain/stats/interval-fold.ts). */
export const intervalStats = pgTable(
  'interval_stats',
  {
    intervalStart: ts('interval_start').notNull(),
    dimension: text('dimension').notNull(),
    key: text('key').notNull(),
    offered: counter('offered'),
    answered: counter('answered'),
    answeredWithin: counter('answered_within'),
    abandoned: counter('abandoned'),
    shortAbandoned: counter('short_abandoned'),
    waitAnsweredMs: counter('wait_answered_ms'),
    handledCount: counter('handled_count'),
    handleMs: counter('handle_ms'),
    transferred: counter('transferred'),
  },
  (t) => [
    primaryKey({ columns: [t.intervalStart, t.dimension, t.key] }),
    index('interval_stats_dim_idx').on(t.dimension, t.intervalStart),
  ],
);

/** Where a materializer stopped in the event log, with the state it needs to go on. */
export const statsCursors = pgTable('stats_cursors', {
  name: text('name').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  state: jsonb('state').$type<Record<string, unknown>>().notNull(),
});

// ── recordings ────────────────────────────────────────────────────────────

/**
 * One row per recorded call, written when recording starts (ended_at null while the call is
 * on) and completed when it stops. After the retention sweep deletes the file the row stays
 * as a tombstone (deleted_at, deleted_reason) so the contact still shows it was recorded.
 */
export const recordings = pgTable(
  'recordings',
  {
    contactId: text('contact_id').primaryKey(),
    recordingId: text('recording_id').notNull(),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at'),
    durationMs: integer('duration_ms'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    pauses: jsonb('pauses').$type<{ fromMs: number; toMs: number }[]>().notNull(),
    deletedAt: ts('deleted_at'),
    deletedReason: text('deleted_reason'),
  },
  (t) => [index('recordings_started_idx').on(t.startedAt)],
);

// ── quality: satisfaction surveys and QA evaluations ─────────────────────

/**
 * Survey answers (also in the event log as `survey.answered`). `subject_key` is the contact id,
 * or `case:<id>` for a web rating of a case without a contact: one answer per subject + channel.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: text('id').primaryKey(),
    subjectKey: text('subject_key').notNull(),
    channel: text('channel').notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    contactId: text('contact_id'),
    caseId: text('case_id'),
    agentId: text('agent_id'),
    queueId: text('queue_id'),
    customerId: text('customer_id'),
    answeredAt: ts('answered_at').notNull(),
  },
  (t) => [
    uniqueIndex('survey_responses_subject_uq').on(t.subjectKey, t.channel),
    index('survey_responses_answered_idx').on(t.answeredAt),
  ],
);

/** SMS surveys sent and waiting for a digit from the customer's number. */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: text('id').primaryKey(),
    address: text('address').notNull(),
    contactId: text('contact_id').notNull(),
    /** The SMS conversation the survey text went out on (replies are filed there). */
    threadContactId: text('thread_contact_id').notNull(),
    sentAt: ts('sent_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    answeredAt: ts('answered_at'),
  },
  (t) => [
    uniqueIndex('survey_invitations_contact_uq').on(t.contactId),
    index('survey_invitations_address_idx').on(t.address, t.sentAt),
  ],
);

/** QA forms: every change is a new version; evaluations keep the version they were scored on. */
export const qaForms = pgTable(
  'qa_forms',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    sections: jsonb('sections').$type<unknown[]>().notNull(),
    active: boolean('active').notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

export const qaEvaluations = pgTable(
  'qa_evaluations',
  {
    id: text('id').primaryKey(),
    formId: text('form_id').notNull(),
    formVersion: integer('form_version').notNull(),
    contactId: text('contact_id').notNull(),
    agentId: text('agent_id').notNull(),
    evaluatorId: text('evaluator_id').notNull(),
    state: text('state').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    comment: text('comment'),
    score: doublePrecision('score'),
    autoFailed: boolean('auto_failed').notNull(),
    disputeComment: text('dispute_comment'),
    resolution: text('resolution'),
    resolutionComment: text('resolution_comment'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    index('qa_evaluations_agent_idx').on(t.agentId, t.createdAt),
    index('qa_evaluations_contact_idx').on(t.contactId),
  ],
);

// ── webhooks ──────────────────────────────────────────────────────────────

/** Where to POST which events; `secret` signs them (HMAC-SHA256), `from_seq` is where it began. */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  eventTypes: jsonb('event_types').$type<string[]>().notNull(),
  secret: text('secret').notNull(),
  active: boolean('active').notNull(),
  disabledReason: text('disabled_reason'),
  disabledAt: ts('disabled_at'),
  consecutiveDead: integer('consecutive_dead').notNull(),
  failingSince: ts('failing_since'),
  fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * One event for one subscription, with its attempts (bounded snippets). The unique index makes
 * queueing idempotent: the same logged event is queued once per subscription (replays have
 * `replay_of` set and are new rows).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    subscriptionId: text('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    body: text('body').notNull(),
    state: text('state').notNull(),
    attempts: jsonb('attempts')
      .$type<
        {
          at: string;
          statusCode: number | null;
          response: string | null;
          durationMs: number;
          error: string | null;
        }[]
      >()
      .notNull(),
    nextAttemptAt: ts('next_attempt_at'),
    replayOf: text('replay_of'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_uq')
      .on(t.subscriptionId, t.eventId)
      .where(sql`replay_of is null`),
    index('webhook_deliveries_due_idx').on(t.state, t.nextAttemptAt),
    index('webhook_deliveries_sub_idx').on(t.subscriptionId, t.createdAt),
  ],
);

// ── outbound dialer ───────────────────────────────────────────────────────

/** An outbound campaign; windows, holidays and retry rules are its settings as JSON. */
export const dialerCampaigns = pgTable('dialer_campaigns', {
  id: text('id').primaryKey(),
  /** 'list' (imported numbers) or 'callbacks' (customers' call-back requests). */
  kind: text('kind').notNull().default('list'),
  name: text('name').notNull(),
  mode: text('mode').notNull(),
  queueId: text('queue_id').notNull(),
  callerId: text('caller_id').notNull(),
  timeZone: text('time_zone').notNull(),
  windows: jsonb('windows').$type<Record<string, { start: string; end: string }[]>>().notNull(),
  holidays: jsonb('holidays').$type<string[]>().notNull(),
  retry: jsonb('retry')
    .$type<Record<string, { maxAttempts: number; retryAfterMinutes: number }>>()
    .notNull(),
  maxAbandonRate: doublePrecision('max_abandon_rate').notNull(),
  state: text('state').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * One number a campaign calls, with its attempts. The unique index keeps a number once per
 * campaign; the due index serves "pending records whose time has come".
 */
export const dialerRecords = pgTable(
  'dialer_records',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => dialerCampaigns.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    /** The order the lists gave, across imports: records are dialed in it. */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    data: jsonb('data').$type<Record<string, string>>().notNull(),
    timeZone: text('time_zone'),
    state: text('state').notNull(),
    nextAt: ts('next_at'),
    attempts: jsonb('attempts')
      .$type<{ at: string; result: string; agentId: string | null }[]>()
      .notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('dialer_records_number_uq').on(t.campaignId, t.number),
    index('dialer_records_due_idx').on(t.campaignId, t.state, t.nextAt, t.position),
  ],
);

/** The do-not-call list: normalised numbers never dialed by any campaign. */
export const dncEntries = pgTable('dnc_entries', {
  number: text('number').primaryKey(),
  reason: text('reason').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** Seats (位置): desks by floor and zone, for the seat map and agent ↔ seat ↔ phone binding. */
export const seats = pgTable(
  'seats',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    teamId: text('team_id').references(() => teams.id, { onDelete: 'set null' }),
    floor: text('floor').notNull(),
    zone: text('zone').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('seats_name_uq').on(t.name)],
);

/** Trunks stored through the API (command-line trunks are not stored; see docs/resources.md). */
export const trunks = pgTable(
  'trunks',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    provider: text('provider').notNull(),
    addresses: jsonb('addresses').$type<string[]>().notNull(),
    outbound: jsonb('outbound').$type<{
      transport: 'UDP' | 'TCP';
      address: string;
      port: number;
    }>(),
    channelLimit: integer('channel_limit'),
    numbers: jsonb('numbers').$type<string[]>().notNull(),
    callerId: text('caller_id'),
    /** OPTIONS probing of the outbound address (trunk up/down). */
    probe: boolean('probe').notNull().default(true),
    enabled: boolean('enabled').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('trunks_name_uq').on(t.name)],
);

/** kefu processes: each registers itself and refreshes `heartbeatAt` while it runs. */
export const kefuNodes = pgTable('kefu_nodes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  roles: jsonb('roles').$type<string[]>().notNull(),
  address: text('address').notNull(),
  pid: integer('pid').notNull(),
  version: text('version').notNull(),
  startedAt: ts('started_at').notNull(),
  heartbeatAt: ts('heartbeat_at').notNull(),
  /** The latest health sample (lag, memory, open calls …) as the node reported it. */
  health: jsonb('health').$type<Record<string, number | string>>().notNull(),
});
// ── knowledge base ────────────────────────────────────────────────────────

export const kbCategories = pgTable('kb_categories', {
  id: text('id').primaryKey(),
  parentId: text('parent_id'),
  name: text('name').notNull(),
  nameZh: text('name_zh'),
  position: integer('position').notNull(),
});

/**
 * One article (one language). The content lives in `kb_article_versions`; `version` is the
 * working copy, `live_version` the published one. The live copy's audience, validity and
 * category are copied here so searches filter without a join on versions.
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    lang: text('lang').notNull(),
    groupId: text('group_id').notNull(),
    state: text('state').notNull(),
    version: integer('version').notNull(),
    liveVersion: integer('live_version'),
    publishedAt: ts('published_at'),
    /** Live and not archived. */
    onAir: boolean('on_air').notNull(),
    liveAudience: text('live_audience'),
    liveValidFrom: ts('live_valid_from'),
    liveValidUntil: ts('live_valid_until'),
    liveCategoryId: text('live_category_id'),
    submittedBy: text('submitted_by'),
    reviewComment: text('review_comment'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    rev: integer('rev').notNull(),
  },
  (t) => [
    uniqueIndex('kb_articles_slug_uq').on(t.slug),
    index('kb_articles_group_idx').on(t.groupId),
    index('kb_articles_state_idx').on(t.state, t.updatedAt),
  ],
);

export const kbArticleVersions = pgTable(
  'kb_article_versions',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    categoryId: text('category_id'),
    audience: text('audience').notNull(),
    validFrom: ts('valid_from'),
    validUntil: ts('valid_until'),
    authorId: text('author_id').notNull(),
    note: text('note').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

/**
 * The search index, kept by the app: how often each term occurs in each field of an article's
 * live copy (CJK bigrams and words, see domain/kb/kb-tokenizer.ts). Plain SQL on both stores.
 */
export const kbTerms = pgTable(
  'kb_terms',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    field: text('field').notNull(),
    tf: integer('tf').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.field, t.term] }),
    index('kb_terms_term_idx').on(t.term),
  ],
);

/** Trigrams of every word ever indexed, to find typo-close words without scanning them all. */
export const kbTermGrams = pgTable(
  'kb_term_grams',
  {
    gram: text('gram').notNull(),
    term: text('term').notNull(),
  },
  (t) => [primaryKey({ columns: [t.gram, t.term] })],
);

/**
 * What readers did: article views, searches (with how many results), uses in replies,
 * feedback, and contacts opened from a portal session (for deflection). High-volume and often
 * anonymous, so kept here rather than in the event log.
 */
export const kbActivity = pgTable(
  'kb_activity',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    /** portal (customers, widget) or desk (agents). */
    source: text('source').notNull(),
    articleId: text('article_id'),
    sessionId: text('session_id'),
    userId: text('user_id'),
    caseId: text('case_id'),
    query: text('query'),
    results: integer('results'),
    helpful: boolean('helpful'),
    at: ts('at').notNull(),
  },
  (t) => [
    index('kb_activity_kind_at_idx').on(t.kind, t.at),
    index('kb_activity_session_idx').on(t.sessionId, t.at),
  ],
);
