/**
 * IVR flows as versioned documents: every save validates the whole flow (node references,
 * expressions with their position, loops that never wait for the caller …) and publishes a new
 * version; calls already in the IVR finish on the version they started on. Numbers (DIDs) name
 * the flow that answers them.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { adminOnlyScope } from '../../domain/events/domain-event.ts';
import { validateFlow, type IvrFlow } from '../../domain/ivr/ivr-flow.ts';
import type { Actor, AppDeps } from '../app-context.ts';

export class IvrFlowService {
  constructor(private readonly deps: AppDeps) {}

  list() {
    return this.deps.store.ivr.latest();
  }

  async get(id: string, version?: number) {
    const f = await this.deps.store.ivr.get(id, version);
    if (!f)
      throw new DomainError('not_found', 'no such IVR flow', {
        id,
        ...(version ? { version } : {}),
      });
    return f;
  }

  versions(id: string) {
    return this.deps.store.ivr.versions(id);
  }

  /** Validates and publishes `doc` as the next version of flow `id` (a new flow without one). */
  async publish(
    actor: Actor,
    doc: Readonly<Record<string, unknown>>,
    id?: string,
  ): Promise<IvrFlow> {
    return this.deps.store.transaction(async (tx) => {
      const flowId = id ?? (typeof doc['id'] === 'string' && doc['id'] ? doc['id'] : randomUUID());
      const current = await tx.ivr.get(flowId);
      if (id && !current) throw new DomainError('not_found', 'no such IVR flow', { id });
      const flow = validateFlow({ ...doc, id: flowId, version: (current?.flow.version ?? 0) + 1 });
      await tx.ivr.insert({
        flow,
        createdAt: this.deps.clock.now(),
        createdBy: actor.id === 'system' ? null : actor.id,
      });
      tx.append(
        [
          {
            type: 'ivr_flow.published',
            subjectType: 'ivr_flow',
            subjectId: flowId,
            payload: { version: flow.version, name: flow.name },
            scope: adminOnlyScope,
          },
        ],
        { actorId: actor.id, at: this.deps.clock.now() },
      );
      return flow;
    });
  }

  numbers() {
    return this.deps.store.ivr.numbers();
  }

  async setNumber(actor: Actor, number: string, flowId: string | null): Promise<void> {
    if (!/^[0-9+*#]{1,32}$/.test(number))
      throw new DomainError('validation.failed', 'a number is 1–32 digits (+ * # allowed)', {
        field: 'number',
      });
    await this.deps.store.transaction(async (tx) => {
      if (flowId && !(await tx.ivr.get(flowId)))
        throw new DomainError('validation.failed', `IVR flow ${flowId} does not exist`, {
          field: 'flowId',
        });
      await tx.ivr.setNumber(number, flowId);
      tx.append(
        [
          {
            type: 'ivr_number.set',
            subjectType: 'ivr_number',
            subjectId: number,
            payload: { flowId },
            scope: adminOnlyScope,
          },
        ],
        { actorId: actor.id, at: this.deps.clock.now() },
      );
    });
  }

  /** The flow answering a dialled number now (its newest version), or null. */
  async flowFor(number: string): Promise<IvrFlow | null> {
    const id = await this.deps.store.ivr.flowForNumber(number);
    return id ? ((await this.deps.store.ivr.get(id))?.flow ?? null) : null;
  }
}
