/**
 * Administration of the router: queues, workflows, away reason codes, capacity profiles and
 * agents' routing settings. Each change is validated (expressions compiled, with the position of
 * an error), stored with an event, then loaded into the running router.
 */
import { validateCapacityProfile, type CapacityProfile } from '../../domain/agent/capacity.ts';
import { validateReasonCode, type ReasonCode } from '../../domain/agent/reason-codes.ts';
import { DomainError } from '../../domain/errors.ts';
import { adminOnlyScope } from '../../domain/events/domain-event.ts';
import { compileExpression } from '../../domain/routing/expression/expression.ts';
import { defaultQueueSettings, validateQueue, type QueueDef } from '../../domain/routing/queue.ts';
import { compileWorkflow, type WorkflowFilter } from '../../domain/routing/workflow.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { AgentSettings, StoredWorkflow } from '../ports/routing-repo.ts';
import type { StoreTx } from '../ports/store.ts';
import type { RouterService } from './router-service.ts';

type QueueInput = Partial<Omit<QueueDef, 'id'>> & { name: string; targetExpression: string };
export interface WorkflowInput {
  readonly name: string;
  readonly filters: readonly WorkflowFilter[];
  readonly defaultQueueId: string;
  readonly isDefault?: boolean | undefined;
}

export class RoutingConfigService {
  constructor(
    private readonly deps: AppDeps,
    private readonly router: RouterService,
  ) {}

  private async change<T>(
    actor: Actor,
    type: string,
    subjectType: string,
    subjectId: (r: T) => string,
    fn: (tx: StoreTx) => Promise<T>,
  ): Promise<T> {
    const r = await this.deps.store.transaction(async (tx) => {
      const out = await fn(tx);
      tx.append(
        [{ type, subjectType, subjectId: subjectId(out), payload: {}, scope: adminOnlyScope }],
        { actorId: actor.id, at: this.deps.clock.now() },
      );
      return out;
    });
    await this.router.reload();
    return r;
  }

  private checkQueue(q: QueueDef): QueueDef {
    validateQueue(q);
    compileExpression(q.targetExpression);
    if (q.strategySkill) compileExpression(q.strategySkill);
    return q;
  }

  listQueues() {
    return this.deps.store.routing.listQueues();
  }

  async getQueue(id: string) {
    const q = await this.deps.store.routing.getQueue(id);
    if (!q) throw new DomainError('not_found', 'no such queue', { id });
    return q;
  }

  createQueue(actor: Actor, i: QueueInput): Promise<QueueDef> {
    const q = this.checkQueue({
      ...defaultQueueSettings,
      ...stripUndef(i),
      id: this.deps.ids.newId(),
    });
    return this.change(
      actor,
      'queue.created',
      'queue',
      (x) => x.id,
      async (tx) => {
        await this.assertTeam(tx, q.teamId);
        await tx.routing.insertQueue(q);
        return q;
      },
    );
  }

  updateQueue(actor: Actor, id: string, i: Partial<QueueInput>): Promise<QueueDef> {
    return this.change(
      actor,
      'queue.updated',
      'queue',
      (x) => x.id,
      async (tx) => {
        const cur = await tx.routing.getQueue(id);
        if (!cur) throw new DomainError('not_found', 'no such queue', { id });
        const q = this.checkQueue({ ...cur, ...stripUndef(i), id });
        await this.assertTeam(tx, q.teamId);
        await tx.routing.updateQueue(q);
        return q;
      },
    );
  }

  deleteQueue(actor: Actor, id: string): Promise<{ id: string }> {
    return this.change(
      actor,
      'queue.deleted',
      'queue',
      (x) => x.id,
      async (tx) => {
        const used = (await tx.routing.listWorkflows()).filter(
          (w) =>
            w.defaultQueueId === id || w.filters.some((f) => f.steps.some((s) => s.queueId === id)),
        );
        if (used.length)
          throw new DomainError(
            'routing.in_use',
            `workflows use this queue: ${used.map((w) => w.name).join(', ')}`,
            { id },
          );
        const open = await tx.routing.listTasks(
          { states: ['pending', 'reserved', 'assigned', 'wrapping'], queueId: id },
          { limit: 1, offset: 0 },
        );
        if (open.total > 0)
          throw new DomainError('routing.in_use', `${open.total} open tasks are in this queue`, {
            id,
          });
        if (!(await tx.routing.deleteQueue(id)))
          throw new DomainError('not_found', 'no such queue', { id });
        return { id };
      },
    );
  }

  private async assertTeam(tx: StoreTx, teamId: string | null) {
    if (teamId && !(await tx.teams.get(teamId)))
      throw new DomainError('validation.failed', `team ${teamId} does not exist`, {
        field: 'teamId',
      });
  }

  listWorkflows() {
    return this.deps.store.routing.listWorkflows();
  }

  async getWorkflow(id: string) {
    const w = await this.deps.store.routing.getWorkflow(id);
    if (!w) throw new DomainError('not_found', 'no such workflow', { id });
    return w;
  }

  private async checkWorkflow(tx: StoreTx, w: StoredWorkflow): Promise<StoredWorkflow> {
    const ids = new Set((await tx.routing.listQueues()).map((q) => q.id));
    compileWorkflow(w, (id) => ids.has(id));
    return w;
  }

