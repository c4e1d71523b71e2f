/** Flows, contexts and a driver shared by the IVR tests. */
import { demoFlow } from '../../../../src/domain/ivr/demo-flow.ts';
import type { IvrFlow } from '../../../../src/domain/ivr/ivr-flow.ts';
import { newIvrSession, type IvrSession } from '../../../../src/domain/ivr/ivr-session.ts';
import {
  step,
  type IvrAction,
  type IvrContext,
  type IvrInput,
} from '../../../../src/domain/ivr/ivr-step.ts';
import { isOpenAt } from '../../../../src/domain/sla/business-calendar.ts';
import { cst, shanghai } from '../sla/fixtures.ts';

export const caller = '13800138000';

export const demo: IvrFlow = demoFlow({
  complaintsQueueId: 'q-complaints',
  generalQueueId: 'q-general',
  calendarId: shanghai.id,
});

/** Wednesday 10:00 in Beijing: the office is open. */
export const openCtx: IvrContext = {
  now: cst('2026-11-25T10:00'),
  isOpen: (id, now) => id === shanghai.id && isOpenAt(shanghai, now),
};

/** Sunday 10:00 in Beijing: closed. */
export const closedCtx: IvrContext = { ...openCtx, now: cst('2026-11-29T10:00') };

export interface Call {
  session: IvrSession;
  /** Actions of the last step. */
  actions: IvrAction[];
  /** Every action so far. */
  all: IvrAction[];
  send(...inputs: IvrInput[]): Call;
}

/** A new session on `flow`, started, with `caller` as the calling number. */
export function call(flow: IvrFlow = demo, ctx: IvrContext = openCtx, start = true): Call {
  const c: Call = {
    session: newIvrSession(flow, { variables: { caller, called: '10086' } }),
    actions: [],
    all: [],
    send(...inputs) {
      for (const input of inputs) {
        const r = step(flow, c.session, input, ctx);
        c.session = r.session;
        c.actions = r.actions;
        c.all.push(...r.actions);
      }
      return c;
    },
  };
  return start ? c.send({ type: 'start' }) : c;
}

export const keys = (digits: string): IvrInput => ({ type: 'digits', digits });
export const timeout: IvrInput = { type: 'timeout' };

export const ofType = <T extends IvrAction['type']>(actions: readonly IvrAction[], type: T) =>
  actions.filter((a): a is Extract<IvrAction, { type: T }> => a.type === type);

/** The files of every play action, in order. */
export const played = (actions: readonly IvrAction[]) =>
  ofType(actions, 'play').flatMap((a) => a.prompts);

export const visited = (actions: readonly IvrAction[]) =>
  ofType(actions, 'visit').map((a) => a.nodeId);

/** A small valid flow document (plain JSON, free to mutate). */
export function smallFlow(): Record<string, unknown> & {
  nodes: Record<string, Record<string, unknown>>;
} {
  return {
    id: 'small',
    name: 'Small flow',
    version: 1,
    language: 'zh',
    start: 'menu',
    nodes: {
      menu: {
        type: 'menu',
        prompts: [{ prompt: 'main-menu' }],
        options: { '1': 'number', '2': 'cond' },
        timeoutSeconds: 5,
        retries: 1,
        onFailure: 'bye',
      },
      number: {
        type: 'collect',
        prompts: [{ prompt: 'enter' }],
        variable: 'account',
        minDigits: 4,
        maxDigits: 8,
        timeoutSeconds: 5,
        interDigitSeconds: 3,
        retries: 1,
        validate: 'len(value) >= 4',
        next: 'cond',
        onFailure: 'bye',
      },
      cond: {
        type: 'condition',
        branches: [{ when: 'account == "1234"', next: 'queue' }],
        otherwise: 'bye',
      },
      queue: { type: 'queue', queueId: 'q1', attributes: { account: '${account}' } },
      bye: { type: 'hangup', prompts: [{ prompt: 'goodbye' }] },
    },
  };
}
