/**
 * Away reasons (示忙原因): why an agent is not taking work. Administrators configure the list;
 * agents pick from the active ones that are not system-only; the router sets `no_answer` itself
 * when an agent lets an offer time out (RONA). A reason may need a supervisor's approval (rest),
 * and may have a limit after which the wallboard shows the agent as overdue.
 */
import { DomainError } from '../errors.ts';

export interface ReasonCode {
  /** Stable key stored in the agent's status and events, e.g. 'lunch'. */
  readonly code: string;
  readonly label: string;
  readonly labelZh: string;
  /** An agent's own request waits for a supervisor (supervisors and the system need none). */
  readonly requiresApproval: boolean;
  /** Minutes after which the agent is overdue; null: no limit. */
  readonly maxMinutes: number | null;
  /** Inactive reasons stay for history but cannot be chosen. */
  readonly active: boolean;
  /** Set only by the system (the router on RONA); agents and supervisors cannot choose it. */
  readonly systemOnly?: boolean;
}

/** The code the router uses when an agent does not answer an offer (RONA). */
export const noAnswerReasonCode = 'no_answer';

export const defaultReasonCodes: readonly ReasonCode[] = [
  {
    code: 'break',
    label: 'Break',
    labelZh: '小休',
    requiresApproval: false,
    maxMinutes: 15,
    active: true,
  },
  {
    code: 'lunch',
    label: 'Lunch',
    labelZh: '午餐',
    requiresApproval: false,
    maxMinutes: 60,
    active: true,
  },
  {
    code: 'training',
    label: 'Training',
    labelZh: '培训',
    requiresApproval: false,
    maxMinutes: null,
    active: true,
  },
  {
    code: 'study',
    label: 'Study',
    labelZh: '学习',
    requiresApproval: false,
    maxMinutes: null,
    active: true,
  },
  {
    code: 'rest',
    label: 'Rest',
    labelZh: '休息',
    requiresApproval: true,
    maxMinutes: 30,
    active: true,
  },
  {
    code: 'meeting',
    label: 'Meeting',
    labelZh: '会议',
    requiresApproval: false,
    maxMinutes: null,
    active: true,
  },
  {
    code: noAnswerReasonCode,
    label: 'No answer',
    labelZh: '未应答',
    requiresApproval: false,
    maxMinutes: null,
    active: true,
    systemOnly: true,
  },
];

const codePattern = /^[a-z][a-z0-9_]{0,31}$/;
const maxLabelLength = 64;
const maxReasonMinutes = 24 * 60;

function invalid(message: string, field: string, code?: unknown): DomainError {
  return new DomainError('agent.invalid_reason', message, {
    field,
    ...(typeof code === 'string' ? { code } : {}),
  });
}

const isLabel = (s: unknown): s is string =>
  typeof s === 'string' && s.trim() !== '' && s.length <= maxLabelLength;

/**
 * Returns the reason unchanged when it is well formed; otherwise throws
 * DomainError('agent.invalid_reason') with the offending `field` (and the `code`) in the details.
 */
export function validateReasonCode(r: ReasonCode): ReasonCode {
  if (typeof r !== 'object' || r === null) throw invalid('a reason must be an object', 'reason');
  if (typeof r.code !== 'string' || !codePattern.test(r.code))
    throw invalid(
      'code must be 1–32 lowercase letters, digits or _, starting with a letter',
      'code',
      r.code,
    );
  if (!isLabel(r.label))
    throw invalid(`label must be 1–${maxLabelLength} characters`, 'label', r.code);
  if (!isLabel(r.labelZh))
    throw invalid(`labelZh must be 1–${maxLabelLength} characters`, 'labelZh', r.code);
  if (typeof r.requiresApproval !== 'boolean')
    throw invalid('requiresApproval must be true or false', 'requiresApproval', r.code);
  if (
    r.maxMinutes !== null &&
    (typeof r.maxMinutes !== 'number' ||
      !Number.isInteger(r.maxMinutes) ||
      r.maxMinutes < 1 ||
      r.maxMinutes > maxReasonMinutes)
  )
    throw invalid(
      `maxMinutes must be null or a whole number 1–${maxReasonMinutes}`,
      'maxMinutes',
      r.code,
    );
  if (typeof r.active !== 'boolean')
    throw invalid('active must be true or false', 'active', r.code);
  if (r.systemOnly !== undefined && typeof r.systemOnly !== 'boolean')
    throw invalid('systemOnly must be true or false', 'systemOnly', r.code);
  if (r.systemOnly === true && r.requiresApproval)
    throw invalid('a system-only reason cannot require approval', 'requiresApproval', r.code);
  return r;
}

/**
 * Validates a whole configured list: every reason well formed, codes unique, and the router's
 * `no_answer` present, active and system-only (RONA must always be able to set it).
 */
export function validateReasonCodes(list: readonly ReasonCode[]): readonly ReasonCode[] {
  const seen = new Set<string>();
  for (const r of list) {
    validateReasonCode(r);
    if (seen.has(r.code)) throw invalid(`reason code ${r.code} appears twice`, 'code', r.code);
    seen.add(r.code);
  }
  const noAnswer = list.find((r) => r.code === noAnswerReasonCode);
  if (noAnswer === undefined || !noAnswer.active || noAnswer.systemOnly !== true)
    throw invalid(
      `${noAnswerReasonCode} must be present, active and system-only`,
      'code',
      noAnswerReasonCode,
    );
  return list;
}

/** The reason with this code; DomainError('agent.invalid_reason') when there is none. */
export function findReason(list: readonly ReasonCode[], code: string): ReasonCode {
  const r = list.find((x) => x.code === code);
  if (r === undefined) throw invalid(`unknown away reason ${code}`, 'code', code);
  return r;
}

/** The reasons an agent may pick on the desktop: active and not system-only. */
export function selectableReasons(list: readonly ReasonCode[]): readonly ReasonCode[] {
  return list.filter((r) => r.active && r.systemOnly !== true);
}

/** Epoch ms at which an agent away since `since` becomes overdue; null when the reason has no limit. */
export function awayOverdueAt(reason: ReasonCode, since: number): number | null {
  return reason.maxMinutes === null ? null : since + reason.maxMinutes * 60_000;
}
