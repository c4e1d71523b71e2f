/**
 * The one error the message layer throws on bad input. Its message is a short fixed English
 * phrase, never built from the input, so it is safe as the reason phrase of a 400 answer
 * (RFC 3261 §21.4.1: "the reason phrase SHOULD identify the syntax problem in more detail").
 *
 * When the header section could be read, `partial` carries what a server needs to answer a
 * request it could not fully parse (RFC 3261 §8.2.6: Via, From, To, Call-ID and CSeq are copied
 * into the response) — raw header values without CR or LF.
 */
import type { SipHeaders } from './sip-headers.ts';

export interface SipParsePartial {
  /** The start line looked like a Request-Line (a response is never answered). */
  readonly isRequest: boolean;
  /** The request method, when the Request-Line got that far. */
  readonly method?: string;
  readonly callId?: string;
  /** Every Via value in order, joined with ", " (one header line carries them all, §7.3.1). */
  readonly via?: string;
  /** The topmost Via value alone: where the response goes (§18.2.2). */
  readonly topVia?: string;
  readonly cseq?: string;
  readonly from?: string;
  readonly to?: string;
  /** All header fields read, for anything else a caller wants to copy. */
  readonly headers?: SipHeaders;
}

export class SipParseError extends Error {
  override readonly name = 'SipParseError';
  readonly partial: SipParsePartial | undefined;

  constructor(reason: string, partial?: SipParsePartial, options?: { cause?: unknown }) {
    super(reason, options);
    this.partial = partial;
  }

  /** The reason phrase for a 400 answer (same as `message`). */
  get reason(): string {
    return this.message;
  }

  get isRequest(): boolean {
    return this.partial?.isRequest ?? false;
  }
  get method(): string | undefined {
    return this.partial?.method;
  }
  get callId(): string | undefined {
    return this.partial?.callId;
  }
  get via(): string | undefined {
    return this.partial?.via;
  }
  get cseq(): string | undefined {
    return this.partial?.cseq;
  }
}
