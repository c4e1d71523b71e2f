/**
 * The customer's account at the operator, for the screen pop and the customer 360 view: profile
 * and plan from BOSS, balance from billing, subscribed services from BOSS. The three are asked
 * at once; one system failing leaves its part empty with the coded error, the rest still shows.
 * The billing history (bills of a month, payments, top-ups) is read the same way, on demand.
 */
import { isDomainError } from '../../domain/errors.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type {
  Balance,
  Bill,
  Connectors,
  Payment,
  SubscribedService,
  SubscriberProfile,
  TopUp,
} from '../ports/connectors.ts';
import type { CustomerService } from './customer-service.ts';

export interface AccountPartError {
  readonly part: 'profile' | 'balance' | 'services' | 'bills' | 'payments' | 'topUps';
  readonly code: string;
  readonly message: string;
}

export interface CustomerAccount {
  readonly msisdn: string;
  readonly profile: SubscriberProfile | null;
  readonly balance: Balance | null;
  readonly services: readonly SubscribedService[] | null;
  readonly errors: readonly AccountPartError[];
}

export interface BillingHistory {
  readonly msisdn: string;
  readonly month: string;
  readonly bills: readonly Bill[] | null;
  readonly payments: readonly Payment[] | null;
  readonly topUps: readonly TopUp[] | null;
  readonly errors: readonly AccountPartError[];
}

export class CustomerAccounts {
  constructor(
    private readonly deps: AppDeps & {
      log?: (msg: string, extra: Record<string, unknown>) => void;
    },
    private readonly customers: CustomerService,
    private readonly connectors: Connectors,
  ) {}

  /** null when the customer has no phone number (nothing to ask the operator about). */
  async forCustomer(actor: Actor, customerId: string): Promise<CustomerAccount | null> {
    const c = await this.customers.get(actor, customerId);
    return c.msisdn ? this.forNumber(c.msisdn) : null;
  }

  /** Bills of one month (YYYY-MM) with items, payments and top-ups; null without a number. */
  async billingFor(
    actor: Actor,
    customerId: string,
    month: string,
  ): Promise<BillingHistory | null> {
    const c = await this.customers.get(actor, customerId);
    if (!c.msisdn) return null;
    const errors: AccountPartError[] = [];
    const part = this.parts(errors);
    const { billing } = this.connectors;
    const [bills, payments, topUps] = await Promise.all([
      part('bills', billing.bills(c.msisdn, month)),
      part('payments', billing.payments(c.msisdn)),
      part('topUps', billing.topUps(c.msisdn)),
    ]);
    return { msisdn: c.msisdn, month, bills, payments, topUps, errors };
  }

  async forNumber(msisdn: string): Promise<CustomerAccount> {
    const errors: AccountPartError[] = [];
    const part = this.parts(errors);
    const { boss, billing } = this.connectors;
    const [profile, balance, services] = await Promise.all([
      part('profile', boss.profile(msisdn)),
      part('balance', billing.balance(msisdn)),
      part('services', boss.services(msisdn)),
    ]);
    return { msisdn, profile, balance, services, errors };
  }

  /** Runs one part; a failure becomes an entry in `errors` (and a log line), not a rejection. */
  private parts(errors: AccountPartError[]) {
    return async <T>(name: AccountPartError['part'], p: Promise<T>): Promise<T | null> => {
      try {
        return await p;
      } catch (e) {
        const code = isDomainError(e) ? e.code : 'internal';
        const message = e instanceof Error ? e.message : String(e);
        errors.push({ part: name, code, message });
        this.deps.log?.('account lookup failed', { part: name, code, message });
        return null;
      }
    };
  }
}
