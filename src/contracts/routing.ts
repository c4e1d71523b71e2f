/**
 * The router on the wire: tasks and offers, agent sessions and states, and the routing
 * configuration (queues, workflows, away reasons, capacity profiles, agents' settings). Times
 * are ISO instants; the domain keeps them as epoch ms.
 */
import { z } from 'zod';
import { agentStates } from '../domain/agent/agent-state.ts';
import { workChannels } from '../domain/agent/capacity.ts';
import { reservationStates } from '../domain/routing/reservation.ts';
import { selectionStrategies } from '../domain/routing/queue.ts';
import { maxPriority, minPriority, taskStates } from '../domain/routing/task.ts';
import { Role } from './auth.ts';
import { Id, Name, PageQuery, Timestamp } from './common.ts';

export const WorkChannel = z.enum(workChannels);
export const TaskState = z.enum(taskStates);
export const AgentState = z.enum(agentStates);
/** The stored state, or busy for an available agent holding tasks. */
export const DisplayState = z.enum([...agentStates, 'busy'] as const);
/** The states an agent (or a supervisor for them) may choose. */
export const settableAgentStates = ['available', 'away', 'offline'] as const;

const Attributes = z.record(z.string(), z.unknown());
const Priority = z.number().int().min(minPriority).max(maxPriority);
/** Tasks per channel; a missing channel is 0. */
const ChannelCounts = z.partialRecord(WorkChannel, z.number().int());

// ── tasks and offers ───────────────────────────────────────────────────────

