/**
 * The registrar (RFC 3261 §10.3) over a {@link RegistrationStore}: processes REGISTERs, answers
 * location lookups for routing calls to phones, and sweeps lapsed bindings so the switch can
 * announce "unregistered".
 *
 * REGISTERs "MUST be processed by a registrar in the order that they are received" (§10.3):
 * within this process, requests for one AOR queue behind each other; across processes sharing a
 * store, each one reads the AOR's bindings, decides with {@link planRegister}, and writes only
 * if nothing changed in between, otherwise it decides again on the fresh bindings.
 */
import { compareForLookup, isLive, type Binding } from './binding.ts';
import {
  defaultRegisterPolicy,
  planRegister,
  validateRegisterPolicy,
  type RegisterPolicy,
  type RegisterRequest,
  type RegisterResult,
} from './plan-register.ts';
import type { RegistrationStore } from './registration-store.ts';
import { canonicalAor } from './sip-uri-compare.ts';

export interface RegistrarOptions extends Partial<RegisterPolicy> {
  /** Attempts when concurrent writers keep winning, before answering 500 (default 5). */
  readonly maxAttempts?: number;
}

export class Registrar {
  readonly policy: RegisterPolicy;
  private readonly maxAttempts: number;
  /** Tail of the in-process queue of REGISTERs per AOR (entries vanish when idle). */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly store: RegistrationStore,
    options: RegistrarOptions = {},
  ) {
    this.policy = {
      minExpires: options.minExpires ?? defaultRegisterPolicy.minExpires,
      maxExpires: options.maxExpires ?? defaultRegisterPolicy.maxExpires,
      defaultExpires: options.defaultExpires ?? defaultRegisterPolicy.defaultExpires,
    };
    validateRegisterPolicy(this.policy);
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /**
   * Applies one REGISTER (after the caller has authenticated and authorized it, §10.3 steps
   * 1–4) and resolves the response to send. Rejects only when the store fails.
   */
  async processRegister(request: RegisterRequest): Promise<RegisterResult> {
    const aor = canonicalAor(request.aor);
    if (aor === undefined) return planRegister([], request, this.policy).result;
    return this.inOrder(aor, async () => {
      for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
        const { bindings, version } = await this.store.load(aor);
        const plan = planRegister(bindings, request, this.policy);
        if (plan.next === undefined || (await this.store.save(aor, version, plan.next)))
          return plan.result;
      }
      // §10.3 step 7: when the update cannot be committed the request fails with 500.
      return { status: 500, reason: 'Registration store busy' } as const;
    });
  }

  /** Live bindings of an AOR, highest q first, then most recently registered first. */
  async lookup(aor: string, now: number): Promise<Binding[]> {
    const key = canonicalAor(aor);
    if (key === undefined) return [];
    const { bindings } = await this.store.load(key);
    return bindings.filter((b) => isLive(b, now)).sort(compareForLookup);
  }

  /** Every AOR with bindings (some may have lapsed; {@link lookup} filters those). */
  aors(): Promise<string[]> {
    return this.store.aors();
  }

  /** Runs `task` after every earlier task for the same AOR has settled. */
  private inOrder<T>(aor: string, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(aor) ?? Promise.resolve()).then(task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(aor, tail);
    void tail.then(() => {
      if (this.queues.get(aor) === tail) this.queues.delete(aor);
    });
    return run;
  }

  /** Removes and resolves bindings lapsed at `now` (call it every few seconds). */
  sweep(now: number): Promise<Binding[]> {
    return this.store.removeExpired(now);
  }
}
