/**
 * The live resource board: every device with its health and the agent using it, trunk and node
 * health, the inventory's nodes, the seat map (each seat with its phones, the agent sitting
 * there and their state) and the active alarms. One read for the admin page.
 */
import { displayState } from '../../domain/agent/agent-state.ts';
import type { AppDeps } from '../app-context.ts';
import type { RouterService } from '../routing/router-service.ts';
import type { InventoryService } from './inventory-service.ts';
import type { ResourceMonitor } from './resource-monitor.ts';

export async function resourceBoard(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  router: RouterService,
  monitor: ResourceMonitor,
  inventory: InventoryService,
) {
  const [devices, seats, nodes, trunks] = await Promise.all([
    deps.store.devices.list(),
    deps.store.resources.listSeats(),
    deps.store.resources.listNodes(),
    inventory.listTrunks(),
  ]);
  // Every trunk of the inventory, with what the switch knows of it (nothing without a switch,
  // or while it is disabled).
  const health = new Map(monitor.trunkHealth().map((t) => [t.name, t]));
  const trunkRows = [
    ...trunks.map(
      (t) =>
        health.get(t.name) ?? {
          name: t.name,
          state: 'unknown' as const,
          rttMs: null,
          lastProbeAt: null,
          failuresLastHour: 0,
          inUse: 0,
          limit: t.channelLimit,
          refusedInbound: 0,
          refusedOutbound: 0,
        },
    ),
    ...[...health.values()].filter((h) => !trunks.some((t) => t.name === h.name)),
  ];
  const phoneHealth = new Map(monitor.phoneHealth().map((p) => [p.extension, p]));
  const agents = router.agentsView();
  const byExt = new Map(
    agents.filter((a) => a.session.extension).map((a) => [a.session.extension!, a]),
  );
  const phones = devices.map((d) => {
    const h = phoneHealth.get(d.extension);
    return {
      extension: d.extension,
      displayName: d.displayName,
      kind: d.kind,
      seatId: d.seatId,
      state: h?.state ?? ('unregistered' as const),
      rttMs: h?.rttMs ?? null,
      lastSeenAt: h?.lastSeenAt ?? null,
      agentId: byExt.get(d.extension)?.session.agentId ?? null,
      agentName: byExt.get(d.extension)?.displayName ?? null,
    };
  });
  return {
    at: deps.clock.now(),
    phones,
    trunks: trunkRows,
    node: monitor.nodeHealth(),
    nodes,
    seats: seats.map((s) => {
      const here = phones.filter((p) => p.seatId === s.id);
      const seated = here.map((p) => byExt.get(p.extension)).find((a) => a !== undefined);
      const desk = here.find((p) => p.kind === 'desk_phone') ?? here[0];
      return {
        id: s.id,
        name: s.name,
        zone: s.zone,
        floor: s.floor,
        teamId: s.teamId,
        extensions: here.map((p) => p.extension),
        agent: seated
          ? {
              agentId: seated.session.agentId,
              name: seated.displayName,
              state: displayState(seated.session, seated.load),
            }
          : null,
        phoneState: desk?.state ?? null,
      };
    }),
    alarms: [...monitor.activeAlarms()],
  };
}
