/**
 * Reads an IVR flow document (see ivr-flow.ts) from untrusted JSON: checks every field's shape
 * and range, rejects unknown properties (a misspelt optional field would otherwise be ignored),
 * then checks the graph (references, reachability, loops without input). It collects every
 * problem rather than stopping at the first, so an editor can show them all.
 */
import { validateExpression } from '../routing/expression/expression.ts';
import { maxPriority, minPriority } from '../routing/task.ts';
import { edgesOf, inputlessCycles, unreachableNodes } from './flow-graph.ts';
import type {
  CallbackNode,
  CollectNode,
  ConditionNode,
  FlowProblem,
  IvrFlow,
  IvrNode,
  IvrNodeType,
  MenuNode,
  NodeBase,
  PromptRef,
  Prompts,
  QueueNode,
} from './ivr-flow.ts';
import { isIvrLanguage, type IvrLanguage } from './ivr-language.ts';
import { isVariableName } from './ivr-variables.ts';
import { isSayKind } from './say.ts';
import { parseTemplate } from './template.ts';

export const ivrNodeTypes = [
  'play',
  'menu',
  'collect',
  'set',
  'condition',
  'hours',
  'lookup',
  'queue',
  'callback',
  'transfer',
  'hangup',
] as const satisfies readonly IvrNodeType[];

export const maxFlowNodes = 500;
export const maxPromptsPerList = 32;
export const maxMenuTimeoutSeconds = 300;
export const maxInterDigitSeconds = 60;
export const maxRetries = 10;
export const maxCollectDigits = 32;

/** The keys of a telephone keypad. */
export const dtmfKeys = '0123456789*#';

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const promptNamePattern = /^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64})?$/;
const connectorPattern = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*){0,3}$/;
const attributeKeyPattern = /^[A-Za-z0-9_.-]{1,64}$/;
const maxTextLength = 1024;

/** The flow in `doc` (frozen) and its problems; the flow is null when it could not be read. */
export function checkFlowDocument(doc: unknown): {
  flow: IvrFlow | null;
  problems: FlowProblem[];
} {
  const c = new Checker();
  const flow = readFlow(c, doc);
  if (flow !== null && c.problems.length === 0) checkGraph(c, flow);
  return {
    flow: c.problems.length === 0 && flow !== null ? deepFreeze(flow) : null,
    problems: c.problems,
  };
}

// ── reading ─────────────────────────────────────────────────────────────────

type Obj = Readonly<Record<string, unknown>>;

class Checker {
  readonly problems: FlowProblem[] = [];

  add(path: string, message: string, extra: Partial<FlowProblem> = {}): null {
    this.problems.push({ path, message, ...extra });
    return null;
  }

  object(v: unknown, path: string): Obj | null {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return this.add(path, 'must be an object');
    return v as Obj;
  }

  /** Rejects properties not in `known` (a misspelt optional field would be silently ignored). */
  only(o: Obj, known: readonly string[], path: string): void {
    for (const k of Object.keys(o))
      if (!known.includes(k)) this.add(join(path, k), `unknown property '${k}'`);
  }

  string(o: Obj, key: string, path: string, pattern?: RegExp, what?: string): string | null {
    const v = o[key];
    const p = join(path, key);
    if (typeof v !== 'string' || v.trim() === '') return this.add(p, 'must be a non-empty string');
    if (v.length > maxTextLength) return this.add(p, `is longer than ${maxTextLength} characters`);
    if (pattern && !pattern.test(v)) return this.add(p, `'${v}' is not ${what ?? 'valid'}`);
    return v;
  }

  optionalString(o: Obj, key: string, path: string): string | undefined | null {
    if (o[key] === undefined) return undefined;
    return this.string(o, key, path);
  }

