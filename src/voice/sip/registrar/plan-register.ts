/**
 * The decision a registrar makes for one REGISTER (RFC 3261 §10.3 steps 5–8), as a pure
 * function of the AOR's current bindings and the request. Steps 1–4 (domain, Require,
 * authentication, authorization) belong to the caller; storage and concurrency to the Registrar.
 *
 * Outcomes:
 *   400 — malformed request, or a wildcard Contact that is not alone or not with Expires: 0
 *         (step 6)
 *   423 — a requested interval above zero, below one hour and below the minimum (step 7); the
 *         response carries Min-Expires
 *   500 — a request from the same Call-ID whose CSeq is not higher than a binding's (out of
 *         order, step 6/7): "the update MUST be aborted and the request fails"; no binding changes
 *         (all-or-nothing, step 7 last paragraph)
 *   200 — every current binding with its remaining seconds (step 8)
 */
import {
  compareForLookup,
  isLive,
  remainingSeconds,
  type Binding,
  type BindingSource,
  type RegisteredBinding,
} from './binding.ts';
import { canonicalAor, sipUrisEqual } from './sip-uri-compare.ts';

export interface RegisterContact {
  /** The Contact URI (angle brackets optional), or `*` for the wildcard. */
  readonly uri: string;
  /** The `expires` contact parameter, in seconds (a string is read as delta-seconds). */
  readonly expires?: number | string | undefined;
  /** The `q` contact parameter, 0…1. */
  readonly q?: number | string | undefined;
  /** All other contact parameters (`+sip.instance`, `reg-id`, …); names are case-insensitive. */
  readonly params?: Readonly<Record<string, string | null>> | undefined;
}

export interface RegisterPolicy {
  /** Shortest interval accepted, in seconds (Min-Expires of a 423; RFC 3261 recommends ≥ 60). */
  readonly minExpires: number;
  /** Longest interval granted; longer requests are shortened to it (step 7: "MAY shorten"). */
  readonly maxExpires: number;
  /** Interval used when neither the contact nor the request states one (step 7). */
  readonly defaultExpires: number;
}

export const defaultRegisterPolicy: RegisterPolicy = {
  minExpires: 60,
  maxExpires: 3600,
  defaultExpires: 3600,
};

export interface RegisterRequest extends Partial<RegisterPolicy> {
  /** The To header URI (parameters allowed: it is canonicalized, step 5). */
  readonly aor: string;
  /** Contact header values; empty for a query of the current bindings (§10.2.3). */
  readonly contacts: readonly RegisterContact[];
  /** The Expires header, in seconds, when present. */
  readonly expiresHeader?: number | string | undefined;
  readonly callId: string;
  /** The CSeq sequence number. */
  readonly cseq: number;
  readonly source: BindingSource;
  readonly userAgent?: string | undefined;
  /** ms since the epoch. */
  readonly now: number;
}

export type RegisterResult =
  | {
      readonly status: 200;
      readonly aor: string;
      /** All current bindings, highest q and most recent first, for the 200's Contact values. */
      readonly bindings: readonly RegisteredBinding[];
      readonly added: readonly Binding[];
      readonly refreshed: readonly Binding[];
      /** Removed by this request (expires=0 or the wildcard). */
      readonly removed: readonly Binding[];
      /** Lapsed before this request and dropped with it (report them like a sweep would). */
      readonly expired: readonly Binding[];
    }
  | { readonly status: 423; readonly minExpires: number; readonly reason: string }
  | { readonly status: 400 | 500; readonly reason: string };

export interface RegisterPlan {
  readonly result: RegisterResult;
  /** The AOR's bindings to store, when they change (only with a 200). */
  readonly next: readonly Binding[] | undefined;
}

/** The one-hour bound of the 423 rule (step 7: "greater than zero AND smaller than one hour"). */
const oneHour = 3600;
/** CSeq numbers "MUST be expressible as a 32-bit unsigned integer and MUST be less than 2**31". */
const maxCseq = 2 ** 31;
const tokenName = /^[!%'*+\-.0-9A-Z_`a-z~]+$/;
const unsafeText = /[\r\n\0]/;
type Success = Extract<RegisterResult, { status: 200 }>;

interface PreparedContact {
  readonly contact: string;
  readonly granted: number;
  readonly q: number | undefined;
  readonly params: Record<string, string | null>;
  readonly instanceId: string | undefined;
  readonly regId: number | undefined;
}

/**
 * Delta-seconds as a number; a malformed value counts as 3600 (RFC 3261 §20.19: "malformed
 * value SHOULD be treated as equivalent to 3600"), undefined when absent.
 */
function readSeconds(value: number | string | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const t = value.trim();
    return /^\d+$/.test(t) ? Number(t) : oneHour;
  }
  return Number.isInteger(value) && value >= 0 ? value : oneHour;
}

