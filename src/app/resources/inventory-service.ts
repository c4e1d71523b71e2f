/**
 * The inventory: seats, stored trunks and the kefu nodes (devices are DeviceService's). Trunks
 * given on the command line are listed too, read-only (`source: 'config'`); a stored trunk may
 * not take a configured trunk's name. Changes are logged (`seat.saved`, `trunk.deleted` …) and
 * `onTrunksChanged` tells the switch to reload its stored trunks.
 */
import { DomainError } from '../../domain/errors.ts';
import { adminOnlyScope } from '../../domain/events/domain-event.ts';
import { checkSeat, type Seat, type SeatInput } from '../../domain/resource/seat.ts';
import { checkTrunk, type TrunkDef, type TrunkInput } from '../../domain/resource/trunk.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { StoreTx } from '../ports/store.ts';

export class InventoryService {
  private readonly trunkListeners = new Set<(stored: TrunkDef[]) => void>();

  constructor(
    private readonly deps: AppDeps,
    /** The command-line trunks, shown read-only. */
    private readonly configTrunks: () => readonly TrunkDef[] = () => [],
  ) {}

  listSeats(): Promise<Seat[]> {
    return this.deps.store.resources.listSeats();
  }

  async saveSeat(actor: Actor, id: string | null, input: SeatInput): Promise<Seat> {
    const s = checkSeat(input);
    return this.deps.store.transaction(async (tx) => {
      const cur = id ? await tx.resources.getSeat(id) : null;
      if (id && !cur) throw new DomainError('not_found', 'no such seat', { id });
      if (s.teamId && !(await tx.teams.get(s.teamId)))
        throw new DomainError('resource.invalid', 'no such team', { field: 'teamId' });
      const seat: Seat = {
        id: cur?.id ?? this.deps.ids.newId(),
        ...s,
        createdAt: cur?.createdAt ?? this.deps.clock.now(),
      };
      await tx.resources.saveSeat(seat);
      this.log(tx, actor, 'seat.saved', 'seat', seat.id, { name: seat.name, zone: seat.zone });
      return seat;
    });
  }

  async deleteSeat(actor: Actor, id: string): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      if (!(await tx.resources.deleteSeat(id)))
        throw new DomainError('not_found', 'no such seat', { id });
      this.log(tx, actor, 'seat.deleted', 'seat', id, {});
    });
  }

  /** Configured trunks first, then the stored ones. */
  async listTrunks(): Promise<TrunkDef[]> {
    return [...this.configTrunks(), ...(await this.deps.store.resources.listTrunks())];
  }

  async saveTrunk(actor: Actor, id: string | null, input: TrunkInput): Promise<TrunkDef> {
    const t = checkTrunk(input);
    if (this.configTrunks().some((c) => c.name === t.name))
      throw new DomainError(
        'resource.name_taken',
        `${t.name} is a trunk from the command line; choose another name`,
        { field: 'name' },
      );
    const saved = await this.deps.store.transaction(async (tx) => {
      const cur = id ? await tx.resources.getTrunk(id) : null;
      if (id && !cur) throw new DomainError('not_found', 'no such trunk', { id });
      const trunk: TrunkDef = {
        id: cur?.id ?? this.deps.ids.newId(),
        ...t,
        source: 'stored',
        createdAt: cur?.createdAt ?? this.deps.clock.now(),
      };
      await tx.resources.saveTrunk(trunk);
      this.log(tx, actor, 'trunk.saved', 'trunk', trunk.id, {
        name: trunk.name,
        channelLimit: trunk.channelLimit,
        enabled: trunk.enabled,
      });
      return trunk;
    });
    await this.trunksChanged();
    return saved;
  }

  async deleteTrunk(actor: Actor, id: string): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      if (!(await tx.resources.deleteTrunk(id)))
        throw new DomainError('not_found', 'no such trunk', { id });
      this.log(tx, actor, 'trunk.deleted', 'trunk', id, {});
    });
    await this.trunksChanged();
  }

  /** Called with the stored trunks after every change (and once on subscribing). */
  async onTrunksChanged(listener: (stored: TrunkDef[]) => void): Promise<() => void> {
    this.trunkListeners.add(listener);
    listener(await this.deps.store.resources.listTrunks());
    return () => this.trunkListeners.delete(listener);
  }

  private async trunksChanged(): Promise<void> {
    if (this.trunkListeners.size === 0) return;
    const stored = await this.deps.store.resources.listTrunks();
    for (const l of this.trunkListeners) l(stored);
  }

  listNodes() {
    return this.deps.store.resources.listNodes();
  }

  private log(
    tx: StoreTx,
    actor: Actor,
    type: string,
    subjectType: string,
    subjectId: string,
    payload: Record<string, unknown>,
  ): void {
    tx.append([{ type, subjectType, subjectId, payload, scope: adminOnlyScope }], {
      actorId: actor.id,
      at: this.deps.clock.now(),
    });
  }
}
