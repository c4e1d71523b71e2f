/**
 * The IVR step function: given a flow, a session and one input from the call, it returns the
 * next session and the actions the voice runner should take. It is pure (time and business
 * hours come in `ctx`) and never throws on what a call can send: an input that does not fit the
 * session's state (keys while queued, a second start, a late lookup result) changes nothing.
 *
 * One step runs through nodes that need no caller input (play, set, condition, hours, callback)
 * until it must wait (menu, collect, lookup) or the IVR's part ends (queue, transfer, hangup).
 * It enters at most {@link maxNodesPerStep} nodes; a flow that would run longer (validation
 * rejects loops without input, so only an unvalidated flow can) ends the call with an `error`
 * action and `hangup`, as do a missing node and a session that belongs to another flow version.
 *
 * Menus and collects:
 * - keys are buffered, so a caller who knows the menus can type ahead ("1" then "2" selects
 *   option 1 and then option 2 of the next menu without listening to its prompts);
 * - a menu takes one key: an unknown key is a wrong answer, silence (timeout) a missed one; each
 *   plays invalidPrompts or timeoutPrompts and asks again, until `retries` extra attempts are
 *   spent and the flow goes to onFailure;
 * - a collect ends at the terminator, at maxDigits keys, or on timeout with at least one key
 *   (a timeout with none is silence); an entry shorter than minDigits or failing `validate`
 *   (an expression over `{ value }`) is a wrong answer.
 */
import { isDomainError } from '../errors.ts';
import {
  compileExpression,
  test,
  type CompiledExpression,
} from '../routing/expression/expression.ts';
import type {
  CallbackNode,
  CollectNode,
  IvrFlow,
  IvrNode,
  MenuNode,
  Prompts,
  QueueNode,
} from './ivr-flow.ts';
import { dtmfKeys } from './ivr-flow.ts';
import type { IvrAction, IvrContext, IvrErrorCode, IvrInput } from './ivr-action.ts';
import { resolvePrompts } from './ivr-prompts.ts';
import {
  assertIvrMove,
  isIvrFinal,
  maxHistory,
  sessionLanguage,
  type IvrSession,
  type IvrState,
} from './ivr-session.ts';
import { expressionContext, isVariableName, withVariable } from './ivr-variables.ts';
import { lookupVariable, renderTemplate } from './template.ts';

export type { IvrAction, IvrContext, IvrInput } from './ivr-action.ts';

export interface StepResult {
  readonly session: IvrSession;
  readonly actions: IvrAction[];
}

/** Most nodes one step enters before it gives up on the call. */
export const maxNodesPerStep = 100;
/** Most keys kept waiting in the type-ahead buffer. */
export const maxBufferedDigits = 64;
/** Most fields of one lookup answer kept as variables. */
export const maxLookupValues = 32;

/** Runs `session` on `input`; see the file comment. */
export function step(
  flow: IvrFlow,
  session: IvrSession,
  input: IvrInput,
  ctx: IvrContext,
): StepResult {
  const run = new Stepper(flow, session, ctx);
  try {
    run.handle(input);
  } catch (e) {
    // A condition or validate expression that does not compile: only in unvalidated flows.
    if (!isDomainError(e) || e.code !== 'routing.invalid_expression') throw e;
    run.fail('bad_expression', e.message);
  }
  return run.result();
}

const compiledByFlow = new WeakMap<IvrFlow, Map<string, CompiledExpression>>();

function compiled(flow: IvrFlow, source: string): CompiledExpression {
  let cache = compiledByFlow.get(flow);
  if (cache === undefined) compiledByFlow.set(flow, (cache = new Map()));
  let e = cache.get(source);
  if (e === undefined) cache.set(source, (e = compileExpression(source)));
  return e;
}

type Draft = { -readonly [K in keyof IvrSession]: IvrSession[K] };

class Stepper {
  private readonly s: Draft;
  private readonly actions: IvrAction[] = [];
  private entered = 0;

  constructor(
    private readonly flow: IvrFlow,
    session: IvrSession,
    private readonly ctx: IvrContext,
  ) {
    this.s = { ...session };
  }

