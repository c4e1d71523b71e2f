/**
 * An IVR flow (自助语音流程): the self-service voice menu a caller walks through before reaching
 * an agent, as a versioned JSON document. Nodes are a discriminated union on `type`; every node
 * names the nodes that follow it, so the flow is a directed graph from `start`.
 *
 * ```json
 * { "id": "main", "name": "Hotline", "version": 3, "language": "zh", "start": "welcome",
 *   "nodes": {
 *     "welcome": { "type": "menu", "prompts": [{ "prompt": "main-menu" }],
 *                  "options": { "1": "balance", "2": "agent" }, "timeoutSeconds": 5,
 *                  "retries": 2, "onFailure": "agent" },
 *     "balance": { "type": "lookup", "connector": "billing.balance",
 *                  "input": { "msisdn": "${caller}" }, "output": "balance",
 *                  "next": "say-balance", "onError": "agent" },
 *     …
 * } }
 * ```
 *
 * Node types: `play` prompts; `menu` (one key picks an option); `collect` (a number keyed in,
 * kept in a variable); `set` a variable; `condition` (routing expressions over the variables);
 * `hours` (is a business calendar open now?); `lookup` (ask a connector, keep its answer under a
 * variable prefix); `queue` (hand the call to the router, with the IVR data); `callback` (ask the
 * router for a call-back task); `transfer` to an outside number; `hangup`.
 *
 * Strings marked "template" may mention variables as `${name}` (see template.ts); expressions
 * are routing expressions (see routing/expression). Prompts are file names resolved by the
 * session's language (`welcome` → `zh/welcome`), or values read aloud (see say.ts).
 *
 * `validateFlow` checks a document before it is saved or run and returns a clean, frozen copy.
 */
import { DomainError } from '../errors.ts';
import { checkFlowDocument } from './flow-reader.ts';
import type { IvrLanguage } from './ivr-language.ts';
import type { SayKind } from './say.ts';

export type { IvrLanguage } from './ivr-language.ts';
export { inputNodeTypes } from './flow-graph.ts';
export {
  dtmfKeys,
  ivrNodeTypes,
  maxBranches,
  maxCollectDigits,
  maxFlowNodes,
  maxInterDigitSeconds,
  maxMenuTimeoutSeconds,
  maxPromptsPerList,
  maxRetries,
} from './flow-reader.ts';

/** A recorded prompt by name ('welcome'), or a value read aloud; `language` pins the language. */
export type PromptRef =
  | { readonly prompt: string; readonly language?: IvrLanguage }
  | {
      readonly say: SayKind;
      /** Template, e.g. '${balance.amount}'. */
      readonly value: string;
      readonly language?: IvrLanguage;
    };

export type Prompts = readonly PromptRef[];

export interface NodeBase {
  /** For editors and reports; not used by the step function. */
  readonly label?: string;
}

export interface PlayNode extends NodeBase {
  readonly type: 'play';
  readonly prompts: Prompts;
  readonly next: string;
}

/** Plays its prompts and waits for one key; an unknown key or silence is retried. */
export interface MenuNode extends NodeBase {
  readonly type: 'menu';
  readonly prompts: Prompts;
  /** Key ('0'-'9', '*', '#') → node. */
  readonly options: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  /** How many times the menu is asked again after a wrong key or silence. */
  readonly retries: number;
  /** Played before asking again after a wrong key. */
  readonly invalidPrompts?: Prompts;
  /** Played before asking again after silence. */
  readonly timeoutPrompts?: Prompts;
  /** Where to go once the retries are spent. */
  readonly onFailure: string;
}

/** Plays its prompts and collects a number into `variable`. */
export interface CollectNode extends NodeBase {
  readonly type: 'collect';
  readonly prompts: Prompts;
  readonly variable: string;
  readonly minDigits: number;
  readonly maxDigits: number;
  /** Key that ends the entry early; '#' when absent, '' for none. */
  readonly terminator?: string;
  /** Seconds to wait for the first key. */
  readonly timeoutSeconds: number;
  /** Seconds to wait between keys before taking what was keyed. */
  readonly interDigitSeconds: number;
  readonly retries: number;
  /** Expression over `{ value }` the entry must pass, e.g. `len(value) == 11`. */
  readonly validate?: string;
  readonly invalidPrompts?: Prompts;
  readonly timeoutPrompts?: Prompts;
  readonly next: string;
  readonly onFailure: string;
}

export interface SetNode extends NodeBase {
  readonly type: 'set';
  readonly variable: string;
  /** Template. */
  readonly value: string;
  readonly next: string;
}

