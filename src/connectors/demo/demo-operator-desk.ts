/**
 * DEMO order desk and trouble desk of the demo operator backend: service orders go pending →
 * processing → completed and fault tickets open → in_progress → resolved as time passes (read
 * from the clock, so tests move a ManualClock instead of waiting). Idempotency keys return the
 * first order or ticket. Plan changes to an unknown plan code fail, as a real BOSS would.
 */
import type { Clock } from '../../app/ports/clock.ts';
import type {
  FaultTicket,
  FaultTicketStatus,
  Outage,
  ServiceOrder,
  ServiceOrderKind,
  ServiceOrderStatus,
} from '../../app/ports/connectors.ts';
import { demoOutageArea, demoPlans } from './demo-subscribers.ts';

export interface DemoTimings {
  /** ms after placing: processing from the first, completed from the second. */
  readonly order: readonly [number, number];
  /** ms after opening: in_progress from the first, resolved from the second. */
  readonly ticket: readonly [number, number];
}

export const defaultDemoTimings: DemoTimings = { order: [2000, 6000], ticket: [3000, 10_000] };

interface StoredOrder {
  id: string;
  msisdn: string;
  kind: ServiceOrderKind;
  at: number;
  failReason: string | null;
}

interface StoredTicket {
  id: string;
  msisdn: string;
  location: string;
  symptom: string;
  at: number;
}

export class DemoOperatorDesk {
  private readonly orders = new Map<string, StoredOrder>();
  private readonly tickets = new Map<string, StoredTicket>();
  private readonly byKey = new Map<string, string>();
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly timings: DemoTimings = defaultDemoTimings,
  ) {}

  placeOrder(
    key: string,
    o: { msisdn: string; kind: ServiceOrderKind; planCode?: string | undefined },
  ): { order: ServiceOrder; replay: boolean } {
    const prior = this.byKey.get(`order:${key}`);
    if (prior) return { order: this.order(prior) as ServiceOrder, replay: true };
    const id = `ORD-${String(++this.seq).padStart(6, '0')}`;
    const badPlan =
      o.kind === 'change_plan' && !demoPlans.some((p) => p.code === o.planCode)
        ? `unknown plan ${o.planCode ?? '(none)'}`
        : null;
    this.orders.set(id, {
      id,
      msisdn: o.msisdn,
      kind: o.kind,
      at: this.clock.now().getTime(),
      failReason: badPlan,
    });
    this.byKey.set(`order:${key}`, id);
    return { order: this.order(id) as ServiceOrder, replay: false };
  }

  order(id: string): ServiceOrder | null {
    const o = this.orders.get(id);
    if (!o) return null;
    const age = this.clock.now().getTime() - o.at;
    const [p, c] = this.timings.order;
    let status: ServiceOrderStatus = age < p ? 'pending' : age < c ? 'processing' : 'completed';
    if (status === 'completed' && o.failReason) status = 'failed';
    return {
      id: o.id,
      msisdn: o.msisdn,
      kind: o.kind,
      status,
      createdAt: new Date(o.at).toISOString(),
      updatedAt: new Date(
        o.at + (status === 'pending' ? 0 : status === 'processing' ? p : c),
      ).toISOString(),
      ...(status === 'failed' && o.failReason ? { reason: o.failReason } : {}),
    };
  }

  openTicket(
    key: string,
    t: { msisdn: string; location: string; symptom: string },
  ): { ticket: FaultTicket; replay: boolean } {
    const prior = this.byKey.get(`ticket:${key}`);
    if (prior) return { ticket: this.ticket(prior) as FaultTicket, replay: true };
    const id = `TT-${String(++this.seq).padStart(6, '0')}`;
    this.tickets.set(id, { id, ...t, at: this.clock.now().getTime() });
    this.byKey.set(`ticket:${key}`, id);
    return { ticket: this.ticket(id) as FaultTicket, replay: false };
  }

  ticket(id: string): FaultTicket | null {
    const t = this.tickets.get(id);
    if (!t) return null;
    const age = this.clock.now().getTime() - t.at;
    const [w, r] = this.timings.ticket;
    const status: FaultTicketStatus = age < w ? 'open' : age < r ? 'in_progress' : 'resolved';
    const notes: Record<FaultTicketStatus, string> = {
      open: 'ticket received',
      in_progress: 'field engineer dispatched 已派单',
      resolved: 'cell site repaired 基站已修复',
      closed: 'closed',
    };
    return {
      id: t.id,
      msisdn: t.msisdn,
      location: t.location,
      symptom: t.symptom,
      status,
      createdAt: new Date(t.at).toISOString(),
      updatedAt: new Date(
        t.at + (status === 'open' ? 0 : status === 'in_progress' ? w : r),
      ).toISOString(),
      note: notes[status],
    };
  }

  /** One standing outage in the demo outage area, started an hour before now. */
  outages(area: string): Outage[] {
    if (area !== demoOutageArea) return [];
    const now = this.clock.now().getTime();
    return [
      {
        id: 'OUT-DEMO-1',
        area,
        description: '浦东新区部分基站故障，正在抢修 Cell sites down in Pudong, repair under way',
        startedAt: new Date(now - 3600_000).toISOString(),
        expectedEndAt: new Date(now + 2 * 3600_000).toISOString(),
      },
    ];
  }
}
