import { describe, it, expect } from 'vitest';
import { validateFlow, type IvrFlow } from '../../../../src/domain/ivr/ivr-flow.ts';
import { newIvrSession } from '../../../../src/domain/ivr/ivr-session.ts';
import { maxNodesPerStep, step } from '../../../../src/domain/ivr/ivr-step.ts';
import { say } from '../../../../src/domain/ivr/say.ts';
import {
  call,
  caller,
  closedCtx,
  demo,
  keys,
  ofType,
  openCtx,
  played,
  smallFlow,
  timeout,
  visited,
} from './fixtures.ts';

const menuCollect = (timeoutSeconds: number) => ({
  type: 'collect',
  maxDigits: 1,
  terminator: '',
  timeoutSeconds,
  interDigitSeconds: timeoutSeconds,
});

describe('the demo flow, start and language', () => {
  it('greets in Mandarin, offers English, and waits for one key', () => {
    const c = call();
    expect(c.actions).toEqual([
      { type: 'visit', nodeId: 'welcome' },
      { type: 'play', prompts: ['zh/welcome', 'en/for-english'], bargeIn: true },
      menuCollect(3),
    ]);
    expect(c.session).toMatchObject({ state: 'waiting_input', nodeId: 'welcome', retries: 0 });
    expect(c.session.history).toEqual(['welcome']);
  });

  it('goes on to the Mandarin main menu after silence', () => {
    const c = call().send(timeout);
    expect(c.actions).toEqual([
      { type: 'visit', nodeId: 'main' },
      { type: 'play', prompts: ['zh/main-menu'], bargeIn: true },
      menuCollect(5),
    ]);
  });

  it('switches to English on 9', () => {
    const c = call().send(keys('9'));
    expect(visited(c.actions)).toEqual(['english', 'main']);
    expect(played(c.actions)).toEqual(['en/main-menu']);
    expect(c.session.variables['language']).toBe('en');
  });
});

describe('the demo flow, balance self-service', () => {
  it('looks the balance up with the calling number and reads it in 元/角', () => {
    const c = call().send(timeout, keys('1'));
    expect(c.actions).toEqual([
      { type: 'visit', nodeId: 'balance' },
      { type: 'lookup', connector: 'billing.balance', input: { msisdn: caller } },
    ]);
    expect(c.session.state).toBe('waiting_lookup');

    c.send({ type: 'lookup_result', ok: true, values: { amount: '1200.50', currency: 'CNY' } });
    expect(visited(c.actions)).toEqual(['balance-say', 'after-balance']);
    expect(played(c.actions)).toEqual([
      'zh/balance-is',
      ...(say('zh', 'amount', '1200.50') ?? []),
      'zh/after-balance',
    ]);
    expect(c.session.variables).toMatchObject({
      'balance.amount': '1200.50',
      'balance.currency': 'CNY',
    });
    expect(c.session.state).toBe('waiting_input');
  });

  it('reads it in dollars and cents in English', () => {
    const c = call().send(keys('9'), keys('1'));
    c.send({ type: 'lookup_result', ok: true, values: { amount: '3.05' } });
    expect(played(c.actions)).toEqual([
      'en/balance-is',
      'en/num-3',
      'en/dollars',
      'en/and',
      'en/num-5',
      'en/cents',
      'en/after-balance',
    ]);
  });

  it('goes back to the main menu on 1 and says goodbye on 2', () => {
    const c = call().send(timeout, keys('1'), { type: 'lookup_result', ok: true, values: {} });
    c.send(keys('1'));
    expect(visited(c.actions)).toEqual(['main']);
    c.send(keys('1'), { type: 'lookup_result', ok: true, values: { amount: '0' } }, keys('2'));
    expect(c.actions).toEqual([
      { type: 'visit', nodeId: 'goodbye' },
      { type: 'play', prompts: ['zh/goodbye'], bargeIn: false },
      { type: 'hangup' },
    ]);
    expect(c.session.state).toBe('hung_up');
  });

  it('apologises and returns to the main menu when the lookup fails', () => {
    const c = call().send(timeout, keys('1'), { type: 'lookup_result', ok: false, error: 'down' });
    expect(visited(c.actions)).toEqual(['balance-error', 'main']);
    expect(played(c.actions)).toEqual(['zh/balance-unavailable', 'zh/main-menu']);
    expect(c.session.state).toBe('waiting_input');
  });

  it('treats a lookup that times out as failed', () => {
    const c = call().send(timeout, keys('1'), timeout);
    expect(visited(c.actions)).toEqual(['balance-error', 'main']);
  });

  it('keeps keys pressed during the lookup for the next menu', () => {
    const c = call().send(timeout, keys('1'), keys('2'));
    expect(c.actions).toEqual([]);
    c.send({ type: 'lookup_result', ok: true, values: { amount: '5' } });
    expect(visited(c.actions)).toEqual(['balance-say', 'after-balance', 'goodbye']);
    expect(c.session.state).toBe('hung_up');
  });
});