  result(): StepResult {
    return { session: { ...this.s }, actions: this.actions };
  }

  handle(input: IvrInput): void {
    const state = this.s.state;
    switch (input.type) {
      case 'start':
        if (state === 'running' && this.s.history.length === 0 && this.check()) this.run();
        return;
      case 'hangup':
        if (state === 'running' || state === 'waiting_input' || state === 'waiting_lookup')
          this.move(this.s.callbackNumber !== null ? 'callback' : 'hung_up');
        return;
      case 'digits': {
        if (state !== 'waiting_input' && state !== 'waiting_lookup') return;
        const keys = [...String(input.digits)].filter((c) => dtmfKeys.includes(c)).join('');
        if (keys === '') return;
        this.s.digits = (this.s.digits + keys).slice(0, maxBufferedDigits);
        if (state === 'waiting_input') this.onKeys(false);
        return;
      }
      case 'timeout':
        if (state === 'waiting_input') this.onKeys(true);
        else if (state === 'waiting_lookup') this.onLookup(null);
        return;
      case 'lookup_result':
        if (state === 'waiting_lookup') this.onLookup(input.ok ? input.values : null);
        return;
      case 'queue_left': {
        if (state !== 'queued') return;
        const node = this.current();
        if (node === null) return;
        const next = node.type === 'queue' ? node.next : undefined;
        if (next === undefined) this.fail('no_next', `queue node '${this.s.nodeId}' has no next`);
        else this.goOn(next);
        return;
      }
      case 'transfer_failed': {
        if (state !== 'transferred') return;
        const node = this.current();
        if (node === null) return;
        const next = node.type === 'transfer' ? node.next : undefined;
        if (next === undefined)
          this.fail('transfer_failed', `transfer from '${this.s.nodeId}' failed`);
        else this.goOn(next);
        return;
      }
    }
  }

  // ── the run loop ──────────────────────────────────────────────────────────

  /** Enters `s.nodeId` and the nodes after it until one waits or ends the IVR. */
  private run(): void {
    for (;;) {
      if (this.entered >= maxNodesPerStep) {
        this.fail('loop_guard', `more than ${maxNodesPerStep} nodes in one step`);
        return;
      }
      const node = this.current();
      if (node === null) return;
      this.entered++;
      this.s.history = [...this.s.history, this.s.nodeId].slice(-maxHistory);
      this.actions.push({ type: 'visit', nodeId: this.s.nodeId });
      if (!this.enter(node)) return;
    }
  }

  /** Runs one node; true to continue with `s.nodeId` (already moved on). */
  private enter(node: IvrNode): boolean {
    const s = this.s;
    switch (node.type) {
      case 'play':
        this.play(node.prompts, false);
        return this.to(node.next);
      case 'set':
        s.variables = withVariable(s.variables, node.variable, this.render(node.value));
        return this.to(node.next);
      case 'condition': {
        const context = expressionContext(s.variables);
        const branch = node.branches.find((b) => test(compiled(this.flow, b.when), context));
        return this.to(branch?.next ?? node.otherwise);
      }
      case 'hours':
        return this.to(this.ctx.isOpen(node.calendarId, this.ctx.now) ? node.open : node.closed);
      case 'menu':
        this.move('waiting_input');
        if (s.digits !== '') return this.menuKey(node);
        this.askMenu(node, undefined);
        return false;
      case 'collect': {
        this.move('waiting_input');
        const outcome = this.collectKeys(node, false);
        if (outcome !== 'wait') return outcome === 'continue';
        this.askCollect(node, s.digits === '' ? node.prompts : [], s.digits.length);
        return false;
      }
      case 'lookup':
        this.actions.push({
          type: 'lookup',
          connector: node.connector,
          input: this.renderAll(node.input),
        });
        this.move('waiting_lookup');
        return false;
      case 'queue':
        this.queue(node);
        this.move('queued');
        return false;
      case 'callback':
        this.callback(node);
        this.play(node.prompts, false);
        return this.to(node.next);
      case 'transfer':
        this.actions.push({ type: 'transfer', number: this.render(node.number) });
        this.move('transferred');
        return false;
      case 'hangup':
        if (node.prompts !== undefined) this.play(node.prompts, false);
        this.actions.push({ type: 'hangup' });
        this.move(s.callbackNumber !== null ? 'callback' : 'hung_up');
        return false;
    }
  }

