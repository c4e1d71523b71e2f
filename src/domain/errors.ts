/**
 * Every failure kefu reports carries one of these stable codes. The API turns each into an HTTP
 * status through one exhaustive map (src/api/http/problem-status.ts); clients rely on the code,
 * never on the message.
 */
export const errorCodes = [
  'validation.failed',
  'request.malformed_json',
  'request.too_large',
  'request.unsupported_media_type',
  'auth.required',
  'auth.invalid_credentials',
  'auth.rate_limited',
  'auth.forbidden',
  'auth.account_disabled',
  'not_found',
  'conflict',
  'user.username_taken',
  'customer.msisdn_taken',
  'team.name_taken',
  'skill.name_taken',
  'skill.invalid_level',
  'case.illegal_transition',
  'case.stage_required',
  'case.closed',
  'case.unknown_type',
  'case.invalid_satisfaction',
  'case.version_conflict',
  'case_type.code_taken',
  'category.invalid_parent',
  'calendar.invalid',
  'sla.invalid_policy',
  'sla.policy_taken',
  'contact.invalid',
  'routing.invalid_expression',
  'agent.illegal_transition',
  'agent.busy',
  'agent.invalid_reason',
  'agent.approval_required',
  'agent.wrapup_limit',
  'agent.invalid_capacity',
  'routing.invalid_queue',
  'routing.invalid_workflow',
  'routing.unknown_queue',
  'routing.unknown_workflow',
  'task.illegal_transition',
  'task.not_yours',
  'reservation.expired',
  'reservation.not_pending',
  'routing.name_taken',
  'routing.in_use',
  'agent.not_logged_in',
  'ivr.invalid_flow',
  'ivr.illegal_transition',
  'call.not_active',
  'call.illegal_command',
  'call.not_yours',
  'call.no_phone',
  'call.target_unavailable',
  'recording.deleted',
  'recording.unreadable',
  'recording.range_not_satisfiable',
  'recording.invalid_retention',
  'message.illegal_transition',
  'message.invalid',
  'message.no_address',
  'message.too_large',
  'channel.unavailable',
  'sms.invalid',
  'sms.unsupported_coding',
  'fax.too_large',
  'fax.unreadable',
  'chat.closed',
  'portal.invalid_code',
  'survey.invalid',
  'survey.already_answered',
  'quality.invalid_form',
  'quality.invalid_answer',
  'quality.illegal_transition',
  'quality.not_yours',
  'webhook.invalid_url',
  'webhook.invalid_pattern',
  'webhook.illegal_transition',
  'connector.timeout',
  'connector.unavailable',
  'connector.bad_response',
  'connector.not_found',
  'connector.rejected',
  'connector.illegal_transition',
  'dialer.invalid_campaign',
  'dialer.illegal_transition',
  'dialer.invalid_record',
  'dialer.invalid_csv',
  'kb.invalid_article',
  'kb.illegal_transition',
  'kb.slug_taken',
  'kb.own_review',
  'kb.invalid_import',
  'rate_limited',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A failure with a stable code; `details` is safe to show to the caller. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** For switch statements over unions: a compile error if a case is missed. */
export function assertUnreachable(x: never): never {
  throw new Error(`unreachable: ${String(x)}`);
}