describe('the demo flow, queueing in business hours', () => {
  it('queues a complaint with its topic and every IVR variable', () => {
    const c = call().send(timeout, keys('2'));
    expect(visited(c.actions)).toEqual([
      'complaint',
      'complaint-queue-id',
      'complaint-hours',
      'complaint-transfer',
      'complaint-queue',
    ]);
    expect(played(c.actions)).toEqual(['zh/transferring']);
    expect(ofType(c.actions, 'queue')).toEqual([
      {
        type: 'queue',
        queueId: 'q-complaints',
        workflowId: null,
        priority: null,
        attributes: {
          topic: 'complaint',
          'ivr.caller': caller,
          'ivr.called': '10086',
          'ivr.language': 'zh',
          'ivr.topic': 'complaint',
          'ivr.queue': 'q-complaints',
        },
        announcePosition: true,
        callbackDigit: '1',
      },
    ]);
    expect(c.session.state).toBe('queued');
  });

  it('queues other enquiries in the general queue, straight from the welcome menu', () => {
    const c = call().send(keys('3'));
    expect(ofType(c.actions, 'queue')[0]).toMatchObject({
      queueId: 'q-general',
      attributes: { topic: 'general' },
    });
  });

  it('ignores keys and the caller hanging up once queued', () => {
    const c = call().send(keys('2'));
    const queued = c.session;
    c.send(keys('1'), timeout, { type: 'hangup' }, { type: 'start' });
    expect(c.session).toEqual(queued);
    expect(c.actions).toEqual([]);
  });

  it('takes a call-back number when the caller leaves the queue', () => {
    const c = call().send(keys('2'), { type: 'queue_left', reason: 'callback' });
    expect(visited(c.actions)).toEqual(['callback-number']);
    expect(c.actions.at(-1)).toEqual({
      type: 'collect',
      maxDigits: 12,
      terminator: '#',
      timeoutSeconds: 8,
      interDigitSeconds: 4,
    });
    c.send(keys('1391234'), keys('5678#'));
    expect(ofType(c.actions, 'callback')).toEqual([
      {
        type: 'callback',
        number: '13912345678',
        queueId: 'q-complaints',
        workflowId: null,
        attributes: expect.objectContaining({
          topic: 'complaint',
          'ivr.callback_number': '13912345678',
        }) as unknown,
      },
    ]);
    expect(played(c.actions)).toEqual([
      'zh/callback-confirm',
      ...(say('zh', 'digits', '13912345678') ?? []),
      'zh/goodbye',
    ]);
    expect(c.actions.at(-1)).toEqual({ type: 'hangup' });
    expect(c.session.state).toBe('callback');
    expect(c.session.callbackNumber).toBe('13912345678');
  });
});

describe('the demo flow, out of hours', () => {
  it('offers a call-back instead of queueing, and # alone uses the calling number', () => {
    const c = call(demo, closedCtx).send(timeout, keys('3'));
    expect(visited(c.actions)).toEqual([
      'general',
      'general-queue-id',
      'general-hours',
      'closed',
      'callback-number',
    ]);
    expect(played(c.actions)).toEqual(['zh/closed', 'zh/enter-callback-number']);
    expect(ofType(c.actions, 'queue')).toEqual([]);

    c.send(keys('#'));
    expect(visited(c.actions)).toEqual([
      'callback-default',
      'callback-use-caller',
      'callback',
      'goodbye',
    ]);
    expect(ofType(c.actions, 'callback')[0]).toMatchObject({
      number: caller,
      queueId: 'q-general',
      attributes: { topic: 'general' },
    });
    expect(c.session.state).toBe('callback');
  });
});

