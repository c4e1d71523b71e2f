/** The router's tables (see src/app/ports/routing-repo.ts). Times are epoch ms in the domain. */
import { and, asc, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type {
  AgentSession,
  AgentSettings,
  RoutingRepo,
  StoredTask,
  StoredWorkflow,
  TaskFilter,
} from '../../app/ports/routing-repo.ts';
import type { Page, PageOf } from '../../app/ports/store.ts';
import type { AgentState } from '../../domain/agent/agent-state.ts';
import type { CapacityProfile, WorkChannel } from '../../domain/agent/capacity.ts';
import type { ReasonCode } from '../../domain/agent/reason-codes.ts';
import type { QueueDef, SelectionStrategy } from '../../domain/routing/queue.ts';
import type { Reservation, ReservationState } from '../../domain/routing/reservation.ts';
import type { TaskState } from '../../domain/routing/task.ts';
import type { WorkflowFilter } from '../../domain/routing/workflow.ts';
import { mapUnique, type Db } from '../db.ts';
import {
  agentSessions,
  agentSettings,
  capacityProfiles,
  queues,
  reasonCodes,
  reservations,
  tasks,
  workflows,
} from '../schema.ts';

const d = (ms: number) => new Date(ms);
const dn = (ms: number | null) => (ms === null ? null : new Date(ms));
const ms = (x: Date) => x.getTime();
const msn = (x: Date | null) => (x === null ? null : x.getTime());

export class DrizzleRoutingRepo implements RoutingRepo {
  constructor(private readonly db: Db) {}

  async listQueues(): Promise<QueueDef[]> {
    return (await this.db.select().from(queues).orderBy(asc(queues.name))).map(toQueue);
  }
  async getQueue(id: string): Promise<QueueDef | null> {
    const [r] = await this.db.select().from(queues).where(eq(queues.id, id));
    return r ? toQueue(r) : null;
  }
  async insertQueue(q: QueueDef): Promise<void> {
    await mapUnique(() => this.db.insert(queues).values(q), {
      queues_name_uq: ['routing.name_taken', `a queue named ${q.name} exists`],
    });
  }
  async updateQueue(q: QueueDef): Promise<void> {
    await mapUnique(() => this.db.update(queues).set(q).where(eq(queues.id, q.id)), {
      queues_name_uq: ['routing.name_taken', `a queue named ${q.name} exists`],
    });
  }
  async deleteQueue(id: string): Promise<boolean> {
    return (
      (await this.db.delete(queues).where(eq(queues.id, id)).returning({ id: queues.id })).length >
      0
    );
  }

  async listWorkflows(): Promise<StoredWorkflow[]> {
    return (await this.db.select().from(workflows).orderBy(asc(workflows.name))).map(toWorkflow);
  }
  async getWorkflow(id: string): Promise<StoredWorkflow | null> {
    const [r] = await this.db.select().from(workflows).where(eq(workflows.id, id));
    return r ? toWorkflow(r) : null;
  }
  async insertWorkflow(w: StoredWorkflow): Promise<void> {
    await mapUnique(() => this.db.insert(workflows).values(fromWorkflow(w)), {
      workflows_name_uq: ['routing.name_taken', `a workflow named ${w.name} exists`],
    });
  }
  async updateWorkflow(w: StoredWorkflow): Promise<void> {
    await mapUnique(
      () => this.db.update(workflows).set(fromWorkflow(w)).where(eq(workflows.id, w.id)),
      {
        workflows_name_uq: ['routing.name_taken', `a workflow named ${w.name} exists`],
      },
    );
  }
  async deleteWorkflow(id: string): Promise<boolean> {
    return (
      (await this.db.delete(workflows).where(eq(workflows.id, id)).returning({ id: workflows.id }))
        .length > 0
    );
  }
  async setDefaultWorkflow(id: string): Promise<void> {
    await this.db.update(workflows).set({ isDefault: false }).where(ne(workflows.id, id));
    await this.db.update(workflows).set({ isDefault: true }).where(eq(workflows.id, id));
  }

  async listReasonCodes(): Promise<ReasonCode[]> {
    const rows = await this.db.select().from(reasonCodes).orderBy(asc(reasonCodes.code));
    return rows.map((r) => ({ ...r, systemOnly: r.systemOnly }));
  }
  async upsertReasonCode(r: ReasonCode): Promise<void> {
    const row = { ...r, systemOnly: r.systemOnly ?? false };
    await this.db
      .insert(reasonCodes)
      .values(row)
      .onConflictDoUpdate({ target: reasonCodes.code, set: row });
  }
  async deleteReasonCode(code: string): Promise<boolean> {
    return (
      (
        await this.db
          .delete(reasonCodes)
          .where(eq(reasonCodes.code, code))
          .returning({ c: reasonCodes.code })
      ).length > 0
    );
  }

  async listCapacityProfiles(): Promise<CapacityProfile[]> {
    return (await this.db.select().from(capacityProfiles).orderBy(asc(capacityProfiles.name))).map(
      toProfile,
    );
  }
  async getCapacityProfile(id: string): Promise<CapacityProfile | null> {
    const [r] = await this.db.select().from(capacityProfiles).where(eq(capacityProfiles.id, id));
    return r ? toProfile(r) : null;
  }
  async upsertCapacityProfile(p: CapacityProfile): Promise<void> {
    const row = {
      id: p.id,
      name: p.name,
      limits: { ...p.limits } as Record<string, number>,
      voiceBlocksOthers: p.voiceBlocksOthers,
      maxTotal: p.maxTotal,
    };
    await this.db
      .insert(capacityProfiles)
      .values(row)
      .onConflictDoUpdate({ target: capacityProfiles.id, set: row });
  }
  async deleteCapacityProfile(id: string): Promise<boolean> {
    return (
      (
        await this.db
          .delete(capacityProfiles)
          .where(eq(capacityProfiles.id, id))
          .returning({ id: capacityProfiles.id })
      ).length > 0
    );
  }

  async getAgentSettings(userId: string): Promise<AgentSettings | null> {
    const [r] = await this.db.select().from(agentSettings).where(eq(agentSettings.userId, userId));
    return r ?? null;
  }
  async upsertAgentSettings(s: AgentSettings): Promise<void> {
    const row = {
      userId: s.userId,
      capacityProfileId: s.capacityProfileId,
      languages: [...s.languages],
      attributes: { ...s.attributes },
    };
    await this.db
      .insert(agentSettings)
      .values(row)
      .onConflictDoUpdate({ target: agentSettings.userId, set: row });
  }

  async listAgentSessions(): Promise<AgentSession[]> {
    return (await this.db.select().from(agentSessions)).map(toSession);
  }
  async getAgentSession(agentId: string): Promise<AgentSession | null> {
    const [r] = await this.db
      .select()
      .from(agentSessions)
      .where(eq(agentSessions.agentId, agentId));
    return r ? toSession(r) : null;
  }
  async upsertAgentSession(s: AgentSession): Promise<void> {
    const row = {
      agentId: s.agentId,
      state: s.state,
      reason: s.reason,
      since: d(s.since),
      pendingAway: s.pendingAway ? { ...s.pendingAway } : null,
      wrapUp: s.wrapUp ? { ...s.wrapUp } : null,
      lastIdleAt: dn(s.lastIdleAt),
      extension: s.extension,
      softphone: s.softphone,
      loggedInAt: d(s.loggedInAt),
    };
    await this.db
      .insert(agentSessions)
      .values(row)
      .onConflictDoUpdate({ target: agentSessions.agentId, set: row });
  }
  async deleteAgentSession(agentId: string): Promise<void> {
    await this.db.delete(agentSessions).where(eq(agentSessions.agentId, agentId));
  }

  async upsertTasks(list: readonly StoredTask[]): Promise<void> {
    for (let i = 0; i < list.length; i += 200) {
      const rows = list.slice(i, i + 200).map(fromTask);
      const { id: _id, ...set } = rows[0] as ReturnType<typeof fromTask>;
      const cols = Object.keys(set) as (keyof typeof set)[];
      await this.db
        .insert(tasks)
        .values(rows)
        .onConflictDoUpdate({
          target: tasks.id,
          set: Object.fromEntries(cols.map((c) => [c, excluded(c)])),
        });
    }
  }
  async getTask(id: string): Promise<StoredTask | null> {
    const [r] = await this.db.select().from(tasks).where(eq(tasks.id, id));
    return r ? toTask(r) : null;
  }
  async listTasks(f: TaskFilter, page: Page): Promise<PageOf<StoredTask>> {
    const conds: SQL[] = [];
    if (f.states?.length) conds.push(inArray(tasks.state, [...f.states]));
    if (f.queueId) conds.push(eq(tasks.queueId, f.queueId));
    if (f.agentId) conds.push(eq(tasks.agentId, f.agentId));
    const where = conds.length ? and(...conds) : undefined;
    const rows = await this.db
      .select()
      .from(tasks)
      .where(where)
      .orderBy(asc(tasks.createdAt), asc(tasks.seq))
      .limit(page.limit)
      .offset(page.offset);
    const [total] = await this.db.select({ n: count() }).from(tasks).where(where);
    return { items: rows.map(toTask), total: Number(total?.n ?? 0) };
  }
  async upsertReservations(rs: readonly Reservation[]): Promise<void> {
    for (const r of rs) {
      const row = {
        ...r,
        createdAt: d(r.createdAt),
        expiresAt: d(r.expiresAt),
        endedAt: dn(r.endedAt),
      };
      await this.db
        .insert(reservations)
        .values(row)
        .onConflictDoUpdate({
          target: reservations.id,
          set: { state: row.state, endedAt: row.endedAt },
        });
    }
  }
  async getReservation(id: string): Promise<Reservation | null> {
    const [r] = await this.db.select().from(reservations).where(eq(reservations.id, id));
    return r ? toReservation(r) : null;
  }
  async reservationsForTask(taskId: string): Promise<Reservation[]> {
    const rows = await this.db
      .select()
      .from(reservations)
      .where(eq(reservations.taskId, taskId))
      .orderBy(asc(reservations.createdAt));
    return rows.map(toReservation);
  }
}

const snake = (c: string) => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
const excluded = (c: string) => sql.raw(`excluded.${snake(c)}`);

const toQueue = (r: typeof queues.$inferSelect): QueueDef => ({
  ...r,
  strategy: r.strategy as SelectionStrategy,
});
const toWorkflow = (r: typeof workflows.$inferSelect): StoredWorkflow => ({
  id: r.id,
  name: r.name,
  filters: r.filters as WorkflowFilter[],
  defaultQueueId: r.defaultQueueId,
  isDefault: r.isDefault,
});
const fromWorkflow = (w: StoredWorkflow) => ({
  id: w.id,
  name: w.name,
  filters: JSON.parse(JSON.stringify(w.filters)) as unknown[],
  defaultQueueId: w.defaultQueueId,
  isDefault: w.isDefault,
});
const toProfile = (r: typeof capacityProfiles.$inferSelect): CapacityProfile => ({
  id: r.id,
  name: r.name,
  limits: r.limits as CapacityProfile['limits'],
  voiceBlocksOthers: r.voiceBlocksOthers,
  maxTotal: r.maxTotal,
});
const toSession = (r: typeof agentSessions.$inferSelect): AgentSession => ({
  agentId: r.agentId,
  state: r.state as AgentState,
  reason: r.reason,
  since: ms(r.since),
  pendingAway: r.pendingAway ?? null,
  wrapUp: r.wrapUp ?? null,
  lastIdleAt: msn(r.lastIdleAt),
  extension: r.extension,
  softphone: r.softphone,
  loggedInAt: ms(r.loggedInAt),
});
function fromTask(t: StoredTask) {
  return {
    id: t.id,
    channel: t.channel,
    attributes: { ...t.attributes } as Record<string, unknown>,
    priority: t.priority,
    createdAt: d(t.createdAt),
    seq: t.seq,
    state: t.state,
    workflowId: t.workflowId,
    filterIndex: t.filterIndex,
    stepIndex: t.stepIndex,
    stepStartedAt: d(t.stepStartedAt),
    queueId: t.queueId,
    agentId: t.agentId,
    reservationId: t.reservationId,
    targetAgentId: t.targetAgentId,
    updatedAt: d(t.updatedAt),
    endedAt: dn(t.endedAt),
    reason: t.reason,
    wrapUpCode: t.wrapUpCode,
  };
}
const toTask = (r: typeof tasks.$inferSelect): StoredTask => ({
  id: r.id,
  channel: r.channel as WorkChannel,
  attributes: r.attributes,
  priority: r.priority,
  createdAt: ms(r.createdAt),
  seq: Number(r.seq),
  state: r.state as TaskState,
  workflowId: r.workflowId,
  filterIndex: r.filterIndex,
  stepIndex: r.stepIndex,
  stepStartedAt: ms(r.stepStartedAt),
  queueId: r.queueId,
  agentId: r.agentId,
  reservationId: r.reservationId,
  targetAgentId: r.targetAgentId,
  updatedAt: ms(r.updatedAt),
  endedAt: msn(r.endedAt),
  reason: r.reason,
  wrapUpCode: r.wrapUpCode,
});
const toReservation = (r: typeof reservations.$inferSelect): Reservation => ({
  id: r.id,
  taskId: r.taskId,
  agentId: r.agentId,
  queueId: r.queueId,
  state: r.state as ReservationState,
  createdAt: ms(r.createdAt),
  expiresAt: ms(r.expiresAt),
  endedAt: msn(r.endedAt),
});
