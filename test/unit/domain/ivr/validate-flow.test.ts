import { describe, it, expect } from 'vitest';
import {
  flowProblems,
  maxFlowNodes,
  validateFlow,
  type FlowProblem,
} from '../../../../src/domain/ivr/ivr-flow.ts';
import { domainError, expectDomainError } from '../expect-domain-error.ts';
import { demo, smallFlow } from './fixtures.ts';

/** The problems validateFlow reports for `doc` (it must throw ivr.invalid_flow). */
function problems(doc: unknown): FlowProblem[] {
  const e = expectDomainError(() => validateFlow(doc), 'ivr.invalid_flow');
  const list = e.details?.['problems'] as FlowProblem[];
  expect(e.details?.['path']).toBe(list[0]?.path);
  expect(e.message.startsWith(`${list[0]?.path}: `)).toBe(true);
  return list;
}

const paths = (doc: unknown) => problems(doc).map((p) => p.path);

describe('validateFlow accepts', () => {
  it('the small flow, as a frozen copy without unknown fields', () => {
    const doc = smallFlow();
    const flow = validateFlow(doc);
    expect(flow).toEqual(doc);
    expect(flow).not.toBe(doc);
    expect(Object.isFrozen(flow.nodes['menu'])).toBe(true);
    expect(flowProblems(doc)).toEqual([]);
  });

  it('the demo flow, which round-trips through JSON', () => {
    expect(validateFlow(JSON.parse(JSON.stringify(demo)))).toEqual(demo);
  });

  it('a loop that passes through a menu', () => {
    const doc = smallFlow();
    doc.nodes['bye'] = { type: 'play', prompts: [], next: 'menu' };
    expect(() => validateFlow(doc)).not.toThrow();
  });
});