/** The first branch whose expression (over the variables) holds, else `otherwise`. */
export interface ConditionNode extends NodeBase {
  readonly type: 'condition';
  readonly branches: readonly { readonly when: string; readonly next: string }[];
  readonly otherwise: string;
}

export interface HoursNode extends NodeBase {
  readonly type: 'hours';
  readonly calendarId: string;
  readonly open: string;
  readonly closed: string;
}

/** Asks a connector; its answer's fields become variables `<output>.<field>`. */
export interface LookupNode extends NodeBase {
  readonly type: 'lookup';
  /** 'billing.balance', 'boss.profile' … */
  readonly connector: string;
  /** Field → template. */
  readonly input: Readonly<Record<string, string>>;
  /** Variable prefix for the answer. */
  readonly output: string;
  readonly next: string;
  readonly onError: string;
}

/** Hands the call to the router. The IVR's part ends here unless the caller leaves the queue. */
export interface QueueNode extends NodeBase {
  readonly type: 'queue';
  /** Template; a queue, a workflow, or both. */
  readonly queueId?: string;
  /** Template. */
  readonly workflowId?: string;
  readonly priority?: number;
  /** IVR data for the router task and the agent's screen pop: key → template. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly announcePosition?: boolean;
  /** While waiting, this key leaves the queue to leave a call-back number instead. */
  readonly callbackDigit?: string;
  /** Where the flow resumes when the caller leaves the queue (required with callbackDigit). */
  readonly next?: string;
}

/** Asks the router for a call-back task to the number in `variable`, then plays its prompts. */
export interface CallbackNode extends NodeBase {
  readonly type: 'callback';
  readonly variable: string;
  readonly prompts: Prompts;
  /** Template: the queue (or workflow) of the call-back task. */
  readonly queueId?: string;
  readonly workflowId?: string;
  /** Key → template, as for queue. */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly next: string;
}

export interface TransferNode extends NodeBase {
  readonly type: 'transfer';
  /** Template: the outside number. */
  readonly number: string;
  /** Where to go if the transfer fails; without it a failed transfer ends the call. */
  readonly next?: string;
}

export interface HangupNode extends NodeBase {
  readonly type: 'hangup';
  readonly prompts?: Prompts;
}

export type IvrNode =
  | PlayNode
  | MenuNode
  | CollectNode
  | SetNode
  | ConditionNode
  | HoursNode
  | LookupNode
  | QueueNode
  | CallbackNode
  | TransferNode
  | HangupNode;

export type IvrNodeType = IvrNode['type'];

export interface IvrFlow {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** Increases with every published change; a session keeps the version it started on. */
  readonly version: number;
  /** The language a session starts in (its `language` variable may change it). */
  readonly language: IvrLanguage;
  readonly start: string;
  readonly nodes: Readonly<Record<string, IvrNode>>;
}

/** One thing wrong with a flow document; `path` points into it ('nodes.menu.options.x'). */
export interface FlowProblem {
  readonly path: string;
  readonly message: string;
  /** For expressions and templates: 0-based index of the problem in the string. */
  readonly position?: number;
  /** For graph problems: the nodes concerned. */
  readonly nodes?: readonly string[];
}

/**
 * Checks `doc` and returns it as a frozen IvrFlow, keeping only the known fields. Throws
 * `ivr.invalid_flow` listing every problem found: the message is the first one, the details
 * are `{ path, problems }` (and `position` when the first is in an expression or template).
 *
 * Besides shapes and ranges, it rejects references to unknown nodes, nodes that cannot be
 * reached from `start`, more than 500 nodes, keys other than 0-9 * #, expressions that do not
 * compile, and cycles that never wait for the caller's keys (a loop made only of play, set,
 * condition, hours, lookup … nodes would spin without end). See flow-reader.ts for the limits.
 */
export function validateFlow(doc: unknown): IvrFlow {
  const { flow, problems } = checkFlowDocument(doc);
  const first = problems[0];
  if (first === undefined && flow !== null) return flow;
  const problem = first ?? { path: '', message: 'not a flow' };
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new DomainError('ivr.invalid_flow', `${problem.path}: ${problem.message}${more}`, {
    path: problem.path,
    ...(problem.position !== undefined ? { position: problem.position } : {}),
    problems,
  });
}

/** Like validateFlow, but answers with the problems instead of throwing (for editors). */
export function flowProblems(doc: unknown): readonly FlowProblem[] {
  return checkFlowDocument(doc).problems;
}
