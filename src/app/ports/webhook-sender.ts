/**
 * Sends one webhook request. `post` never rejects: every outcome, a timeout or a refused
 * connection included, is an answer with `error` set, so the caller records it as an attempt.
 * Redirects are not followed (the signature is meant for the configured URL only).
 */
export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

export interface WebhookAnswer {
  /** The HTTP status, or null when no answer came. */
  readonly statusCode: number | null;
  /** The start of the response body, at most `maxResponseChars`. */
  readonly response: string | null;
  readonly durationMs: number;
  readonly error: string | null;
}

export interface WebhookSender {
  post(r: WebhookRequest, maxResponseChars: number): Promise<WebhookAnswer>;
}