describe('the demo flow, wrong keys and silence', () => {
  it('says the choice is invalid and asks again', () => {
    const c = call().send(timeout, keys('7'));
    expect(c.actions).toEqual([
      { type: 'play', prompts: ['zh/invalid', 'zh/main-menu'], bargeIn: true },
      menuCollect(5),
    ]);
    expect(c.session).toMatchObject({ nodeId: 'main', retries: 1, state: 'waiting_input' });
    c.send(keys('2'));
    expect(visited(c.actions)[0]).toBe('complaint');
  });

  it('after three silences in the main menu goes to its failure node (an agent)', () => {
    const c = call().send(timeout, timeout);
    expect(played(c.actions)).toEqual(['zh/no-input', 'zh/main-menu']);
    c.send(timeout);
    expect(c.session.retries).toBe(2);
    c.send(timeout);
    expect(visited(c.actions)).toEqual([
      'main-failed',
      'general',
      'general-queue-id',
      'general-hours',
      'general-transfer',
      'general-queue',
    ]);
    expect(played(c.actions)).toEqual(['zh/too-many-errors', 'zh/transferring']);
    expect(c.session.state).toBe('queued');
  });

  it('flushes the keys typed after a wrong one', () => {
    const c = call().send(timeout, keys('71'));
    expect(c.session.digits).toBe('');
    expect(c.session.nodeId).toBe('main');
  });

  it('lets callers type ahead through menus', () => {
    const c = call().send(keys('91'));
    expect(visited(c.actions)).toEqual(['english', 'main', 'balance']);
    expect(played(c.actions)).toEqual([]);
    expect(ofType(c.actions, 'lookup')).toHaveLength(1);
  });

  it('rejects a call-back number that is too short and gives up after the retries', () => {
    const c = call(demo, closedCtx).send(timeout, keys('3'), keys('139'));
    expect(c.actions).toEqual([]);
    c.send(timeout);
    expect(played(c.actions)).toEqual(['zh/invalid-number', 'zh/enter-callback-number']);
    c.send(keys('12#'));
    expect(c.session.retries).toBe(2);
    c.send(timeout);
    expect(visited(c.actions)).toEqual(['goodbye']);
    expect(c.session.state).toBe('hung_up');
    expect(ofType(c.all, 'callback')).toEqual([]);
  });

  it('takes an entry without terminator when the caller stops keying', () => {
    const c = call(demo, closedCtx).send(timeout, keys('3'), keys('13912345678'), timeout);
    expect(ofType(c.actions, 'callback')[0]?.number).toBe('13912345678');
  });

  it('ends the entry at maxDigits and keeps the rest as type-ahead', () => {
    const c = call(demo, closedCtx).send(timeout, keys('3'), keys('1391234567890'));
    expect(ofType(c.actions, 'callback')[0]?.number).toBe('139123456789');
  });
});

describe('step, inputs that do not fit', () => {
  it('ignores a second start, stray lookup results and unknown characters', () => {
    const c = call();
    const waiting = c.session;
    c.send(
      { type: 'start' },
      { type: 'lookup_result', ok: true, values: {} },
      { type: 'queue_left', reason: 'callback' },
      { type: 'transfer_failed' },
      keys('xyz'),
    );
    expect(c.session).toEqual(waiting);
    expect(c.all.length).toBe(3);
  });

  it('ends quietly when the caller hangs up while waiting', () => {
    const c = call().send({ type: 'hangup' });
    expect(c.actions).toEqual([]);
    expect(c.session.state).toBe('hung_up');
    c.send(keys('1'), { type: 'start' });
    expect(c.actions).toEqual([]);
  });

  it('does nothing before start but a hang-up', () => {
    const c = call(demo, openCtx, false).send(keys('1'), timeout);
    expect(c.all).toEqual([]);
    expect(c.session.state).toBe('running');
  });
});