  // ── menus and collects ────────────────────────────────────────────────────

  private onKeys(timedOut: boolean): void {
    const node = this.current();
    if (node === null) return;
    let go = false;
    if (node.type === 'menu') go = timedOut ? this.retry(node, 'timeout') : this.menuKey(node);
    else if (node.type === 'collect') go = this.collectKeys(node, timedOut) === 'continue';
    else this.fail('unknown_node', `node '${this.s.nodeId}' does not take keys`);
    if (go) this.run();
  }

  /** Uses the first buffered key; true when the flow moves on. */
  private menuKey(node: MenuNode): boolean {
    const key = this.s.digits.charAt(0);
    this.s.digits = this.s.digits.slice(1);
    const to = lookupVariable(node.options, key);
    if (to !== undefined) return this.leave(to);
    this.s.digits = '';
    return this.retry(node, 'invalid');
  }

  private collectKeys(node: CollectNode, timedOut: boolean): 'wait' | 'continue' | 'asked' {
    const s = this.s;
    const terminator = node.terminator ?? '#';
    const buffer = s.digits;
    const end = terminator === '' ? -1 : buffer.indexOf(terminator);
    let value: string;
    if (end >= 0 && end <= node.maxDigits) {
      value = buffer.slice(0, end);
      s.digits = buffer.slice(end + 1);
    } else if (buffer.length >= node.maxDigits) {
      value = buffer.slice(0, node.maxDigits);
      s.digits = buffer.slice(node.maxDigits);
    } else if (timedOut) {
      if (buffer === '') return this.retry(node, 'timeout') ? 'continue' : 'asked';
      value = buffer;
      s.digits = '';
    } else return 'wait';

    const valid =
      value.length >= node.minDigits &&
      (node.validate === undefined || test(compiled(this.flow, node.validate), { value }));
    if (valid) {
      s.variables = withVariable(s.variables, node.variable, value);
      return this.leave(node.next) ? 'continue' : 'asked';
    }
    s.digits = '';
    return this.retry(node, 'invalid') ? 'continue' : 'asked';
  }

  /** A wrong answer or silence: ask again, or go to onFailure; true when the flow moves on. */
  private retry(node: MenuNode | CollectNode, why: 'invalid' | 'timeout'): boolean {
    this.s.retries++;
    this.s.digits = '';
    if (this.s.retries > node.retries) return this.leave(node.onFailure);
    const before = why === 'invalid' ? node.invalidPrompts : node.timeoutPrompts;
    if (node.type === 'menu') this.askMenu(node, before);
    else this.askCollect(node, [...(before ?? []), ...node.prompts], 0);
    return false;
  }

  private askMenu(node: MenuNode, before: Prompts | undefined): void {
    this.play([...(before ?? []), ...node.prompts], true);
    this.actions.push({
      type: 'collect',
      maxDigits: 1,
      terminator: '',
      timeoutSeconds: node.timeoutSeconds,
      interDigitSeconds: node.timeoutSeconds,
    });
  }

  private askCollect(node: CollectNode, prompts: Prompts, buffered: number): void {
    this.play(prompts, true);
    this.actions.push({
      type: 'collect',
      maxDigits: Math.max(1, node.maxDigits - buffered),
      terminator: node.terminator ?? '#',
      timeoutSeconds: buffered > 0 ? node.interDigitSeconds : node.timeoutSeconds,
      interDigitSeconds: node.interDigitSeconds,
    });
  }

  // ── lookups, queues, call-backs ───────────────────────────────────────────

