/**
 * What the IVR's `lookup` node can ask the operator's systems, and the variables each answer
 * becomes (under the node's `output`, e.g. `balance.amount`):
 *
 * - `billing.balance` {msisdn} → amount, currency, plan
 * - `boss.profile`    {msisdn} → area, plan, status
 * - `nms.outages`     {area} or {msisdn} (area from the BOSS profile) → area, count, and for the
 *   first outage description and expected_end (empty when unknown)
 *
 * Any other name, or a failing system, rejects: the flow takes the node's onError branch.
 */
import type { Connectors } from '../../app/ports/connectors.ts';

export const lookupConnectorNames = ['billing.balance', 'boss.profile', 'nms.outages'] as const;

export async function connectorLookup(
  c: Pick<Connectors, 'boss' | 'billing' | 'nms'>,
  connector: string,
  input: Readonly<Record<string, string>>,
): Promise<Readonly<Record<string, string>>> {
  const msisdn = input['msisdn'] ?? '';
  switch (connector) {
    case 'billing.balance': {
      const b = await c.billing.balance(msisdn);
      return { amount: b.amount, currency: b.currency, plan: b.planName };
    }
    case 'boss.profile': {
      const p = await c.boss.profile(msisdn);
      return { area: p.area, plan: p.plan.name, status: p.status };
    }
    case 'nms.outages': {
      const area = input['area'] || (await c.boss.profile(msisdn)).area;
      const list = await c.nms.outages(area);
      const first = list[0];
      return {
        area,
        count: String(list.length),
        description: first?.description ?? '',
        expected_end: first?.expectedEndAt ?? '',
      };
    }
    default:
      throw new Error(`no connector ${connector} (known: ${lookupConnectorNames.join(', ')})`);
  }
}