describe('step, failing safe', () => {
  const unvalidated = (nodes: IvrFlow['nodes']): IvrFlow => ({
    id: 'raw',
    name: 'raw',
    version: 1,
    language: 'en',
    start: 'a',
    nodes,
  });

  it(`hangs up with an error after ${maxNodesPerStep} nodes in one step`, () => {
    const flow = unvalidated({
      a: { type: 'set', variable: 'x', value: '1', next: 'b' },
      b: { type: 'play', prompts: [], next: 'a' },
    });
    const c = call(flow);
    expect(visited(c.actions)).toHaveLength(maxNodesPerStep);
    expect(c.actions.slice(-2)).toEqual([
      { type: 'error', code: 'loop_guard', message: 'more than 100 nodes in one step' },
      { type: 'hangup' },
    ]);
    expect(c.session.state).toBe('failed');
  });

  it('hangs up with an error at a node that does not exist', () => {
    const c = call(unvalidated({ a: { type: 'play', prompts: [], next: 'zz' } }));
    expect(ofType(c.actions, 'error')[0]?.code).toBe('unknown_node');
    expect(c.session.state).toBe('failed');
  });

  it('hangs up with an error when an expression does not compile', () => {
    const c = call(
      unvalidated({
        a: { type: 'condition', branches: [{ when: '((', next: 'a' }], otherwise: 'a' },
      }),
    );
    expect(ofType(c.actions, 'error')[0]?.code).toBe('bad_expression');
  });

  it('refuses a session of another flow version', () => {
    const v2 = validateFlow({ ...JSON.parse(JSON.stringify(demo)), version: 2 }) as IvrFlow;
    const session = newIvrSession(demo);
    const r = step(v2, session, { type: 'start' }, openCtx);
    expect(r.actions[0]).toMatchObject({ type: 'error', code: 'flow_mismatch' });
    expect(r.session.state).toBe('failed');
  });
});

describe('step, other nodes', () => {
  it('transfers, and continues at next when the transfer fails', () => {
    const doc = smallFlow();
    doc.nodes['menu'] = { ...doc.nodes['menu'], options: { '1': 'out', '2': 'out2' } };
    doc.nodes['out'] = { type: 'transfer', number: '95${caller}', next: 'bye' };
    doc.nodes['out2'] = { type: 'transfer', number: '95555' };
    for (const k of ['number', 'cond', 'queue']) delete doc.nodes[k];
    const flow = validateFlow(doc);
    const c = call(flow).send(keys('1'));
    expect(ofType(c.actions, 'transfer')).toEqual([{ type: 'transfer', number: `95${caller}` }]);
    expect(c.session.state).toBe('transferred');
    c.send({ type: 'transfer_failed' });
    expect(visited(c.actions)).toEqual(['bye']);
    expect(c.session.state).toBe('hung_up');

    const d = call(flow).send(keys('2'), { type: 'transfer_failed' });
    expect(d.actions).toEqual([
      { type: 'error', code: 'transfer_failed', message: "transfer from 'out2' failed" },
      { type: 'hangup' },
    ]);
    expect(d.session.state).toBe('failed');
  });

  it('compares looked-up amounts as numbers under num', () => {
    const flow = validateFlow({
      id: 'arrears',
      name: 'Arrears',
      version: 1,
      language: 'zh',
      start: 'look',
      nodes: {
        look: {
          type: 'lookup',
          connector: 'billing.balance',
          input: { msisdn: '${caller}' },
          output: 'balance',
          next: 'check',
          onError: 'bye',
        },
        check: {
          type: 'condition',
          branches: [{ when: 'num.balance.amount < 0', next: 'arrears' }],
          otherwise: 'bye',
        },
        arrears: { type: 'play', prompts: [{ prompt: 'arrears' }], next: 'bye' },
        bye: { type: 'hangup' },
      },
    });
    const owing = call(flow).send({ type: 'lookup_result', ok: true, values: { amount: '-12.5' } });
    expect(visited(owing.actions)).toEqual(['check', 'arrears', 'bye']);
    const fine = call(flow).send({ type: 'lookup_result', ok: true, values: { amount: '9' } });
    expect(visited(fine.actions)).toEqual(['check', 'bye']);
  });

  it('collects into a variable checked by validate, then branches on it', () => {
    const flow = validateFlow(smallFlow());
    const c = call(flow).send(keys('1'));
    expect(c.actions.at(-1)).toEqual({
      type: 'collect',
      maxDigits: 8,
      terminator: '#',
      timeoutSeconds: 5,
      interDigitSeconds: 3,
    });
    c.send(keys('1234#'));
    expect(c.session.variables['account']).toBe('1234');
    expect(ofType(c.actions, 'queue')[0]).toMatchObject({
      queueId: 'q1',
      attributes: { account: '1234', 'ivr.account': '1234' },
    });
  });

  it('asks only for the rest of an entry that was typed ahead', () => {
    const flow = validateFlow(smallFlow());
    const c = call(flow).send(keys('112'));
    expect(c.actions).toEqual([
      { type: 'visit', nodeId: 'number' },
      { type: 'collect', maxDigits: 6, terminator: '#', timeoutSeconds: 3, interDigitSeconds: 3 },
    ]);
    c.send(keys('34#'));
    expect(c.session.variables['account']).toBe('1234');
  });
});
