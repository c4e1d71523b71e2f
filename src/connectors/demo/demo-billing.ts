/**
 * DEMO billing system — a stand-in for an operator's billing platform, used by `kefu start
 * --demo` and the tests so the IVR balance query works out of the box. Balances are derived
 * from the number, so the same subscriber always hears the same amount.
 */
import type { Balance, BillingConnector } from '../../app/ports/connectors.ts';

const plans = ['畅享套餐 58元', '5G 畅享 128元', '全球通 188元', 'Family share 99'];

export class DemoBillingConnector implements Pick<BillingConnector, 'balance'> {
  async balance(msisdn: string): Promise<Balance> {
    const digits = msisdn.replace(/\D/g, '');
    if (digits.length < 6) throw new Error('not a subscriber number');
    let h = 0;
    for (const c of digits) h = (h * 31 + Number(c)) % 100_000;
    const amount = (h % 50_000) / 100; // 0.00 – 499.99
    return {
      amount: amount.toFixed(2),
      currency: 'CNY',
      planName: plans[h % plans.length] ?? 'Basic',
    };
  }
}
