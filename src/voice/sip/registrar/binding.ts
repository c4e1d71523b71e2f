/**
 * A registration binding (RFC 3261 §10): one contact address under an address-of-record, with
 * what the registrar needs to order updates (§10.3 step 7) and to reach the phone again.
 */

/** Where the REGISTER came from: behind NAT, the phone is reached there, not at its Contact. */
export interface BindingSource {
  /** `udp`, `tcp`, `tls`, `ws`, `wss` (lowercase, as the transport layer names it). */
  readonly transport: string;
  readonly address: string;
  readonly port: number;
}

export interface Binding {
  /** Canonical address-of-record (§10.3 step 5), e.g. `sip:8001@kefu.local`. */
  readonly aor: string;
  /** The Contact URI as the phone sent it. */
  readonly contact: string;
  /** Contact parameters other than `expires` and `q`, names lowercased (echoed in the 200). */
  readonly params: Readonly<Record<string, string | null>>;
  /** When the binding lapses (ms since the epoch); it is gone at that instant. */
  readonly expiresAt: number;
  /** Preference 0…1 (§20.10); undefined when the phone gave none. */
  readonly q: number | undefined;
  readonly callId: string;
  readonly cseq: number;
  readonly source: BindingSource;
  readonly userAgent: string | undefined;
  /** `+sip.instance` (RFC 5626 §4.1, RFC 5627), without its quotes, e.g. `<urn:uuid:…>`. */
  readonly instanceId: string | undefined;
  /** `reg-id` (RFC 5626 §4.2), only kept together with an instance id. */
  readonly regId: number | undefined;
  /** First registration of this binding (ms). */
  readonly registeredAt: number;
  /** Last REGISTER that created or refreshed it (ms): "most recent" in lookups. */
  readonly updatedAt: number;
}

/** A live binding as listed in a 200 (OK): with the seconds it has left (§10.3 step 8). */
export interface RegisteredBinding extends Binding {
  readonly expires: number;
}

/** Seconds left, rounded up so a binding refreshed just now shows exactly what was granted. */
export function remainingSeconds(binding: Binding, now: number): number {
  return Math.max(0, Math.ceil((binding.expiresAt - now) / 1000));
}

export function isLive(binding: Binding, now: number): boolean {
  return binding.expiresAt > now;
}

/** Preference used for ordering: a contact without q counts as 1.0 (the highest). */
export function effectiveQ(binding: Binding): number {
  return binding.q ?? 1;
}

/**
 * Orders bindings for forking/hunting: highest q first, then most recently registered first
 * (RFC 3261 §16.6 tries higher q first; among equals the phone heard from last is likeliest up).
 */
export function compareForLookup(a: Binding, b: Binding): number {
  return effectiveQ(b) - effectiveQ(a) || b.updatedAt - a.updatedAt;
}

/**
 * The Contact header value a 200 (OK) lists for a binding (RFC 3261 §10.3 step 8: every value
 * carries an `expires` parameter with the interval chosen by the registrar), e.g.
 * `<sip:8001@192.0.2.4:5060>;expires=3600;q=0.5;+sip.instance="<urn:uuid:…>"`.
 */
export function contactHeaderValue(binding: Binding, now: number): string {
  let value = `<${binding.contact}>;expires=${remainingSeconds(binding, now)}`;
  if (binding.q !== undefined) value += `;q=${formatQ(binding.q)}`;
  for (const [name, v] of Object.entries(binding.params))
    value += v === null ? `;${name}` : `;${name}=${v}`;
  return value;
}

/** qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) (RFC 3261 §25.1). */
export function formatQ(q: number): string {
  return q === 1 ? '1' : q === 0 ? '0' : q.toFixed(3).replace(/0+$/, '');
}
