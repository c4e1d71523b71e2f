/**
 * Errors leave the API as RFC 9457 problem details (`application/problem+json`) with kefu's
 * stable `code`. The status of every code is decided here, in one exhaustive map: adding a code
 * without a status is a compile error.
 */
import type { Context } from 'hono';
import type { ErrorCode } from '../../domain/errors.ts';

export const statusOf: Record<ErrorCode, number> = {
  'validation.failed': 400,
  'request.malformed_json': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.rate_limited': 429,
  'auth.forbidden': 403,
  'auth.account_disabled': 403,
  not_found: 404,
  conflict: 409,
  'user.username_taken': 409,
  'customer.msisdn_taken': 409,
  'team.name_taken': 409,
  'skill.name_taken': 409,
  'skill.invalid_level': 400,
  'case.illegal_transition': 409,
  'case.stage_required': 409,
  'case.closed': 409,
  'case.unknown_type': 400,
  'case.invalid_satisfaction': 400,
  'case.version_conflict': 409,
  'case_type.code_taken': 409,
  'category.invalid_parent': 400,
  'calendar.invalid': 400,
  'sla.invalid_policy': 400,
  'sla.policy_taken': 409,
  'contact.invalid': 400,
  'routing.invalid_expression': 400,
  'agent.illegal_transition': 409,
  'agent.busy': 409,
  'agent.invalid_reason': 400,
  'agent.approval_required': 400,
  'agent.wrapup_limit': 409,
  'agent.invalid_capacity': 400,
  'routing.invalid_queue': 400,
  'routing.invalid_workflow': 400,
  'routing.unknown_queue': 400,
  'routing.unknown_workflow': 400,
  'task.illegal_transition': 409,
  'task.not_yours': 403,
  'reservation.expired': 409,
  'reservation.not_pending': 409,
  'routing.name_taken': 409,
  'routing.in_use': 409,
  'agent.not_logged_in': 409,
  'ivr.invalid_flow': 400,
  'ivr.illegal_transition': 409,
  'call.not_active': 409,
  'call.illegal_command': 409,
  'call.not_yours': 403,
  'call.no_phone': 409,
  'call.target_unavailable': 409,
  'recording.deleted': 410,
  'recording.unreadable': 422,
  'recording.range_not_satisfiable': 416,
  'recording.invalid_retention': 400,
  'message.illegal_transition': 409,
  'message.invalid': 400,
  'message.no_address': 409,
  'message.too_large': 413,
  'channel.unavailable': 503,
  'sms.invalid': 400,
  'sms.unsupported_coding': 400,
  'fax.too_large': 413,
  'fax.unreadable': 422,
  'chat.closed': 409,
  'portal.invalid_code': 401,
  'survey.invalid': 400,
  'survey.already_answered': 409,
  'kb.invalid_article': 400,
  'kb.illegal_transition': 409,
  'kb.slug_taken': 409,
  'kb.own_review': 403,
  'kb.invalid_import': 400,
  'quality.invalid_form': 400,
  'quality.invalid_answer': 400,
  'quality.illegal_transition': 409,
  'quality.not_yours': 403,
  'webhook.invalid_url': 400,
  'webhook.invalid_pattern': 400,
  'webhook.illegal_transition': 409,
  // The operator's system failed us, not the caller: gateway statuses.
  'connector.timeout': 504,
  'connector.unavailable': 503,
  'connector.bad_response': 502,
  'connector.not_found': 404,
  'connector.rejected': 422,
  'connector.illegal_transition': 500,
  'dialer.invalid_campaign': 400,
  'dialer.illegal_transition': 409,
  'dialer.invalid_record': 400,
  'dialer.invalid_csv': 400,
  'dialer.dnc': 409,
  'resource.invalid': 400,
  'resource.name_taken': 409,
  'resource.in_use': 409,
  'resource.illegal_transition': 409,
  'device.in_use': 409,
  'trunk.channel_limit': 503,
  'trunk.unavailable': 503,
  rate_limited: 429,
  internal: 500,
};

const titles: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
  [extra: string]: unknown;
}

export function problemBody(
  code: ErrorCode,
  detail: string,
  extra: Record<string, unknown> = {},
): ProblemBody {
  const status = statusOf[code];
  return {
    type: `https://kefu.dev/problems/${code.replaceAll('.', '/')}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    detail,
    ...extra,
  };
}

export function problem(
  c: Context,
  code: ErrorCode,
  detail: string,
  extra: Record<string, unknown> = {},
): Response {
  const body = problemBody(code, detail, { instance: c.req.path, ...extra });
  return c.body(JSON.stringify(body), body.status as 400, {
    'content-type': 'application/problem+json',
  });
}
