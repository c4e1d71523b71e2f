/**
 * Connects the switch with resource management: stored trunks are served next to the
 * configured ones (reloaded when the inventory changes), and what the switch sees of phones and
 * trunks — registrations, qualify probes, trunk probes, channels in use — goes to the resource
 * monitor, which turns it into health, events and alarms.
 */
import type { InventoryService } from '../../app/resources/inventory-service.ts';
import type { ResourceMonitor } from '../../app/resources/resource-monitor.ts';
import type { TrunkDef } from '../../domain/resource/trunk.ts';
import type { TrunkConfig, VoiceSwitch } from './voice-switch.ts';

/** A stored trunk as the switch serves it (disabled ones are not served). */
export const trunkConfigOf = (t: TrunkDef): TrunkConfig => ({
  name: t.name,
  addresses: t.addresses,
  ...(t.outbound ? { outbound: t.outbound } : {}),
  ...(t.callerId ? { callerId: t.callerId } : {}),
  channelLimit: t.channelLimit,
  probe: t.probe,
});

/** A command-line trunk as the inventory lists it (read-only, `source: 'config'`). */
export const trunkDefOf = (t: TrunkConfig, startedAt: Date): TrunkDef => ({
  id: `config:${t.name}`,
  name: t.name,
  provider: '',
  addresses: t.addresses,
  outbound: t.outbound
    ? { transport: t.outbound.transport, address: t.outbound.address, port: t.outbound.port }
    : null,
  channelLimit: t.channelLimit ?? null,
  numbers: [],
  callerId: t.callerId ?? null,
  probe: t.probe ?? false,
  enabled: true,
  source: 'config',
  createdAt: startedAt,
});

export async function linkResources(
  sw: VoiceSwitch,
  monitor: ResourceMonitor,
  inventory: InventoryService,
): Promise<() => void> {
  const previous = sw.onRegistration;
  sw.onRegistration = (ext, registered) => {
    previous(ext, registered);
    monitor.phoneRegistered(ext, registered);
  };
  sw.onPhoneProbe = (ext, reachable, rtt) => monitor.phoneProbed(ext, reachable, rtt);
  sw.trunkProber.onResult = (name, answered, rtt) => monitor.trunkProbed(name, answered, rtt);
  sw.trunkChannels.onChange = () => monitor.trunkUsageChanged();
  const stop = await inventory.onTrunksChanged((stored) => {
    sw.setStoredTrunks(stored.filter((t) => t.enabled).map(trunkConfigOf));
    // New trunks are probed now rather than at the next round.
    void sw.trunkProber.run();
  });
  return () => {
    stop();
    sw.onRegistration = previous;
  };
}