  private onLookup(values: Readonly<Record<string, string>> | null): void {
    const node = this.current();
    if (node === null) return;
    if (node.type !== 'lookup') {
      this.fail('unknown_node', `node '${this.s.nodeId}' is not a lookup`);
      return;
    }
    if (values === null) {
      this.goOn(node.onError);
      return;
    }
    let kept = 0;
    for (const [k, v] of Object.entries(values)) {
      const name = `${node.output}.${k}`;
      if (kept >= maxLookupValues) break;
      if (!isVariableName(name)) continue;
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
      this.s.variables = withVariable(this.s.variables, name, String(v));
      kept++;
    }
    this.goOn(node.next);
  }

  private queue(node: QueueNode): void {
    this.actions.push({
      type: 'queue',
      queueId: this.optional(node.queueId),
      workflowId: this.optional(node.workflowId),
      priority: node.priority ?? null,
      attributes: this.attributes(node.attributes),
      announcePosition: node.announcePosition ?? false,
      callbackDigit: node.callbackDigit ?? null,
    });
  }

  /**
   * Asks for a call-back to the number in the node's variable, or to the caller when that is
   * empty; with no number at all there is nothing to ask for, and the flow just goes on.
   */
  private callback(node: CallbackNode): void {
    const vars = this.s.variables;
    const number = lookupVariable(vars, node.variable) || (lookupVariable(vars, 'caller') ?? '');
    if (number === '') return;
    this.s.callbackNumber = number;
    this.actions.push({
      type: 'callback',
      number,
      queueId: this.optional(node.queueId),
      workflowId: this.optional(node.workflowId),
      attributes: this.attributes(node.attributes ?? {}),
    });
  }

  /** The node's attributes rendered, plus every variable as `ivr.<name>`. */
  private attributes(own: Readonly<Record<string, string>>): Record<string, string> {
    const out = this.renderAll(own);
    for (const [k, v] of Object.entries(this.s.variables)) out[`ivr.${k}`] = v;
    return out;
  }

  // ── helpers ───────────────────────────────────────────────────────────────

  /** The node the session is at, or null after failing the call when there is none. */
  private current(): IvrNode | null {
    if (this.s.flowId !== this.flow.id || this.s.version !== this.flow.version) {
      this.fail(
        'flow_mismatch',
        `the session runs ${this.s.flowId} v${this.s.version}, not ${this.flow.id} v${this.flow.version}`,
      );
      return null;
    }
    const node = lookupVariable(this.flow.nodes, this.s.nodeId);
    if (node === undefined) {
      this.fail('unknown_node', `node '${this.s.nodeId}' does not exist`);
      return null;
    }
    return node;
  }

  /** Whether the session fits the flow (fails the call when it does not). */
  private check(): boolean {
    return this.current() !== null;
  }

  /** From a waiting or handed-over state: continue the flow at `nodeId`. */
  private goOn(nodeId: string): void {
    this.leave(nodeId);
    this.run();
  }

  /** Moves on to `nodeId` from the current node (back to running); always true. */
  private leave(nodeId: string): true {
    if (this.s.state !== 'running') this.move('running');
    return this.to(nodeId);
  }

  private to(nodeId: string): true {
    this.s.nodeId = nodeId;
    this.s.retries = 0;
    return true;
  }

  private move(to: IvrState): void {
    assertIvrMove(this.s.state, to);
    this.s.state = to;
  }

  /** Ends the call: an error action, then hangup; the session is failed. */
  fail(code: IvrErrorCode, message: string): void {
    if (isIvrFinal(this.s.state)) return;
    if (this.s.state !== 'running') this.move('running');
    this.actions.push({ type: 'error', code, message }, { type: 'hangup' });
    this.move('failed');
  }

  private play(prompts: Prompts, bargeIn: boolean): void {
    const files = resolvePrompts(prompts, sessionLanguage(this.s, this.flow), this.s.variables);
    if (files.length > 0) this.actions.push({ type: 'play', prompts: files, bargeIn });
  }

  private render(template: string): string {
    return renderTemplate(template, this.s.variables);
  }

  private renderAll(templates: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(templates)) out[k] = this.render(v);
    return out;
  }

  private optional(template: string | undefined): string | null {
    if (template === undefined) return null;
    const v = this.render(template);
    return v === '' ? null : v;
  }
}
