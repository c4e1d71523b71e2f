/** Why a Digest header value could not be read. */
export type DigestParseErrorCode =
  | 'empty'
  | 'too_long'
  | 'not_digest'
  | 'syntax'
  | 'missing_param'
  | 'duplicate_param'
  | 'bad_param'
  | 'unsupported_algorithm'
  | 'unsupported_qop';

/**
 * The only error the Digest header parsers throw. `param` names the auth-param at fault, when
 * there is one; the message is for logs, never for the wire.
 */
export class DigestParseError extends Error {
  override readonly name = 'DigestParseError';
  readonly code: DigestParseErrorCode;
  readonly param: string | undefined;

  constructor(code: DigestParseErrorCode, message: string, param?: string) {
    super(message);
    this.code = code;
    this.param = param;
  }
}
