/**
 * Webhooks over HTTP with Node's fetch: a POST with a timeout, redirects not followed, and only
 * the start of the answer read (a receiver streaming megabytes cannot hold a worker).
 */
import type {
  WebhookAnswer,
  WebhookRequest,
  WebhookSender,
} from '../../app/ports/webhook-sender.ts';

export class HttpWebhookSender implements WebhookSender {
  async post(r: WebhookRequest, maxResponseChars: number): Promise<WebhookAnswer> {
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    try {
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
