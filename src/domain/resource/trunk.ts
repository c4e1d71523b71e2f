/**
 * A trunk: a carrier's SIP connection. Calls from its addresses are the network's; calls to the
 * network go to its outbound address. The channel limit is what the contract with the carrier
 * allows at once (inbound and outbound together); numbers are the DIDs it delivers.
 *
 * Trunks come from two places: the ones stored through the API (`source: 'stored'`) and the ones
 * given on the command line (`--trunk`, `source: 'config'`, read-only). Both serve calls alike; a
 * stored trunk with the same name as a configured one is refused, so a name names one trunk.
 */
import { DomainError } from '../errors.ts';

export interface TrunkAddress {
  readonly transport: 'UDP' | 'TCP';
  readonly address: string;
  readonly port: number;
}

export interface TrunkDef {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  /** Source IPs its calls come from. */
  readonly addresses: readonly string[];
  readonly outbound: TrunkAddress | null;
  /** Calls at once, both directions; null: unlimited. */
  readonly channelLimit: number | null;
  readonly numbers: readonly string[];
  /** Fixed caller ID on outbound calls, or null to present the original caller. */
  readonly callerId: string | null;
  /** Probe the outbound address with OPTIONS (trunk up/down). */
  readonly probe: boolean;
  readonly enabled: boolean;
  readonly source: 'stored' | 'config';
  readonly createdAt: Date;
}

export type TrunkInput = Pick<
  TrunkDef,
  | 'name'
  | 'provider'
  | 'addresses'
  | 'outbound'
  | 'channelLimit'
  | 'numbers'
  | 'callerId'
  | 'probe'
  | 'enabled'
>;

const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const ipv6 = /^[0-9a-f:]+$/i;
const number = /^\+?[0-9]{2,20}$/;
const invalid = (field: string, message: string) =>
  new DomainError('resource.invalid', message, { field });

export function checkTrunk(t: TrunkInput): TrunkInput {
  const name = t.name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/.test(name))
    throw invalid('name', 'a trunk name is 1–40 letters, digits, space, dot, dash or underscore');
  const addresses = [...new Set(t.addresses.map((a) => a.trim()))];
  for (const a of addresses)
    if (!ipv4.test(a) && !(a.includes(':') && ipv6.test(a)))
      throw invalid('addresses', `not an IP address: ${a}`);
  if (t.outbound) {
    const o = t.outbound;
    if (!ipv4.test(o.address) && !(o.address.includes(':') && ipv6.test(o.address)))
      throw invalid('outbound', `not an IP address: ${o.address}`);
    if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535)
      throw invalid('outbound', 'the outbound port is 1–65535');
  }
  if (addresses.length === 0 && !t.outbound)
    throw invalid('addresses', 'a trunk needs source addresses, an outbound address, or both');
  if (t.channelLimit !== null && (!Number.isInteger(t.channelLimit) || t.channelLimit < 1))
    throw invalid('channelLimit', 'the channel limit is a whole number of at least 1, or none');
  const numbers = [...new Set(t.numbers.map((n) => n.trim()))];
  for (const n of numbers) if (!number.test(n)) throw invalid('numbers', `not a number: ${n}`);
  if (t.callerId !== null && !number.test(t.callerId))
    throw invalid('callerId', 'the caller ID is a number');
  return {
    name,
    provider: t.provider.trim().slice(0, 60),
    addresses,
    outbound: t.outbound,
    channelLimit: t.channelLimit,
    numbers,
    callerId: t.callerId,
    probe: t.probe,
    enabled: t.enabled,
  };
}

/** How close to its limit a trunk may run before the near-limit alarm (80 %, at least one free). */
export function nearLimit(inUse: number, limit: number | null): boolean {
  if (limit === null) return false;
  return inUse >= Math.min(Math.ceil(limit * 0.8), limit);
}