  number(
    o: Obj,
    key: string,
    path: string,
    min: number,
    max: number,
    integer: boolean,
  ): number | null {
    const v = o[key];
    const p = join(path, key);
    const kind = integer ? 'a whole number' : 'a number';
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)))
      return this.add(p, `must be ${kind}`);
    if (v < min) return this.add(p, v < 0 ? `must not be negative` : `must be at least ${min}`);
    if (v > max) return this.add(p, `must be at most ${max}`);
    return v;
  }

  nodeRef(o: Obj, key: string, path: string): string | null {
    return this.string(o, key, path, idPattern, 'a node id');
  }

  variable(o: Obj, key: string, path: string): string | null {
    const v = this.string(o, key, path);
    if (v === null) return null;
    if (!isVariableName(v))
      return this.add(
        join(path, key),
        `'${v}' is not a variable name (dotted identifiers; not 'num' or a keyword)`,
      );
    return v;
  }

  template(o: Obj, key: string, path: string, allowEmpty = false): string | null {
    const v = o[key];
    const p = join(path, key);
    if (typeof v !== 'string' || (!allowEmpty && v.trim() === ''))
      return this.add(p, allowEmpty ? 'must be a string' : 'must be a non-empty string');
    if (v.length > maxTextLength) return this.add(p, `is longer than ${maxTextLength} characters`);
    const parsed = parseTemplate(v);
    if (!parsed.ok) return this.add(p, parsed.message, { position: parsed.position });
    return v;
  }

  optionalTemplate(o: Obj, key: string, path: string): string | undefined | null {
    return o[key] === undefined ? undefined : this.template(o, key, path);
  }

  templates(o: Obj, key: string, path: string, keyPattern: RegExp): Record<string, string> | null {
    const p = join(path, key);
    const m = this.object(o[key], p);
    if (m === null) return null;
    const out: Record<string, string> = {};
    let ok = true;
    for (const k of Object.keys(m)) {
      if (!keyPattern.test(k)) {
        ok = false;
        this.add(join(p, k), `'${k}' is not a valid key`);
        continue;
      }
      const v = this.template(m, k, p, true);
      if (v === null) ok = false;
      else out[k] = v;
    }
    return ok ? out : null;
  }

  expression(o: Obj, key: string, path: string): string | null {
    const v = this.string(o, key, path);
    if (v === null) return null;
    const check = validateExpression(v);
    if (!check.ok) {
      const at = / at \d+$/.test(check.message) ? '' : ` at ${check.position}`;
      return this.add(join(path, key), `${check.message}${at}`, { position: check.position });
    }
    return v;
  }

  key(o: Obj, key: string, path: string, allowNone = false): string | null {
    const v = o[key];
    if (allowNone && v === '') return '';
    if (typeof v !== 'string' || v.length !== 1 || !dtmfKeys.includes(v))
      return this.add(join(path, key), `${JSON.stringify(v)} is not a key (0-9, *, #)`);
    return v;
  }

  prompts(o: Obj, key: string, path: string, optional: boolean): Prompts | undefined | null {
    const v = o[key];
    const p = join(path, key);
    if (v === undefined && optional) return undefined;
    if (!Array.isArray(v)) return this.add(p, 'must be a list of prompts');
    if (v.length > maxPromptsPerList) return this.add(p, `has more than ${maxPromptsPerList}`);
    const out: PromptRef[] = [];
    let ok = true;
    v.forEach((item: unknown, i) => {
      const ref = this.prompt(item, `${p}[${i}]`);
      if (ref === null) ok = false;
      else out.push(ref);
    });
    return ok ? out : null;
  }

  private prompt(item: unknown, path: string): PromptRef | null {
    const o = this.object(item, path);
    if (o === null) return null;
    let language: IvrLanguage | undefined;
    if (o['language'] !== undefined) {
      if (!isIvrLanguage(o['language']))
        return this.add(join(path, 'language'), "must be 'zh' or 'en'");
      language = o['language'];
    }
    const lang = language !== undefined ? { language } : {};
    if (o['prompt'] !== undefined) {
      this.only(o, ['prompt', 'language'], path);
      const name = this.string(o, 'prompt', path, promptNamePattern, 'a prompt name');
      return name === null ? null : { prompt: name, ...lang };
    }
    if (o['say'] !== undefined) {
      this.only(o, ['say', 'value', 'language'], path);
      const kind = o['say'];
      if (!isSayKind(kind))
        return this.add(join(path, 'say'), "must be 'number', 'amount', 'date' or 'digits'");
      const value = this.template(o, 'value', path);
      return value === null ? null : { say: kind, value, ...lang };
    }
    return this.add(path, 'must be { prompt } or { say, value }');
  }
}

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

const commonKeys = ['type', 'label'] as const;

