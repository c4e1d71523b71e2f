/**
 * Typed links to the operator's systems (BOSS, billing, network management). Issue #9 adds the
 * HTTP adapters; the IVR and the screen pop only need these calls now.
 *
 * Behaviour owed by every implementation: resolve with the answer, or reject with an Error whose
 * message says what failed (timeouts included); never hang longer than the adapter's timeout.
 */
export interface Balance {
  /** Amount in the currency's main unit, as a decimal string ('128.50'). */
  readonly amount: string;
  readonly currency: string;
  readonly planName: string;
}

export interface BillingConnector {
  balance(msisdn: string): Promise<Balance>;
}
