/**
 * Webhooks over HTTP with Node's fetch: a POST with a timeout, redirects not followed, and only
 * the start of the answer read (a receiver streaming megabytes cannot hold a worker). With
 * `blockPrivateAddresses` a URL whose host resolves to a private address is refused (SSRF);
 * fetch resolves the name again, so a DNS server that changes its answer in between can still
 * slip through — the setting is a guard against mistakes, not a network policy.
 */
import { lookup } from 'node:dns/promises';
import type {
  WebhookAnswer,
  WebhookRequest,
  WebhookSender,
} from '../../app/ports/webhook-sender.ts';
import { isPrivateAddress } from '../../domain/webhook/private-address.ts';

export interface HttpWebhookSenderOptions {
  readonly blockPrivateAddresses?: boolean;
}

export class HttpWebhookSender implements WebhookSender {
  constructor(private readonly o: HttpWebhookSenderOptions = {}) {}

  async post(r: WebhookRequest, maxResponseChars: number): Promise<WebhookAnswer> {
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    try {
      if (this.o.blockPrivateAddresses) {
        const refused = await privateTarget(r.url);
        if (refused)
          return { statusCode: null, response: null, durationMs: took(), error: refused };
      }
      const res = await fetch(r.url, {
        method: 'POST',
        headers: r.headers,
        body: r.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(r.timeoutMs),
      });
      const response = await readStart(res, maxResponseChars);
      return { statusCode: res.status, response, durationMs: took(), error: null };
    } catch (e) {
      return { statusCode: null, response: null, durationMs: took(), error: describe(e, r) };
    }
  }
}

async function privateTarget(url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = await lookup(host, { all: true });
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  return bad
    ? `refused: ${host} is the private address ${bad.address} (private addresses are blocked)`
    : null;
}

async function readStart(res: Response, maxChars: number): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < maxChars) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, maxChars);
}

function describe(e: unknown, r: WebhookRequest): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
    return `no answer within ${r.timeoutMs} ms`;
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : null;
  return (cause ?? (e instanceof Error ? e.message : String(e))).slice(0, 300);
}
