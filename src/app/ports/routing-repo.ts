/**
 * Persistence of the router: configuration (queues, workflows, reason codes, capacity profiles,
 * agent settings), agent sessions, tasks and reservations. Part of the store port: the same
 * contract suite runs it on PGlite and PostgreSQL.
 */
import type { AgentStatus } from '../../domain/agent/agent-state.ts';
import type { CapacityProfile } from '../../domain/agent/capacity.ts';
import type { ReasonCode } from '../../domain/agent/reason-codes.ts';
import type { QueueDef } from '../../domain/routing/queue.ts';
import type { Reservation } from '../../domain/routing/reservation.ts';
import type { Task, TaskState } from '../../domain/routing/task.ts';
import type { WorkflowDef } from '../../domain/routing/workflow.ts';
import type { Page, PageOf } from './store.ts';

export interface StoredWorkflow extends WorkflowDef {
  readonly isDefault: boolean;
}

export interface AgentSettings {
  readonly userId: string;
  readonly capacityProfileId: string | null;
  readonly languages: readonly string[];
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface AgentSession extends AgentStatus {
  readonly extension: string | null;
  readonly softphone: boolean;
  readonly loggedInAt: number;
}

export interface StoredTask extends Task {
  readonly wrapUpCode: string | null;
}

export interface TaskFilter {
  readonly states?: readonly TaskState[];
  readonly queueId?: string;
  readonly agentId?: string;
}

export interface RoutingRepo {
  listQueues(): Promise<QueueDef[]>;
  getQueue(id: string): Promise<QueueDef | null>;
  /** Throws `routing.name_taken` for a duplicate name. */
  insertQueue(q: QueueDef): Promise<void>;
  updateQueue(q: QueueDef): Promise<void>;
  deleteQueue(id: string): Promise<boolean>;

  listWorkflows(): Promise<StoredWorkflow[]>;
  getWorkflow(id: string): Promise<StoredWorkflow | null>;
  /** Throws `routing.name_taken` for a duplicate name. */
  insertWorkflow(w: StoredWorkflow): Promise<void>;
  updateWorkflow(w: StoredWorkflow): Promise<void>;
  deleteWorkflow(id: string): Promise<boolean>;
  /** Makes `id` the only default workflow. */
  setDefaultWorkflow(id: string): Promise<void>;

  listReasonCodes(): Promise<ReasonCode[]>;
  upsertReasonCode(r: ReasonCode): Promise<void>;
  deleteReasonCode(code: string): Promise<boolean>;

  listCapacityProfiles(): Promise<CapacityProfile[]>;
  getCapacityProfile(id: string): Promise<CapacityProfile | null>;
  upsertCapacityProfile(p: CapacityProfile): Promise<void>;
  deleteCapacityProfile(id: string): Promise<boolean>;

  getAgentSettings(userId: string): Promise<AgentSettings | null>;
  upsertAgentSettings(s: AgentSettings): Promise<void>;

  listAgentSessions(): Promise<AgentSession[]>;
  getAgentSession(agentId: string): Promise<AgentSession | null>;
  upsertAgentSession(s: AgentSession): Promise<void>;
  deleteAgentSession(agentId: string): Promise<void>;

  /** Inserts or overwrites tasks by id (the router's snapshots are authoritative). */
  upsertTasks(tasks: readonly StoredTask[]): Promise<void>;
  getTask(id: string): Promise<StoredTask | null>;
  listTasks(f: TaskFilter, page: Page): Promise<PageOf<StoredTask>>;
  upsertReservations(rs: readonly Reservation[]): Promise<void>;
  getReservation(id: string): Promise<Reservation | null>;
  reservationsForTask(taskId: string): Promise<Reservation[]>;
}