describe('validateFlow rejects', () => {
  it('what is not a flow at all', () => {
    expect(paths(null)).toEqual(['']);
    expect(paths([])).toEqual(['']);
    expect(paths('flow')).toEqual(['']);
  });

  it('missing or malformed top-level fields', () => {
    const doc = smallFlow();
    delete doc['start'];
    doc['version'] = 0;
    doc['language'] = 'fr';
    doc['extra'] = true;
    expect(paths(doc).sort()).toEqual(['extra', 'language', 'start', 'version']);
  });

  it('a start node that does not exist', () => {
    const doc = { ...smallFlow(), start: 'nowhere' };
    const [p] = problems(doc);
    expect(p).toMatchObject({ path: 'start', message: "start node 'nowhere' does not exist" });
  });

  it('an unknown node type', () => {
    const doc = smallFlow();
    doc.nodes['bye'] = { type: 'goto', next: 'menu' };
    const [p] = problems(doc);
    expect(p?.path).toBe('nodes.bye.type');
    expect(p?.message).toMatch(/unknown node type "goto"/);
  });

  it('a node that is not an object, and a bad node id', () => {
    const doc = smallFlow();
    doc.nodes['bye'] = 'hangup' as unknown as Record<string, unknown>;
    doc.nodes['bad id'] = { type: 'hangup' };
    expect(paths(doc)).toEqual(['nodes.bye', 'nodes.bad id']);
  });

  it('unknown properties (a misspelt optional field)', () => {
    const doc = smallFlow();
    doc.nodes['menu'] = { ...doc.nodes['menu'], invalidPrompt: [] };
    expect(paths(doc)).toEqual(['nodes.menu.invalidPrompt']);
  });

  it('references to nodes that do not exist, each with its path', () => {
    const doc = smallFlow();
    (doc.nodes['menu'] as { options: Record<string, string> }).options['3'] = 'ghost';
    doc.nodes['cond'] = {
      type: 'condition',
      branches: [{ when: 'true', next: 'phantom' }],
      otherwise: 'bye',
    };
    const list = problems(doc);
    expect(list.map((p) => p.path)).toEqual([
      'nodes.menu.options.3',
      'nodes.cond.branches[0].next',
    ]);
    expect(list[0]?.message).toBe("node 'ghost' does not exist");
  });

  it('nodes that start cannot reach, listing all of them', () => {
    const doc = smallFlow();
    doc.nodes['orphan'] = { type: 'hangup' };
    doc.nodes['orphan2'] = { type: 'play', prompts: [], next: 'orphan' };
    const list = problems(doc);
    expect(list.map((p) => [p.path, p.nodes])).toEqual([
      ['nodes.orphan', ['orphan']],
      ['nodes.orphan2', ['orphan2']],
    ]);
    expect(domainError(() => validateFlow(doc)).message).toMatch(
      /^nodes\.orphan: node 'orphan' cannot be reached from 'menu' \(and 1 more\)$/,
    );
  });

  it('expressions that do not compile, with the position', () => {
    const doc = smallFlow();
    doc.nodes['cond'] = {
      type: 'condition',
      branches: [
        { when: 'account == "1234"', next: 'queue' },
        { when: 'len(account) > (3', next: 'queue' },
      ],
      otherwise: 'bye',
    };
    (doc.nodes['number'] as Record<string, unknown>)['validate'] = 'foo(value)';
    const list = problems(doc);
    expect(list.map((p) => p.path)).toEqual([
      'nodes.number.validate',
      'nodes.cond.branches[1].when',
    ]);
    expect(list[0]?.position).toBe(0);
    expect(list[1]?.position).toBe(17);
    expect(list[1]?.message).toBe("unexpected end of expression: expected ')' at 17");
    expect(list[0]?.message).toBe("unknown function 'foo' at 0");
    expect(domainError(() => validateFlow(doc)).details?.['position']).toBe(0);
  });

  it('keys other than 0-9 * #', () => {
    const doc = smallFlow();
    (doc.nodes['menu'] as { options: Record<string, string> }).options['A'] = 'bye';
    (doc.nodes['menu'] as { options: Record<string, string> }).options['12'] = 'bye';
    (doc.nodes['number'] as Record<string, unknown>)['terminator'] = '##';
    doc.nodes['queue'] = { ...doc.nodes['queue'], callbackDigit: 'x', next: 'bye' };
    expect(paths(doc)).toEqual([
      'nodes.menu.options.12',
      'nodes.menu.options.A',
      'nodes.number.terminator',
      'nodes.queue.callbackDigit',
    ]);
  });

  it('negative (or zero) timeouts and retries', () => {
    const doc = smallFlow();
    (doc.nodes['menu'] as Record<string, unknown>)['timeoutSeconds'] = -5;
    (doc.nodes['number'] as Record<string, unknown>)['interDigitSeconds'] = -1;
    (doc.nodes['number'] as Record<string, unknown>)['timeoutSeconds'] = 0;
    (doc.nodes['number'] as Record<string, unknown>)['retries'] = -1;
    const list = problems(doc);
    expect(list.map((p) => [p.path, p.message])).toEqual([
      ['nodes.menu.timeoutSeconds', 'must not be negative'],
      ['nodes.number.timeoutSeconds', 'must be at least 1'],
      ['nodes.number.interDigitSeconds', 'must not be negative'],
      ['nodes.number.retries', 'must not be negative'],
    ]);
  });

  it('minDigits above maxDigits', () => {
    const doc = smallFlow();
    (doc.nodes['number'] as Record<string, unknown>)['minDigits'] = 9;
    expect(paths(doc)).toEqual(['nodes.number.minDigits']);
  });

  it('a loop that never waits for the caller', () => {
    const doc = smallFlow();
    doc.nodes['cond'] = {
      type: 'condition',
      branches: [{ when: 'account == "1234"', next: 'queue' }],
      otherwise: 'again',
    };
    doc.nodes['again'] = { type: 'set', variable: 'tries', value: 'x', next: 'announce' };
    doc.nodes['announce'] = { type: 'play', prompts: [{ prompt: 'wait' }], next: 'cond' };
    const [p] = problems(doc);
    expect(p?.path).toBe('nodes.cond');
    expect(p?.nodes).toEqual(['cond', 'again', 'announce']);
    expect(p?.message).toMatch(/never waits for the caller/);
  });

  it('a node that leads to itself without waiting', () => {
    const doc = smallFlow();
    doc.nodes['queue'] = { type: 'play', prompts: [], next: 'queue' };
    expect(problems(doc).map((p) => p.nodes)).toEqual([['queue']]);
  });

  it('a loop through a lookup (no caller input in it)', () => {
    const doc = smallFlow();
    doc.nodes['cond'] = {
      type: 'lookup',
      connector: 'billing.balance',
      input: {},
      output: 'b',
      next: 'queue',
      onError: 'retry',
    };
    doc.nodes['retry'] = { type: 'play', prompts: [{ prompt: 'busy' }], next: 'cond' };
    expect(problems(doc).map((p) => p.nodes)).toEqual([['cond', 'retry']]);
  });

  it(`more than ${maxFlowNodes} nodes`, () => {
    const doc = smallFlow();
    for (let i = 0; i < maxFlowNodes; i++) doc.nodes[`n${i}`] = { type: 'hangup' };
    const [p] = problems(doc);
    expect(p).toMatchObject({ path: 'nodes' });
    expect(p?.message).toMatch(/at most 500 nodes, this one has 505/);
  });

  it('bad variable names and templates', () => {
    const doc = smallFlow();
    (doc.nodes['number'] as Record<string, unknown>)['variable'] = 'num';
    doc.nodes['queue'] = {
      type: 'queue',
      queueId: '${queue',
      attributes: { account: '${1x}', 'ivr.account': 'x' },
    };
    const list = problems(doc);
    expect(list.map((p) => [p.path, p.position])).toEqual([
      ['nodes.number.variable', undefined],
      ['nodes.queue.queueId', 0],
      ['nodes.queue.attributes.account', 2],
      ['nodes.queue.attributes.ivr.account', undefined],
    ]);
  });

  it('queues without a target, a priority out of range, a callback digit without next', () => {
    const doc = smallFlow();
    doc.nodes['queue'] = { type: 'queue', attributes: {}, priority: 5000, callbackDigit: '1' };
    expect(paths(doc)).toEqual(['nodes.queue', 'nodes.queue.priority', 'nodes.queue.next']);
  });

  it('prompts that are neither a prompt nor a say', () => {
    const doc = smallFlow();
    (doc.nodes['menu'] as Record<string, unknown>)['prompts'] = [
      { prompt: '../etc/passwd' },
      { say: 'time', value: '1' },
      { text: 'hello' },
      { prompt: 'ok', language: 'fr' },
    ];
    expect(paths(doc)).toEqual([
      'nodes.menu.prompts[0].prompt',
      'nodes.menu.prompts[1].say',
      'nodes.menu.prompts[2]',
      'nodes.menu.prompts[3].language',
    ]);
  });

  it('reports every problem at once and flowProblems lists them without throwing', () => {
    const doc = smallFlow();
    (doc.nodes['menu'] as Record<string, unknown>)['timeoutSeconds'] = -1;
    doc.nodes['bye'] = { type: 'nope' };
    expect(flowProblems(doc).map((p) => p.path)).toEqual([
      'nodes.menu.timeoutSeconds',
      'nodes.bye.type',
    ]);
  });
});