/** qvalue (RFC 3261 §25.1): 0…1 with at most three decimals; undefined when malformed. */
function readQ(value: number | string): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : /^\s*[01](\.\d{0,3})?\s*$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 1 ? Math.round(n * 1000) / 1000 : undefined;
}

/**
 * A contact-param value (RFC 3261 §25.1 `gen-value = token / host / quoted-string`) safe to echo
 * in the 200's Contact: no separator outside quotes, no line break anywhere.
 */
function safeParamValue(v: string): boolean {
  return /^"(?:[^"\\\r\n\0]|\\[^\r\n\0])*"$/.test(v) || /^[^\s;,"<>\0]+$/.test(v);
}

function unquote(v: string): string {
  const t = v.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

function sameBinding(b: Binding, c: PreparedContact): boolean {
  // RFC 5626 §6: with +sip.instance and reg-id on both, those identify the binding (flow);
  // otherwise RFC 3261 §10.3 step 7 compares Contact URIs by §19.1.4.
  const bOutbound = b.instanceId !== undefined && b.regId !== undefined;
  const cOutbound = c.instanceId !== undefined && c.regId !== undefined;
  if (bOutbound && cOutbound)
    return b.instanceId?.toLowerCase() === c.instanceId?.toLowerCase() && b.regId === c.regId;
  return sipUrisEqual(b.contact, c.contact);
}

function validateBounds(p: RegisterPolicy): void {
  const ok = (n: number) => Number.isInteger(n) && n >= 0;
  if (!ok(p.minExpires) || !ok(p.maxExpires) || !ok(p.defaultExpires))
    throw new RangeError('registrar intervals must be whole non-negative seconds');
  if (p.maxExpires < 1) throw new RangeError('maxExpires must be at least 1');
  if (p.minExpires > p.maxExpires) throw new RangeError('minExpires must not exceed maxExpires');
}

/** Throws RangeError unless min ≤ default ≤ max, all whole seconds, max ≥ 1. */
export function validateRegisterPolicy(p: RegisterPolicy): void {
  validateBounds(p);
  if (p.defaultExpires < p.minExpires || p.defaultExpires > p.maxExpires)
    throw new RangeError('defaultExpires must lie between minExpires and maxExpires');
}

export function planRegister(
  current: readonly Binding[],
  request: RegisterRequest,
  basePolicy: RegisterPolicy = defaultRegisterPolicy,
): RegisterPlan {
  // Per-request bounds override the registrar's; the default is then kept within them.
  const minExpires = request.minExpires ?? basePolicy.minExpires;
  const maxExpires = request.maxExpires ?? basePolicy.maxExpires;
  const policy: RegisterPolicy = {
    minExpires,
    maxExpires,
    defaultExpires: Math.min(
      Math.max(request.defaultExpires ?? basePolicy.defaultExpires, minExpires),
      maxExpires,
    ),
  };
  validateBounds(policy);
  const fail = (status: 400 | 500, reason: string): RegisterPlan => ({
    result: { status, reason },
    next: undefined,
  });
  const { now, callId, cseq } = request;

  // Step 5: the canonical AOR indexes the bindings.
  const aor = canonicalAor(request.aor);
  if (aor === undefined) return fail(400, 'Invalid address-of-record');
  if (typeof callId !== 'string' || callId.trim() === '' || unsafeText.test(callId))
    return fail(400, 'Invalid Call-ID');
  if (!Number.isInteger(cseq) || cseq < 0 || cseq >= maxCseq) return fail(400, 'Invalid CSeq');
  if (!Number.isFinite(now)) throw new RangeError('now must be a finite time in ms');

  const live = current.filter((b) => isLive(b, now));
  const expired = current.filter((b) => !isLive(b, now));
  const outOfOrder = (b: Binding) => b.callId === callId && cseq <= b.cseq;
  const success = (
    next: readonly Binding[],
    changes: Pick<Success, 'added' | 'refreshed' | 'removed'>,
  ): RegisterPlan => ({
    result: {
      status: 200,
      aor,
      bindings: [...next]
        .sort(compareForLookup)
        .map((b) => ({ ...b, expires: remainingSeconds(b, now) })),
      ...changes,
      expired,
    },
    next:
      changes.added.length + changes.refreshed.length + changes.removed.length + expired.length > 0
        ? next
        : undefined,
  });

  // Step 6: the wildcard removes every binding, if alone and with Expires: 0.
  if (request.contacts.some((c) => c.uri.trim() === '*')) {
    if (request.contacts.length !== 1)
      return fail(400, 'Wildcard Contact must be the only Contact');
    const star = request.contacts[0];
    if (star?.expires !== undefined || Object.keys(star?.params ?? {}).length > 0)
      return fail(400, 'Wildcard Contact takes no parameters');
    if (readSeconds(request.expiresHeader) !== 0)
      return fail(400, 'Wildcard Contact requires Expires: 0');
    // Same Call-ID with a CSeq not above the binding's: the request is out of order.
    if (live.some(outOfOrder)) return fail(500, 'Out-of-order REGISTER (CSeq not increasing)');
    return success([], { added: [], refreshed: [], removed: live });
  }

  // Step 7, first part: read every contact and its interval before changing anything.
  const headerExpires = readSeconds(request.expiresHeader);
  const prepared: PreparedContact[] = [];
  let tooBrief = false;
  for (const c of request.contacts) {
    let contact = c.uri.trim();
    if (contact.startsWith('<') && contact.endsWith('>')) contact = contact.slice(1, -1).trim();
    if (contact === '' || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(contact) || /[\s<>"]/.test(contact))
      return fail(400, 'Invalid Contact URI');
    const params: Record<string, string | null> = {};
    let paramExpires: string | null | undefined;
    let paramQ: string | null | undefined;
    for (const [rawName, value] of Object.entries(c.params ?? {})) {
      const name = rawName.toLowerCase();
      if (!tokenName.test(name) || (value !== null && !safeParamValue(value)))
        return fail(400, 'Invalid Contact parameter');
      if (name === 'expires') paramExpires = value;
      else if (name === 'q') paramQ = value;
      else params[name] = value;
    }
    const rawQ = c.q ?? paramQ ?? undefined;
    let q: number | undefined;
    if (rawQ !== undefined && rawQ !== null) {
      q = readQ(rawQ);
      if (q === undefined) return fail(400, 'Invalid q value');
    }
    const requested =
      readSeconds(c.expires ?? paramExpires) ?? headerExpires ?? policy.defaultExpires;
    if (requested > 0 && requested < oneHour && requested < policy.minExpires) tooBrief = true;
    const granted = Math.min(requested, policy.maxExpires);

    const instance = params['+sip.instance'];
    const instanceId = instance === undefined || instance === null ? undefined : unquote(instance);
    let regId: number | undefined;
    const regIdText = params['reg-id'];
    if (regIdText !== undefined && instanceId !== undefined) {
      regId = regIdText !== null && /^\d{1,10}$/.test(regIdText.trim()) ? Number(regIdText) : NaN;
      // reg-id = 1*DIGIT, 1 … 2^31-1 (RFC 5626 §4.2, §10).
      if (!(regId >= 1 && regId < maxCseq)) return fail(400, 'Invalid reg-id');
    }
    prepared.push({ contact, granted, q, params, instanceId, regId });
  }
  if (tooBrief)
    return {
      result: { status: 423, minExpires: policy.minExpires, reason: 'Interval Too Brief' },
      next: undefined,
    };

  // Step 7, second part: tentatively add, update or remove; commit only if all succeed.
  const next: Binding[] = [...live];
  /** Bindings written by this request → the stored binding they replace (undefined if new). */
  const origin = new Map<Binding, Binding | undefined>();
  for (const p of prepared) {
    const index = next.findIndex((b) => sameBinding(b, p));
    const existing = index >= 0 ? next[index] : undefined;
    const original =
      existing === undefined ? undefined : origin.has(existing) ? origin.get(existing) : existing;
    // A binding already written by this same request is simply overwritten (duplicate Contact).
    if (existing !== undefined && !origin.has(existing) && outOfOrder(existing))
      return fail(500, 'Out-of-order REGISTER (CSeq not increasing)');
    if (p.granted === 0) {
      if (index >= 0) next.splice(index, 1);
      continue;
    }
    const binding: Binding = {
      aor,
      contact: p.contact,
      params: p.params,
      expiresAt: now + p.granted * 1000,
      q: p.q,
      callId,
      cseq,
      source: { ...request.source },
      userAgent: request.userAgent,
      instanceId: p.instanceId,
      regId: p.regId,
      registeredAt: original?.registeredAt ?? now,
      updatedAt: now,
    };
    origin.set(binding, original);
    if (index >= 0) next[index] = binding;
    else next.push(binding);
  }

  const kept = new Set<Binding>();
  const added: Binding[] = [];
  const refreshed: Binding[] = [];
  for (const b of next) {
    if (!origin.has(b)) kept.add(b);
    else {
      const o = origin.get(b);
      if (o === undefined) added.push(b);
      else {
        refreshed.push(b);
        kept.add(o);
      }
    }
  }
  const removed = live.filter((b) => !kept.has(b));
  return success(next, { added, refreshed, removed });
}