function readFlow(c: Checker, doc: unknown): IvrFlow | null {
  const o = c.object(doc, '');
  if (o === null) return null;
  c.only(o, ['id', 'name', 'description', 'version', 'language', 'start', 'nodes'], '');
  const id = c.string(o, 'id', '', idPattern, 'an id (letters, digits, _ and -)');
  const name = c.string(o, 'name', '');
  const description = c.optionalString(o, 'description', '');
  const version = c.number(o, 'version', '', 1, Number.MAX_SAFE_INTEGER, true);
  const language = isIvrLanguage(o['language'])
    ? o['language']
    : c.add('language', "must be 'zh' or 'en'");
  const start = c.nodeRef(o, 'start', '');
  const rawNodes = c.object(o['nodes'], 'nodes');
  const nodes: Record<string, IvrNode> = {};
  if (rawNodes !== null) {
    const ids = Object.keys(rawNodes);
    if (ids.length === 0) c.add('nodes', 'a flow needs at least one node');
    if (ids.length > maxFlowNodes)
      c.add('nodes', `a flow has at most ${maxFlowNodes} nodes, this one has ${ids.length}`);
    else
      for (const nodeId of ids) {
        const path = `nodes.${nodeId}`;
        if (!idPattern.test(nodeId)) {
          c.add(path, `'${nodeId}' is not a node id (letters, digits, _ and -, ≤ 64)`);
          continue;
        }
        const node = readNode(c, rawNodes[nodeId], path);
        if (node !== null) nodes[nodeId] = node;
      }
    if (start !== null && !Object.prototype.hasOwnProperty.call(rawNodes, start))
      c.add('start', `start node '${start}' does not exist`);
  }
  if (id === null || name === null || version === null || language === null || start === null)
    return null;
  if (description === null || rawNodes === null) return null;
  return {
    id,
    name,
    ...(description !== undefined ? { description } : {}),
    version,
    language,
    start,
    nodes,
  };
}

/** Drops undefined optional fields so the frozen copy is clean JSON. */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function readNode(c: Checker, raw: unknown, path: string): IvrNode | null {
  const o = c.object(raw, path);
  if (o === null) return null;
  const type = o['type'];
  const before = c.problems.length;
  const label = o['label'] === undefined ? undefined : c.string(o, 'label', path);
  const base = label ? { label } : {};
  const node = ((): IvrNode | null => {
    switch (type) {
      case 'play': {
        c.only(o, [...commonKeys, 'prompts', 'next'], path);
        const prompts = c.prompts(o, 'prompts', path, false);
        const next = c.nodeRef(o, 'next', path);
        if (!prompts || !next) return null;
        return { type, ...base, prompts, next };
      }
      case 'menu': {
        c.only(o, [...commonKeys, ...menuKeys], path);
        return readMenu(c, o, path, base);
      }
      case 'collect': {
        c.only(o, [...commonKeys, ...collectKeys], path);
        return readCollect(c, o, path, base);
      }
      case 'set': {
        c.only(o, [...commonKeys, 'variable', 'value', 'next'], path);
        const variable = c.variable(o, 'variable', path);
        const value = c.template(o, 'value', path, true);
        const next = c.nodeRef(o, 'next', path);
        if (variable === null || value === null || next === null) return null;
        return { type, ...base, variable, value, next };
      }
      case 'condition': {
        c.only(o, [...commonKeys, 'branches', 'otherwise'], path);
        return readCondition(c, o, path, base);
      }
      case 'hours': {
        c.only(o, [...commonKeys, 'calendarId', 'open', 'closed'], path);
        const calendarId = c.string(o, 'calendarId', path);
        const open = c.nodeRef(o, 'open', path);
        const closed = c.nodeRef(o, 'closed', path);
        if (!calendarId || !open || !closed) return null;
        return { type, ...base, calendarId, open, closed };
      }
      case 'lookup': {
        c.only(o, [...commonKeys, 'connector', 'input', 'output', 'next', 'onError'], path);
        const connector = c.string(o, 'connector', path, connectorPattern, 'a connector name');
        const input = c.templates(o, 'input', path, attributeKeyPattern);
        const output = c.variable(o, 'output', path);
        const next = c.nodeRef(o, 'next', path);
        const onError = c.nodeRef(o, 'onError', path);
        if (!connector || !input || !output || !next || !onError) return null;
        return { type, ...base, connector, input, output, next, onError };
      }
      case 'queue': {
        c.only(o, [...commonKeys, ...queueKeys], path);
        return readQueue(c, o, path, base);
      }
      case 'callback': {
        c.only(o, [...commonKeys, ...callbackKeys], path);
        return readCallback(c, o, path, base);
      }
      case 'transfer': {
        c.only(o, [...commonKeys, 'number', 'next'], path);
        const number = c.template(o, 'number', path);
        const next = o['next'] === undefined ? undefined : c.nodeRef(o, 'next', path);
        if (number === null || next === null) return null;
        return compact({ type, ...base, number, next });
      }
      case 'hangup': {
        c.only(o, [...commonKeys, 'prompts'], path);
        const prompts = c.prompts(o, 'prompts', path, true);
        if (prompts === null) return null;
        return compact({ type, ...base, prompts });
      }
      default:
        return c.add(
          join(path, 'type'),
          `unknown node type ${JSON.stringify(type)} (one of ${ivrNodeTypes.join(', ')})`,
        );
    }
  })();
  return c.problems.length > before ? null : node;
}