export const TaskView = z
  .object({
    id: Id,
    channel: WorkChannel,
    attributes: Attributes,
    priority: z.number().int(),
    state: TaskState,
    queueId: Id,
    workflowId: Id.nullable(),
    filterIndex: z.number().int().describe('the workflow filter that matched; -1: default queue'),
    stepIndex: z.number().int(),
    stepStartedAt: Timestamp,
    agentId: Id.nullable().describe('the agent holding (offered, assigned or wrapping) the task'),
    reservationId: Id.nullable(),
    targetAgentId: Id.nullable().describe('set when a supervisor or transfer targets one agent'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    endedAt: Timestamp.nullable(),
    reason: z.string().nullable().describe('why it was canceled'),
    wrapUpCode: z.string().nullable(),
  })
  .meta({ id: 'Task' });

export const ReservationView = z
  .object({
    id: Id,
    taskId: Id,
    agentId: Id,
    queueId: Id,
    state: z.enum(reservationStates),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    endedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Reservation' });

export const TaskDetails = TaskView.extend({ reservations: z.array(ReservationView) }).meta({
  id: 'TaskDetails',
});

export const TaskCreate = z
  .strictObject({
    channel: WorkChannel,
    attributes: Attributes.default({}).describe(
      'read by workflow filters, e.g. {"vip": true, "language": "zh"}',
    ),
    priority: Priority.optional(),
    workflowId: Id.optional().describe('default: the default workflow'),
    queueId: Id.optional().describe('send straight to a queue, skipping workflows'),
  })
  .refine((b) => !(b.workflowId && b.queueId), {
    message: 'give workflowId or queueId, not both',
    path: ['queueId'],
  })
  .meta({ id: 'TaskCreate' });

export const TaskQuery = PageQuery.extend({
  state: TaskState.optional(),
  queue: Id.optional(),
  agent: z.string().max(100).optional().describe('an agent id, or me'),
});

export const CompleteTaskRequest = z
  .strictObject({ wrapUpCode: z.string().trim().min(1).max(64).nullable().optional() })
  .meta({ id: 'CompleteTaskRequest' });

export const CancelTaskRequest = z
  .strictObject({ reason: z.string().trim().min(1).max(200).optional() })
  .meta({ id: 'CancelTaskRequest' });

export const TaskPriorityRequest = z
  .strictObject({ priority: Priority })
  .meta({ id: 'TaskPriorityRequest' });

export const TransferRequest = z
  .strictObject({ queueId: Id.optional(), agentId: Id.optional() })
  .refine((b) => (b.queueId ? 1 : 0) + (b.agentId ? 1 : 0) === 1, {
    message: 'give exactly one of queueId or agentId',
  })
  .meta({ id: 'TransferRequest' });

export const RouteTaskRequest = z
  .strictObject({
    queueId: Id.optional(),
    agentId: Id.optional().describe('offer only to this (logged-in) agent'),
  })
  .refine((b) => Boolean(b.queueId || b.agentId), {
    message: 'give queueId, agentId or both',
  })
  .meta({ id: 'RouteTaskRequest' });

// ── agent sessions and states ──────────────────────────────────────────────

export const AgentSessionView = z
  .object({
    agentId: Id,
    state: AgentState,
    displayState: DisplayState,
    reason: z.string().nullable().describe('the away reason code while away'),
    since: Timestamp,
    pendingAway: z
      .object({ reason: z.string(), requestedAt: Timestamp })
      .nullable()
      .describe("an away request waiting for a supervisor's approval"),
    wrapUp: z
      .object({
        taskId: Id,
        endsAt: Timestamp,
        extendedBy: z.number().int(),
        remainingSeconds: z.number().int(),
      })
      .nullable(),
    lastIdleAt: Timestamp.nullable(),
    extension: z.string().nullable(),
    softphone: z.boolean(),
    loggedInAt: Timestamp,
  })
  .meta({ id: 'AgentSession' });

export const AgentOverview = AgentSessionView.extend({
  displayName: z.string(),
  teamIds: z.array(Id),
  load: ChannelCounts.describe('active tasks per channel'),
  attributes: Attributes.describe('what queue expressions see of the agent'),
}).meta({ id: 'AgentOverview' });

export const AgentTaskView = TaskView.extend({
  reservation: ReservationView.nullable().describe('the pending offer, to accept or reject'),
}).meta({ id: 'AgentTask' });

export const AgentMe = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    role: Role,
    teamIds: z.array(Id),
    skills: z.array(z.object({ skillId: Id, name: z.string(), level: z.number().int() })),
    session: AgentSessionView.nullable().describe('null while not logged in as an agent'),
    tasks: z.array(AgentTaskView),
  })
  .meta({ id: 'AgentMe' });

export const AgentLoginRequest = z
  .strictObject({
    extension: z.string().trim().min(1).max(32).nullable().optional(),
    softphone: z.boolean().optional().describe('default: true when no extension is given'),
    seatId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('sit at this seat: log in with its desk phone (instead of giving an extension)'),
  })
  .meta({ id: 'AgentLoginRequest' });

export const AgentStateRequest = z
  .strictObject({
    state: z.enum(settableAgentStates),
    reason: z.string().trim().min(1).max(32).nullable().optional().describe('required for away'),
  })
  .meta({ id: 'AgentStateRequest' });

export const AgentStateResult = z
  .object({
    session: AgentSessionView.nullable().describe('null after going offline (logged out)'),
  })
  .meta({ id: 'AgentStateResult' });

export const WrapUpExtendRequest = z
  .strictObject({ seconds: z.number().int().min(1).max(600) })
  .meta({ id: 'WrapUpExtendRequest' });

export const AwayDecisionRequest = z
  .strictObject({ approve: z.boolean(), note: z.string().trim().max(500).nullable().optional() })
  .meta({ id: 'AwayDecisionRequest' });

// ── configuration ──────────────────────────────────────────────────────────

const Expression = z.string().min(1).max(2000);
const Seconds = z.number().int();

export const QueueView = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    targetExpression: z.string(),
    strategy: z.enum(selectionStrategies),
    strategySkill: z.string().nullable(),
    preferredTimeoutSeconds: z.number().int(),
    wrapUpSeconds: z.number().int(),
    serviceLevelSeconds: z.number().int(),
    reservationTimeoutSeconds: z.number().int(),
    teamId: Id.nullable(),
  })
  .meta({ id: 'Queue' });

export const QueueCreate = z
  .strictObject({
    name: Name(100),
    description: z.string().max(2000).optional(),
    targetExpression: Expression.describe(
      'over agents, e.g. skills.billing >= 3 and "zh" in languages',
    ),
    strategy: z.enum(selectionStrategies).optional(),
    strategySkill: z.string().max(200).nullable().optional().describe('for most_skilled'),
    preferredTimeoutSeconds: Seconds.optional().describe('0–3600'),
    wrapUpSeconds: Seconds.optional().describe('0–3600'),
    serviceLevelSeconds: Seconds.optional().describe('1–86400'),
    reservationTimeoutSeconds: Seconds.optional().describe('3–3600'),
    teamId: Id.nullable().optional(),
  })
  .meta({ id: 'QueueCreate' });
