/** Billing over the HTTP/JSON contract of docs/connectors.md. */
import type {
  Balance,
  Bill,
  BillingConnector,
  Payment,
  TopUp,
} from '../../app/ports/connectors.ts';
import { ConnectorError } from '../../app/ports/connectors.ts';
import type { ConnectorClient } from './connector-client.ts';
import { wireBalance, wireBills, wireMonth, wirePayments, wireTopUps } from './connector-wire.ts';

const account = (msisdn: string) => `accounts/${encodeURIComponent(msisdn)}`;

export class HttpBillingConnector implements BillingConnector {
  constructor(private readonly client: ConnectorClient) {}

  balance(msisdn: string): Promise<Balance> {
    return this.client.request({
      operation: 'balance',
      method: 'GET',
      path: `${account(msisdn)}/balance`,
      schema: wireBalance,
    });
  }

  async bills(msisdn: string, month: string): Promise<readonly Bill[]> {
    // Checked here so a typo is our caller's error, not a confusing answer from the operator.
    if (!wireMonth.safeParse(month).success)
      throw new ConnectorError('connector.rejected', `month ${month} is not YYYY-MM`, {
        connector: 'billing',
        operation: 'bills',
        field: 'month',
      });
    const r = await this.client.request({
      operation: 'bills',
      method: 'GET',
      path: `${account(msisdn)}/bills`,
      query: { month },
      schema: wireBills,
    });
    return r.bills;
  }

  async payments(msisdn: string): Promise<readonly Payment[]> {
    const r = await this.client.request({
      operation: 'payments',
      method: 'GET',
      path: `${account(msisdn)}/payments`,
      schema: wirePayments,
    });
    return r.payments;
  }

  async topUps(msisdn: string): Promise<readonly TopUp[]> {
    const r = await this.client.request({
      operation: 'topUps',
      method: 'GET',
      path: `${account(msisdn)}/top-ups`,
      schema: wireTopUps,
    });
    return r.topUps;
  }
}