const menuKeys = [
  'prompts',
  'options',
  'timeoutSeconds',
  'retries',
  'invalidPrompts',
  'timeoutPrompts',
  'onFailure',
] as const;

function readMenu(c: Checker, o: Obj, path: string, base: NodeBase): MenuNode | null {
  const prompts = c.prompts(o, 'prompts', path, false);
  const timeoutSeconds = c.number(o, 'timeoutSeconds', path, 1, maxMenuTimeoutSeconds, false);
  const retries = c.number(o, 'retries', path, 0, maxRetries, true);
  const invalidPrompts = c.prompts(o, 'invalidPrompts', path, true);
  const timeoutPrompts = c.prompts(o, 'timeoutPrompts', path, true);
  const onFailure = c.nodeRef(o, 'onFailure', path);
  const p = join(path, 'options');
  const raw = c.object(o['options'], p);
  const options: Record<string, string> = {};
  if (raw !== null) {
    const keys = Object.keys(raw);
    if (keys.length === 0) c.add(p, 'a menu needs at least one option');
    for (const k of keys) {
      if (k.length !== 1 || !dtmfKeys.includes(k)) {
        c.add(join(p, k), `'${k}' is not a key (0-9, *, #)`);
        continue;
      }
      const to = c.nodeRef(raw, k, p);
      if (to !== null) options[k] = to;
    }
  }
  if (!prompts || timeoutSeconds === null || retries === null || !onFailure || raw === null)
    return null;
  if (invalidPrompts === null || timeoutPrompts === null) return null;
  return compact({
    type: 'menu' as const,
    ...base,
    prompts,
    options,
    timeoutSeconds,
    retries,
    invalidPrompts,
    timeoutPrompts,
    onFailure,
  });
}

const collectKeys = [
  'prompts',
  'variable',
  'minDigits',
  'maxDigits',
  'terminator',
  'timeoutSeconds',
  'interDigitSeconds',
  'retries',
  'validate',
  'invalidPrompts',
  'timeoutPrompts',
  'next',
  'onFailure',
] as const;

function readCollect(c: Checker, o: Obj, path: string, base: NodeBase): CollectNode | null {
  const prompts = c.prompts(o, 'prompts', path, false);
  const variable = c.variable(o, 'variable', path);
  const maxDigits = c.number(o, 'maxDigits', path, 1, maxCollectDigits, true);
  const minDigits = c.number(o, 'minDigits', path, 0, maxCollectDigits, true);
  if (minDigits !== null && maxDigits !== null && minDigits > maxDigits)
    c.add(join(path, 'minDigits'), `minDigits ${minDigits} is more than maxDigits ${maxDigits}`);
  const terminator = o['terminator'] === undefined ? undefined : c.key(o, 'terminator', path, true);
  const timeoutSeconds = c.number(o, 'timeoutSeconds', path, 1, maxMenuTimeoutSeconds, false);
  const interDigitSeconds = c.number(o, 'interDigitSeconds', path, 1, maxInterDigitSeconds, false);
  const retries = c.number(o, 'retries', path, 0, maxRetries, true);
  const validate = o['validate'] === undefined ? undefined : c.expression(o, 'validate', path);
  const invalidPrompts = c.prompts(o, 'invalidPrompts', path, true);
  const timeoutPrompts = c.prompts(o, 'timeoutPrompts', path, true);
  const next = c.nodeRef(o, 'next', path);
  const onFailure = c.nodeRef(o, 'onFailure', path);
  if (!prompts || !variable || maxDigits === null || minDigits === null) return null;
  if (terminator === null || timeoutSeconds === null || interDigitSeconds === null) return null;
  if (retries === null || validate === null || invalidPrompts === null) return null;
  if (timeoutPrompts === null || !next || !onFailure) return null;
  return compact({
    type: 'collect' as const,
    ...base,
    prompts,
    variable,
    minDigits,
    maxDigits,
    terminator,
    timeoutSeconds,
    interDigitSeconds,
    retries,
    validate,
    invalidPrompts,
    timeoutPrompts,
    next,
    onFailure,
  });
}

export const maxBranches = 32;

