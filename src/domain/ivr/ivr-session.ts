/**
 * A call's walk through an IVR flow (IVR 会话): where it is, what it has gathered, and what it is
 * waiting for. The step function (ivr-step.ts) moves it; this file holds its states and the one
 * table of legal moves.
 *
 * ```
 *            keys, timeout (a menu or collect answered, or asked again)
 *             ┌──────────────────────────────────────────────────┐
 *             ▼                                                  │
 *   new ──▶ running ──── menu, collect ──────────────────▶ waiting_input
 *  (start)    │ ▲ ▲ ▲
 *             │ │ │ └─ lookup_result, timeout ─── waiting_lookup ◀─── lookup ──── running
 *             │ │ └─── queue_left (call-back) ─── queued ◀─────────── queue ───── running
 *             │ └───── transfer_failed, next ──── transferred ◀────── transfer ── running
 *             │
 *             ├─ hangup node ─▶ hung_up, or callback once a call-back was requested
 *             └─ loop guard, missing node, another flow version ─▶ failed
 *
 *   waiting_input, waiting_lookup ── the caller hangs up ──▶ hung_up | callback
 * ```
 *
 * - `queued`, `transferred`, `hung_up`, `callback` and `failed` end the IVR's part of the call;
 *   only `queued` and `transferred` may come back to `running` (the caller left the queue for
 *   a call-back; the outside number did not answer). A caller hanging up while queued or
 *   transferred is no longer the IVR's business: the session keeps its outcome.
 * - `callback` is `hung_up` after the session requested a call-back task.
 * - A session is `running` only inside the step function, and when new (before `start`).
 */
import { DomainError } from '../errors.ts';
import type { IvrFlow } from './ivr-flow.ts';
import { isIvrLanguage, type IvrLanguage } from './ivr-language.ts';
import { withVariable } from './ivr-variables.ts';

export const ivrStates = [
  'running',
  'waiting_input',
  'waiting_lookup',
  'queued',
  'transferred',
  'hung_up',
  'callback',
  'failed',
] as const;
export type IvrState = (typeof ivrStates)[number];

export const ivrTransitions: Readonly<Record<IvrState, readonly IvrState[]>> = {
  running: [
    'waiting_input',
    'waiting_lookup',
    'queued',
    'transferred',
    'hung_up',
    'callback',
    'failed',
  ],
  waiting_input: ['running', 'hung_up', 'callback'],
  waiting_lookup: ['running', 'hung_up', 'callback'],
  queued: ['running'],
  transferred: ['running'],
  hung_up: [],
  callback: [],
  failed: [],
};

export const isIvrState = (s: unknown): s is IvrState =>
  typeof s === 'string' && (ivrStates as readonly string[]).includes(s);

/** States in which the IVR has finished with the call for good. */
export const isIvrFinal = (s: IvrState): boolean => ivrTransitions[s].length === 0;

export const canMoveIvr = (from: IvrState, to: IvrState): boolean =>
  ivrTransitions[from].includes(to);

/** Rejects a move the table does not allow, with DomainError('ivr.illegal_transition'). */
export function assertIvrMove(from: IvrState, to: IvrState): void {
  if (!canMoveIvr(from, to))
    throw new DomainError(
      'ivr.illegal_transition',
      `an IVR session cannot move from ${from} to ${to}`,
      {
        from,
        to,
        allowed: ivrTransitions[from],
      },
    );
}

/** Most node visits a session remembers; older ones are dropped first. */
export const maxHistory = 500;

export interface IvrSession {
  readonly flowId: string;
  /** The flow version the session started on; it finishes on that version. */
  readonly version: number;
  readonly state: IvrState;
  /** The node being run or waited on. */
  readonly nodeId: string;
  readonly variables: Readonly<Record<string, string>>;
  /** Failed attempts (wrong key, silence, bad entry) at the current menu or collect. */
  readonly retries: number;
  /** Keys received and not yet used (type-ahead, or an entry still being keyed in). */
  readonly digits: string;
  /** Nodes entered, in order (for IVR node-visit reports); at most {@link maxHistory}. */
  readonly history: readonly string[];
  /** Set once a callback node has asked for a call-back task. */
  readonly callbackNumber: string | null;
}

export interface NewSessionOptions {
  /** Initial variables, typically `caller` and `called`. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Overrides the flow's language. */
  readonly language?: IvrLanguage;
}

/** A session about to run `flow` from its start; give it `{ type: 'start' }` next. */
export function newIvrSession(flow: IvrFlow, options: NewSessionOptions = {}): IvrSession {
  let variables: Readonly<Record<string, string>> = {};
  for (const [k, v] of Object.entries(options.variables ?? {}))
    if (typeof v === 'string') variables = withVariable(variables, k, v);
  const given = variables['language'];
  const language = options.language ?? (isIvrLanguage(given) ? given : flow.language);
  variables = withVariable(variables, 'language', language);
  return {
    flowId: flow.id,
    version: flow.version,
    state: 'running',
    nodeId: flow.start,
    variables,
    retries: 0,
    digits: '',
    history: [],
    callbackNumber: null,
  };
}

/** `session` in state `to`, if the table allows the move (else `ivr.illegal_transition`). */
export function moveIvr(session: IvrSession, to: IvrState): IvrSession {
  assertIvrMove(session.state, to);
  return { ...session, state: to };
}

/** The language the session speaks now: its `language` variable, else the flow's. */
export function sessionLanguage(session: IvrSession, flow: IvrFlow): IvrLanguage {
  const v = session.variables['language'];
  return isIvrLanguage(v) ? v : flow.language;
}
