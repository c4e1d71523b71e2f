/**
 * The HTTP/JSON client every operator connector uses: per-attempt timeout, retries with
 * exponential backoff and full jitter for calls that are safe to repeat (GETs, and POSTs that
 * carry an Idempotency-Key), a circuit breaker, metrics, and one mapping of every failure to a
 * coded ConnectorError. See docs/connectors.md.
 */
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { z } from 'zod';
import { MetricsRegistry } from '../../app/metrics/metrics-registry.ts';
import {
  ConnectorError,
  type ConnectorErrorCode,
  type ConnectorStatus,
} from '../../app/ports/connectors.ts';
import {
  admit,
  closedBreaker,
  defaultBreakerPolicy,
  recordFailure,
  recordSuccess,
  type Breaker,
  type BreakerPolicy,
} from '../../domain/connector/circuit-breaker.ts';
import { agentFor, BodyTooLarge, exchange, type TlsMaterial } from './http-exchange.ts';
import { wireError } from './connector-wire.ts';

export interface ConnectorClientOptions {
  /** 'boss', 'billing' or 'nms': names the metrics and the errors. */
  readonly name: string;
  readonly baseUrl: string;
  /** Sent as `X-API-Key`. */
  readonly apiKey?: string | undefined;
  readonly tls?: TlsMaterial | undefined;
  /** Per attempt. */
  readonly timeoutMs?: number;
  /** Further attempts after the first, for repeatable calls. */
  readonly retries?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly breaker?: BreakerPolicy;
  readonly metrics?: MetricsRegistry;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly log?: (msg: string, extra: Record<string, unknown>) => void;
}

export interface ConnectorCall<T> {
  readonly operation: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Makes a POST repeatable: the operator answers a repeated key with the first result. */
  readonly idempotencyKey?: string | undefined;
  readonly schema: z.ZodType<T>;
}