function readCondition(c: Checker, o: Obj, path: string, base: NodeBase): ConditionNode | null {
  const otherwise = c.nodeRef(o, 'otherwise', path);
  const p = join(path, 'branches');
  const raw = o['branches'];
  if (!Array.isArray(raw)) return c.add(p, 'must be a list of { when, next }');
  if (raw.length > maxBranches) return c.add(p, `has more than ${maxBranches} branches`);
  const branches: { when: string; next: string }[] = [];
  raw.forEach((item: unknown, i) => {
    const bp = `${p}[${i}]`;
    const b = c.object(item, bp);
    if (b === null) return;
    c.only(b, ['when', 'next'], bp);
    const when = c.expression(b, 'when', bp);
    const next = c.nodeRef(b, 'next', bp);
    if (when !== null && next !== null) branches.push({ when, next });
  });
  if (!otherwise || branches.length !== raw.length) return null;
  return { type: 'condition', ...base, branches, otherwise };
}

const queueKeys = [
  'queueId',
  'workflowId',
  'priority',
  'attributes',
  'announcePosition',
  'callbackDigit',
  'next',
] as const;

function readQueue(c: Checker, o: Obj, path: string, base: NodeBase): QueueNode | null {
  const queueId = c.optionalTemplate(o, 'queueId', path);
  const workflowId = c.optionalTemplate(o, 'workflowId', path);
  if (o['queueId'] === undefined && o['workflowId'] === undefined)
    c.add(path, 'a queue node needs a queueId or a workflowId');
  const priority =
    o['priority'] === undefined
      ? undefined
      : c.number(o, 'priority', path, minPriority, maxPriority, true);
  const attributes =
    o['attributes'] === undefined ? {} : c.templates(o, 'attributes', path, attributeKeyPattern);
  checkReservedAttributes(c, o['attributes'], join(path, 'attributes'));
  const announce = o['announcePosition'];
  if (announce !== undefined && typeof announce !== 'boolean')
    c.add(join(path, 'announcePosition'), 'must be true or false');
  const callbackDigit =
    o['callbackDigit'] === undefined ? undefined : c.key(o, 'callbackDigit', path);
  const next = o['next'] === undefined ? undefined : c.nodeRef(o, 'next', path);
  if (callbackDigit && next === undefined)
    c.add(join(path, 'next'), 'a queue with a callbackDigit needs a next node');
  if (queueId === null || workflowId === null || priority === null || !attributes) return null;
  if (callbackDigit === null || next === null) return null;
  return compact({
    type: 'queue' as const,
    ...base,
    queueId,
    workflowId,
    priority,
    attributes,
    announcePosition: announce as boolean | undefined,
    callbackDigit,
    next,
  });
}

function checkReservedAttributes(c: Checker, attributes: unknown, path: string): void {
  if (typeof attributes !== 'object' || attributes === null) return;
  for (const k of Object.keys(attributes))
    if (k === 'ivr' || k.startsWith('ivr.'))
      c.add(join(path, k), "keys under 'ivr.' are reserved for the IVR variables");
}

const callbackKeys = [
  'variable',
  'prompts',
  'queueId',
  'workflowId',
  'attributes',
  'next',
] as const;

function readCallback(c: Checker, o: Obj, path: string, base: NodeBase): CallbackNode | null {
  const variable = c.variable(o, 'variable', path);
  const prompts = c.prompts(o, 'prompts', path, false);
  const queueId = c.optionalTemplate(o, 'queueId', path);
  const workflowId = c.optionalTemplate(o, 'workflowId', path);
  const attributes =
    o['attributes'] === undefined
      ? undefined
      : c.templates(o, 'attributes', path, attributeKeyPattern);
  checkReservedAttributes(c, o['attributes'], join(path, 'attributes'));
  const next = c.nodeRef(o, 'next', path);
  if (!variable || !prompts || queueId === null || workflowId === null) return null;
  if (attributes === null || !next) return null;
  return compact({
    type: 'callback' as const,
    ...base,
    variable,
    prompts,
    queueId,
    workflowId,
    attributes,
    next,
  });
}

// ── graph ───────────────────────────────────────────────────────────────────

function checkGraph(c: Checker, flow: IvrFlow): void {
  for (const [id, node] of Object.entries(flow.nodes))
    for (const edge of edgesOf(id, node))
      if (!Object.prototype.hasOwnProperty.call(flow.nodes, edge.to))
        c.add(edge.path, `node '${edge.to}' does not exist`);
  if (c.problems.length > 0) return;
  for (const id of unreachableNodes(flow))
    c.add(`nodes.${id}`, `node '${id}' cannot be reached from '${flow.start}'`, { nodes: [id] });
  for (const cycle of inputlessCycles(flow))
    c.add(
      `nodes.${cycle[0] ?? ''}`,
      `the nodes ${cycle.join(' → ')} form a loop that never waits for the caller (add a menu or collect)`,
      { nodes: cycle },
    );
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
