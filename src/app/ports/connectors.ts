/**
 * Typed links to the operator's systems: BOSS (business support: profile, plan, services,
 * service orders), billing (balance, bills, payments, top-ups) and NMS (network management:
 * fault tickets, outages). The HTTP adapters in src/connectors/http/ speak docs/connectors.md.
 *
 * Behaviour owed by every implementation: resolve with the answer, or reject with a
 * ConnectorError (connector.timeout, connector.unavailable, connector.bad_response,
 * connector.not_found, connector.rejected); never hang longer than the adapter's timeout.
 */
import { DomainError, type ErrorCode } from '../../domain/errors.ts';

/** Money is a decimal string in the currency's main unit ('128.50') so no float rounding. */
export type Amount = string;

export interface Balance {
  readonly amount: Amount;
  readonly currency: string;
  readonly planName: string;
}

export interface SubscriberProfile {
  readonly msisdn: string;
  readonly name: string;
  /** Network area code of the subscriber's home cell (NMS outages are listed per area). */
  readonly area: string;
  readonly status: 'active' | 'suspended' | 'terminated';
  readonly plan: { readonly code: string; readonly name: string; readonly monthlyFee: Amount };
}

export interface SubscribedService {
  readonly code: string;
  readonly name: string;
  readonly since: string;
}

export const serviceOrderKinds = [
  'open_service',
  'close_service',
  'report_lost_sim',
  'change_plan',
] as const;
export type ServiceOrderKind = (typeof serviceOrderKinds)[number];
export const serviceOrderStatuses = [
  'pending',
  'processing',
  'completed',
  'failed',
  'canceled',
] as const;
export type ServiceOrderStatus = (typeof serviceOrderStatuses)[number];

export interface ServiceOrderInput {
  readonly msisdn: string;
  readonly kind: ServiceOrderKind;
  /** The service to open or close, or the plan to change to. */
  readonly serviceCode?: string | undefined;
  readonly planCode?: string | undefined;
  /** Same key, same order: a retried request never places a second order. */
  readonly idempotencyKey: string;
}

export interface ServiceOrder {
  readonly id: string;
  readonly msisdn: string;
  readonly kind: ServiceOrderKind;
  readonly status: ServiceOrderStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly reason?: string | undefined;
}

export interface BillItem {
  readonly description: string;
  readonly amount: Amount;
}

export interface Bill {
  /** YYYY-MM */
  readonly month: string;
  readonly total: Amount;
  readonly currency: string;
  readonly paid: boolean;
  readonly items: readonly BillItem[];
}

export interface Payment {
  readonly id: string;
  readonly at: string;
  readonly amount: Amount;
  readonly method: string;
}

export interface TopUp {
  readonly id: string;
  readonly at: string;
  readonly amount: Amount;
  readonly channel: string;
}

export const faultTicketStatuses = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type FaultTicketStatus = (typeof faultTicketStatuses)[number];

export interface FaultTicketInput {
  readonly msisdn: string;
  readonly location: string;
  readonly symptom: string;
  readonly idempotencyKey: string;
}

export interface FaultTicket {
  readonly id: string;
  readonly msisdn: string;
  readonly location: string;
  readonly symptom: string;
  readonly status: FaultTicketStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly note?: string | undefined;
}

export interface Outage {
  readonly id: string;
  readonly area: string;
  readonly description: string;
  readonly startedAt: string;
  /** Expected end (ISO time), when the NMS knows it. */
  readonly expectedEndAt: string | null;
}

export interface BossConnector {
  profile(msisdn: string): Promise<SubscriberProfile>;
  services(msisdn: string): Promise<readonly SubscribedService[]>;
  placeOrder(input: ServiceOrderInput): Promise<ServiceOrder>;
  order(id: string): Promise<ServiceOrder>;
}

export interface BillingConnector {
  balance(msisdn: string): Promise<Balance>;
  /** Bills of one month (YYYY-MM), with items. */
  bills(msisdn: string, month: string): Promise<readonly Bill[]>;
  payments(msisdn: string): Promise<readonly Payment[]>;
  topUps(msisdn: string): Promise<readonly TopUp[]>;
}

export interface NmsConnector {
  openTicket(input: FaultTicketInput): Promise<FaultTicket>;
  ticket(id: string): Promise<FaultTicket>;
  outages(area: string): Promise<readonly Outage[]>;
}

/** The three links together, as the use cases receive them. */
export interface Connectors {
  readonly boss: BossConnector;
  readonly billing: BillingConnector;
  readonly nms: NmsConnector;
}

/** How one connector is doing, for the admin status page (and later /metrics). */
export interface ConnectorStatus {
  readonly connector: string;
  readonly baseUrl: string;
  readonly breaker: 'closed' | 'open' | 'half_open';
  readonly calls: number;
  readonly failures: number;
  readonly retries: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
}

/** The connectors a center runs with, and their health (empty when none is configured). */
export interface ConnectorSet {
  readonly connectors: Connectors;
  status(): ConnectorStatus[];
}

export type ConnectorErrorCode = Extract<ErrorCode, `connector.${string}`>;

/** A connector call failed; `details` names the connector and operation (safe to show). */
export class ConnectorError extends DomainError {
  constructor(
    code: ConnectorErrorCode,
    message: string,
    details: { connector: string; operation: string } & Record<string, unknown>,
  ) {
    super(code, message, details);
  }
}

const notConfigured = (connector: string) => (operation: string) => () =>
  Promise.reject(
    new ConnectorError('connector.unavailable', `no ${connector} system is configured`, {
      connector,
      operation,
    }),
  );

/** What a center without operator systems uses: every call fails with connector.unavailable. */
export function unconfiguredConnectors(): Connectors {
  const b = notConfigured('boss');
  const g = notConfigured('billing');
  const n = notConfigured('nms');
  return {
    boss: {
      profile: b('profile'),
      services: b('services'),
      placeOrder: b('placeOrder'),
      order: b('order'),
    },
    billing: {
      balance: g('balance'),
      bills: g('bills'),
      payments: g('payments'),
      topUps: g('topUps'),
    },
    nms: { openTicket: n('openTicket'), ticket: n('ticket'), outages: n('outages') },
  };
}