/** Outcomes that say the system is unwell (they count against the breaker). */
const failureOutcomes = new Set(['timeout', 'unavailable', 'bad_response']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ConnectorClient {
  private breaker: Breaker = closedBreaker;
  private readonly agent: HttpAgent | HttpsAgent | undefined;
  private readonly base: URL;
  private readonly calls;
  private readonly retriesMetric;
  private readonly latency;

  constructor(private readonly o: ConnectorClientOptions) {
    this.base = new URL(o.baseUrl.endsWith('/') ? o.baseUrl : `${o.baseUrl}/`);
    this.agent = agentFor(this.base, o.tls);
    const m = o.metrics ?? new MetricsRegistry();
    this.calls = m.counter('kefu_connector_calls_total', 'Operator connector calls by outcome');
    this.retriesMetric = m.counter('kefu_connector_retries_total', 'Repeated connector attempts');
    this.latency = m.histogram(
      'kefu_connector_call_duration_ms',
      'Connector call time including retries (ms)',
      [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
    );
  }

  private now() {
    return this.o.now?.() ?? Date.now();
  }

  status(): ConnectorStatus {
    const c = { connector: this.o.name };
    const outcomes = ['ok', 'timeout', 'unavailable', 'bad_response', 'not_found', 'rejected'];
    const count = (list: string[]) =>
      list.reduce((n, outcome) => n + this.calls.get({ ...c, outcome }), 0);
    return {
      connector: this.o.name,
      baseUrl: this.base.origin + this.base.pathname,
      breaker: this.breaker.state,
      calls: count(outcomes),
      failures: count([...failureOutcomes]),
      retries: this.retriesMetric.get(c),
      p50Ms: this.latency.quantile(c, 0.5),
      p95Ms: this.latency.quantile(c, 0.95),
    };
  }

  async request<T>(call: ConnectorCall<T>): Promise<T> {
    const started = performance.now();
    const repeatable = call.method === 'GET' || call.idempotencyKey !== undefined;
    const attempts = 1 + (repeatable ? (this.o.retries ?? 2) : 0);
    let outcome = 'ok';
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.attempt(call);
        } catch (e) {
          const err =
            e instanceof ConnectorError ? e : this.fail(call, 'connector.unavailable', String(e));
          const retryable =
            err.code === 'connector.timeout' ||
            (err.code === 'connector.unavailable' && err.details?.['breaker'] !== 'open');
          if (!retryable || attempt >= attempts) {
            outcome = err.code.slice('connector.'.length);
            // A missing subscriber or order is an answer, not a fault; everything else is logged.
            if (err.code !== 'connector.not_found')
              this.o.log?.('connector call failed', {
                ...err.details,
                code: err.code,
                error: err.message,
                attempts: attempt,
              });
            throw err;
          }
          this.retriesMetric.inc({ connector: this.o.name });
          const { baseMs, maxMs } = this.o.backoff ?? { baseMs: 100, maxMs: 2000 };
          const cap = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
          await sleep(Math.round(cap * (this.o.random ?? Math.random)()));
        }
      }
    } finally {
      this.calls.inc({ connector: this.o.name, outcome });
      this.latency.observe({ connector: this.o.name }, performance.now() - started);
    }
  }

  private fail(
    call: ConnectorCall<unknown>,
    code: ConnectorErrorCode,
    message: string,
    extra = {},
  ) {
    return new ConnectorError(code, `${this.o.name} ${call.operation}: ${message}`, {
      connector: this.o.name,
      operation: call.operation,
      ...extra,
    });
  }

  /** One try through the breaker; the breaker learns whether the system answered sanely. */
  private async attempt<T>(call: ConnectorCall<T>): Promise<T> {
    const gate = admit(this.breaker, this.now(), this.policy);
    this.breaker = gate.next;
    if (!gate.allowed)
      throw this.fail(call, 'connector.unavailable', 'circuit breaker open', { breaker: 'open' });
    try {
      const result = await this.send(call);
      this.breaker = recordSuccess(this.breaker);
      return result;
    } catch (e) {
      const err = e as ConnectorError;
      if (failureOutcomes.has(err.code.slice('connector.'.length))) {
        const before = this.breaker.state;
        this.breaker = recordFailure(this.breaker, this.now(), this.policy);
        if (before !== 'open' && this.breaker.state === 'open')
          this.o.log?.('connector circuit opened', { connector: this.o.name, error: err.message });
      } else this.breaker = recordSuccess(this.breaker); // a business answer: the system is up
      throw err;
    }
  }

  private get policy() {
    return this.o.breaker ?? defaultBreakerPolicy;
  }

  private async send<T>(call: ConnectorCall<T>): Promise<T> {
    const url = new URL(call.path.replace(/^\//, ''), this.base);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
    const timeoutMs = this.o.timeoutMs ?? 3000;
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), timeoutMs);
    let answer;
    try {
      answer = await exchange(url, {
        method: call.method,
        headers: {
          accept: 'application/json',
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.o.apiKey ? { 'x-api-key': this.o.apiKey } : {}),
          ...(call.idempotencyKey ? { 'idempotency-key': call.idempotencyKey } : {}),
        },
        body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
        agent: this.agent,
        signal: ac.signal,
      });
    } catch (e) {
      if (ac.signal.aborted)
        throw this.fail(call, 'connector.timeout', `no answer within ${timeoutMs} ms`, {
          timeoutMs,
        });
      if (e instanceof BodyTooLarge) throw this.fail(call, 'connector.bad_response', e.message);
      throw this.fail(call, 'connector.unavailable', (e as Error).message);
    } finally {
      clearTimeout(timer);
    }
    return this.read(call, answer.status, answer.body);
  }

  private read<T>(call: ConnectorCall<T>, status: number, text: string): T {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (status >= 200 && status < 300) {
      if (json === undefined)
        throw this.fail(
          call,
          'connector.bad_response',
          `status ${status} with a body that is not JSON`,
          { status },
        );
      const r = call.schema.safeParse(json);
      if (!r.success)
        throw this.fail(
          call,
          'connector.bad_response',
          `answer does not match the contract: ${r.error.issues
            .map((i) => `${i.path.join('.') || '(body)'} ${i.message}`)
            .slice(0, 3)
            .join('; ')}`,
          { status },
        );
      return r.data;
    }
    const e = wireError.safeParse(json);
    const said = e.success ? `${e.data.code}: ${e.data.message}` : `status ${status}`;
    const extra = { status, ...(e.success ? { operatorCode: e.data.code } : {}) };
    if (status === 404) throw this.fail(call, 'connector.not_found', said, extra);
    if (status === 408 || status === 429 || status >= 500)
      throw this.fail(call, 'connector.unavailable', said, extra);
    throw this.fail(call, 'connector.rejected', said, extra);
  }
}