export const QueueUpdate = QueueCreate.partial().strict().meta({ id: 'QueueUpdate' });

const WorkflowStepView = z.object({
  queueId: Id,
  expression: z.string().nullable(),
  timeoutSeconds: z.number().int().nullable(),
  priority: z.number().int().nullable(),
});
const WorkflowFilterView = z.object({
  name: z.string(),
  expression: z.string(),
  steps: z.array(WorkflowStepView),
});

export const WorkflowView = z
  .object({
    id: Id,
    name: z.string(),
    filters: z.array(WorkflowFilterView),
    defaultQueueId: Id,
    isDefault: z.boolean(),
  })
  .meta({ id: 'Workflow' });

const WorkflowStepInput = z.strictObject({
  queueId: Id,
  expression: Expression.nullable()
    .default(null)
    .describe("narrows the queue's agents for this step"),
  timeoutSeconds: Seconds.nullable().default(null).describe('null only on the last step'),
  priority: z.number().int().nullable().default(null),
});
const WorkflowFilterInput = z.strictObject({
  name: Name(100),
  expression: Expression.describe('over task attributes, channel and priority'),
  steps: z.array(WorkflowStepInput).max(100),
});

export const WorkflowCreate = z
  .strictObject({
    name: Name(100),
    filters: z.array(WorkflowFilterInput).max(1000).default([]),
    defaultQueueId: Id,
    isDefault: z.boolean().optional().describe('default: true for the first workflow'),
  })
  .meta({ id: 'WorkflowCreate' });
export const WorkflowUpdate = z
  .strictObject({
    name: Name(100).optional(),
    filters: z.array(WorkflowFilterInput).max(1000).optional(),
    defaultQueueId: Id.optional(),
    isDefault: z
      .literal(true)
      .optional()
      .describe('make this the default; to change it, make another workflow the default'),
  })
  .meta({ id: 'WorkflowUpdate' });

export const ReasonCodeView = z
  .object({
    code: z.string(),
    label: z.string(),
    labelZh: z.string(),
    requiresApproval: z.boolean(),
    maxMinutes: z.number().int().nullable(),
    active: z.boolean(),
    systemOnly: z.boolean(),
  })
  .meta({ id: 'ReasonCode' });

export const ReasonCodeUpsert = z
  .strictObject({
    label: z.string().max(200),
    labelZh: z.string().max(200),
    requiresApproval: z.boolean().default(false),
    maxMinutes: z.number().int().nullable().default(null),
    active: z.boolean().default(true),
    systemOnly: z.boolean().optional(),
  })
  .meta({ id: 'ReasonCodeUpsert' });

export const CapacityProfileView = z
  .object({
    id: Id,
    name: z.string(),
    limits: ChannelCounts.describe('most tasks of each channel at once; missing: 0'),
    voiceBlocksOthers: z.boolean(),
    maxTotal: z.number().int().nullable(),
  })
  .meta({ id: 'CapacityProfile' });

export const CapacityProfileUpsert = z
  .strictObject({
    name: z.string().max(200),
    limits: z.partialRecord(WorkChannel, z.number()).describe('whole numbers 0–100'),
    voiceBlocksOthers: z.boolean().default(true),
    maxTotal: z.number().nullable().default(null),
  })
  .meta({ id: 'CapacityProfileUpsert' });

export const AgentSettingsView = z
  .object({
    userId: Id,
    capacityProfileId: Id.nullable(),
    languages: z.array(z.string()),
    attributes: Attributes,
  })
  .meta({ id: 'AgentSettings' });

export const AgentSettingsUpdate = z
  .strictObject({
    capacityProfileId: Id.nullable().optional(),
    languages: z.array(z.string().min(2).max(10)).max(20).optional(),
    attributes: Attributes.optional().describe('extra attributes queue expressions may read'),
  })
  .meta({ id: 'AgentSettingsUpdate' });