  createWorkflow(actor: Actor, i: WorkflowInput): Promise<StoredWorkflow> {
    return this.change(
      actor,
      'workflow.created',
      'workflow',
      (x) => x.id,
      async (tx) => {
        const first = (await tx.routing.listWorkflows()).length === 0;
        const w = await this.checkWorkflow(tx, {
          id: this.deps.ids.newId(),
          name: i.name,
          filters: i.filters,
          defaultQueueId: i.defaultQueueId,
          isDefault: i.isDefault ?? first,
        });
        await tx.routing.insertWorkflow(w);
        if (w.isDefault) await tx.routing.setDefaultWorkflow(w.id);
        return w;
      },
    );
  }

  updateWorkflow(actor: Actor, id: string, i: Partial<WorkflowInput>): Promise<StoredWorkflow> {
    return this.change(
      actor,
      'workflow.updated',
      'workflow',
      (x) => x.id,
      async (tx) => {
        const cur = await tx.routing.getWorkflow(id);
        if (!cur) throw new DomainError('not_found', 'no such workflow', { id });
        const w = await this.checkWorkflow(tx, { ...cur, ...stripUndef(i), id });
        await tx.routing.updateWorkflow(w);
        if (i.isDefault) await tx.routing.setDefaultWorkflow(id);
        return w;
      },
    );
  }

  deleteWorkflow(actor: Actor, id: string): Promise<{ id: string }> {
    return this.change(
      actor,
      'workflow.deleted',
      'workflow',
      (x) => x.id,
      async (tx) => {
        const w = await tx.routing.getWorkflow(id);
        if (!w) throw new DomainError('not_found', 'no such workflow', { id });
        if (w.isDefault)
          throw new DomainError('routing.in_use', 'make another workflow the default first', {
            id,
          });
        await tx.routing.deleteWorkflow(id);
        return { id };
      },
    );
  }

  listReasonCodes() {
    return this.deps.store.routing.listReasonCodes();
  }

  upsertReasonCode(actor: Actor, r: ReasonCode): Promise<ReasonCode> {
    const code = validateReasonCode(r);
    return this.change(
      actor,
      'reason_code.saved',
      'reason_code',
      (x) => x.code,
      async (tx) => {
        const cur = (await tx.routing.listReasonCodes()).find((x) => x.code === code.code);
        if (cur?.systemOnly && !code.systemOnly)
          throw new DomainError('agent.invalid_reason', 'a system reason stays a system reason', {
            code: code.code,
          });
        await tx.routing.upsertReasonCode(code);
        return code;
      },
    );
  }

  listCapacityProfiles() {
    return this.deps.store.routing.listCapacityProfiles();
  }

  upsertCapacityProfile(actor: Actor, p: CapacityProfile): Promise<CapacityProfile> {
    const profile = validateCapacityProfile(p);
    return this.change(
      actor,
      'capacity_profile.saved',
      'capacity_profile',
      (x) => x.id,
      async (tx) => {
        await tx.routing.upsertCapacityProfile(profile);
        return profile;
      },
    );
  }

  deleteCapacityProfile(actor: Actor, id: string): Promise<{ id: string }> {
    if (id === 'default')
      throw new DomainError('routing.in_use', 'the default profile cannot be deleted', { id });
    return this.change(
      actor,
      'capacity_profile.deleted',
      'capacity_profile',
      (x) => x.id,
      async (tx) => {
        if (!(await tx.routing.deleteCapacityProfile(id)))
          throw new DomainError('not_found', 'no such capacity profile', { id });
        return { id };
      },
    );
  }

  async getAgentSettings(userId: string): Promise<AgentSettings> {
    const user = await this.deps.store.users.get(userId);
    if (!user) throw new DomainError('not_found', 'no such user', { id: userId });
    return (
      (await this.deps.store.routing.getAgentSettings(userId)) ?? {
        userId,
        capacityProfileId: null,
        languages: [user.language.slice(0, 2)],
        attributes: {},
      }
    );
  }

  setAgentSettings(
    actor: Actor,
    userId: string,
    s: Partial<Omit<AgentSettings, 'userId'>>,
  ): Promise<AgentSettings> {
    return this.change(
      actor,
      'agent.settings_changed',
      'agent',
      (x) => x.userId,
      async (tx) => {
        const user = await tx.users.get(userId);
        if (!user) throw new DomainError('not_found', 'no such user', { id: userId });
        const cur = (await tx.routing.getAgentSettings(userId)) ?? {
          userId,
          capacityProfileId: null,
          languages: [user.language.slice(0, 2)],
          attributes: {},
        };
        const next: AgentSettings = { ...cur, ...stripUndef(s), userId };
        if (
          next.capacityProfileId &&
          !(await tx.routing.getCapacityProfile(next.capacityProfileId))
        )
          throw new DomainError(
            'validation.failed',
            `capacity profile ${next.capacityProfileId} does not exist`,
            { field: 'capacityProfileId' },
          );
        await tx.routing.upsertAgentSettings(next);
        return next;
      },
    );
  }
}

function stripUndef<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}
