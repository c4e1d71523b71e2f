/**
 * The demo hotline (演示热线), in Mandarin with an English option:
 *
 * ```
 * welcome  "欢迎致电kefu客服中心。For English, press 9."  ── 9 ──▶ language = en
 *    │ (silence or another key; 1-3 go straight to their option) │
 *    ▼                                                           ▼
 * main  "查询话费余额请按1，投诉请按2，其他业务请按3。"  (3 tries, then → general)
 *    1 ─▶ lookup billing.balance(${caller}) ─ ok ─▶ "您的账户余额为 …元…角" ─▶ 1 main │ 2 goodbye
 *                                           └ error ─▶ "暂时无法查询" ─▶ main
 *    2 ─▶ topic = complaint ─▶ hours? ─ open ─▶ queue complaints (position, 1 = call me back)
 *    3 ─▶ topic = general   ─▶ hours? ─ open ─▶ queue general   (position, 1 = call me back)
 *              (announceOutages: open ─▶ lookup nms.outages(${caller}) ─ any ─▶ "网络故障…" ─▶ queue)
 *                                  └ closed ─▶ "非工作时间" ─▶ collect call-back number
 *                                              (# alone = this phone) ─▶ callback ─▶ goodbye
 * ```
 *
 * Queue and calendar ids are the installation's; `demoPromptTexts` says what each prompt says,
 * so scripts/generate-prompts.ts can record them.
 */
import { validateFlow, type IvrFlow } from './ivr-flow.ts';
import type { PromptTexts } from './prompt-texts.ts';

export interface DemoFlowParams {
  readonly complaintsQueueId: string;
  readonly generalQueueId: string;
  /** Business calendar of the agents' hours. */
  readonly calendarId: string;
  readonly id?: string;
  readonly version?: number;
  /**
   * Before queueing, ask NMS for outages in the caller's area (`nms.outages`) and announce one;
   * any lookup failure just queues the call. Needs the operator connectors (on in demo mode).
   */
  readonly announceOutages?: boolean;
}

const p = (prompt: string) => ({ prompt });

/** The demo flow, validated. */
export function demoFlow(params: DemoFlowParams): IvrFlow {
  const queueBranch = (topic: string, queueId: string) => ({
    [topic]: { type: 'set', variable: 'topic', value: topic, next: `${topic}-queue-id` },
    [`${topic}-queue-id`]: {
      type: 'set',
      variable: 'queue',
      value: queueId,
      next: `${topic}-hours`,
    },
    [`${topic}-hours`]: {
      type: 'hours',
      calendarId: params.calendarId,
      open: params.announceOutages ? `${topic}-outage` : `${topic}-transfer`,
      closed: 'closed',
    },
    ...(params.announceOutages
      ? {
          [`${topic}-outage`]: {
            type: 'lookup',
            connector: 'nms.outages',
            input: { msisdn: '${caller}' },
            output: 'outage',
            next: `${topic}-outage-check`,
            onError: `${topic}-transfer`,
          },
          [`${topic}-outage-check`]: {
            type: 'condition',
            branches: [{ when: 'num.outage.count > 0', next: `${topic}-outage-say` }],
            otherwise: `${topic}-transfer`,
          },
          [`${topic}-outage-say`]: {
            type: 'play',
            prompts: [p('outage-notice')],
            next: `${topic}-transfer`,
          },
        }
      : {}),
    [`${topic}-transfer`]: { type: 'play', prompts: [p('transferring')], next: `${topic}-queue` },
    [`${topic}-queue`]: {
      type: 'queue',
      queueId,
      attributes: { topic },
      announcePosition: true,
      callbackDigit: '1',
      next: 'callback-number',
    },
  });

  return validateFlow({
    id: params.id ?? 'demo',
    name: 'kefu demo hotline',
    description:
      'Balance self-service, complaints and general enquiries, with call-backs after hours',
    version: params.version ?? 1,
    language: 'zh',
    start: 'welcome',
    nodes: {
      welcome: {
        type: 'menu',
        prompts: [p('welcome'), { prompt: 'for-english', language: 'en' }],
        // Callers who know the menu may choose at once.
        options: { '1': 'balance', '2': 'complaint', '3': 'general', '9': 'english' },
        timeoutSeconds: 3,
        retries: 0,
        onFailure: 'main',
      },
      english: { type: 'set', variable: 'language', value: 'en', next: 'main' },
      main: {
        type: 'menu',
        prompts: [p('main-menu')],
        options: { '1': 'balance', '2': 'complaint', '3': 'general' },
        timeoutSeconds: 5,
        retries: 2,
        invalidPrompts: [p('invalid')],
        timeoutPrompts: [p('no-input')],
        onFailure: 'main-failed',
      },
      'main-failed': { type: 'play', prompts: [p('too-many-errors')], next: 'general' },
      balance: {
        type: 'lookup',
        connector: 'billing.balance',
        input: { msisdn: '${caller}' },
        output: 'balance',
        next: 'balance-say',
        onError: 'balance-error',
      },
      'balance-say': {
        type: 'play',
        prompts: [p('balance-is'), { say: 'amount', value: '${balance.amount}' }],
        next: 'after-balance',
      },
      'after-balance': {
        type: 'menu',
        prompts: [p('after-balance')],
        options: { '1': 'main', '2': 'goodbye' },
        timeoutSeconds: 5,
        retries: 1,
        invalidPrompts: [p('invalid')],
        timeoutPrompts: [p('no-input')],
        onFailure: 'goodbye',
      },
      'balance-error': { type: 'play', prompts: [p('balance-unavailable')], next: 'main' },
      ...queueBranch('complaint', params.complaintsQueueId),
      ...queueBranch('general', params.generalQueueId),
      closed: { type: 'play', prompts: [p('closed')], next: 'callback-number' },
      'callback-number': {
        type: 'collect',
        prompts: [p('enter-callback-number')],
        variable: 'callback_number',
        minDigits: 0,
        maxDigits: 12,
        terminator: '#',
        timeoutSeconds: 8,
        interDigitSeconds: 4,
        retries: 2,
        validate: 'len(value) == 0 or (len(value) >= 7 and len(value) <= 12)',
        invalidPrompts: [p('invalid-number')],
        timeoutPrompts: [p('no-input')],
        next: 'callback-default',
        onFailure: 'goodbye',
      },
      'callback-default': {
        type: 'condition',
        branches: [{ when: 'len(callback_number) == 0', next: 'callback-use-caller' }],
        otherwise: 'callback',
      },
      'callback-use-caller': {
        type: 'set',
        variable: 'callback_number',
        value: '${caller}',
        next: 'callback',
      },
      callback: {
        type: 'callback',
        variable: 'callback_number',
        queueId: '${queue}',
        attributes: { topic: '${topic}' },
        prompts: [p('callback-confirm'), { say: 'digits', value: '${callback_number}' }],
        next: 'goodbye',
      },
      goodbye: { type: 'hangup', prompts: [p('goodbye')] },
    },
  });
}

export const demoPromptTexts: PromptTexts = {
  welcome: { zh: '欢迎致电kefu客服中心。', en: 'Welcome to the kefu contact center.' },
  'for-english': { en: 'For English, press 9.' },
  'main-menu': {
    zh: '查询话费余额请按1，投诉请按2，其他业务请按3。',
    en: 'For your balance, press 1. For complaints, press 2. For anything else, press 3.',
  },
  invalid: { zh: '您的输入有误。', en: 'Sorry, that is not a valid choice.' },
  'no-input': { zh: '我们没有收到您的输入。', en: 'Sorry, we did not hear your choice.' },
  'too-many-errors': {
    zh: '抱歉，我们未能识别您的选择，正在为您转接人工服务。',
    en: 'Sorry, we could not understand your choice. Connecting you to an agent.',
  },
  'balance-is': { zh: '您的账户余额为', en: 'Your balance is' },
  'outage-notice': {
    zh: '您所在地区网络故障，正在抢修。',
    en: 'There is a network outage in your area, repairs are under way.',
  },
  'after-balance': {
    zh: '返回主菜单请按1，结束通话请按2。',
    en: 'For the main menu, press 1. To end the call, press 2.',
  },
  'balance-unavailable': {
    zh: '抱歉，暂时无法查询余额。',
    en: 'Sorry, your balance is not available right now.',
  },
  transferring: {
    zh: '正在为您转接人工服务，请稍候。',
    en: 'Please hold while we connect you to an agent.',
  },
  closed: {
    zh: '您好，现在是非工作时间，我们将在工作时间内给您回电。',
    en: 'Our agents are away right now. We will call you back during business hours.',
  },
  'enter-callback-number': {
    zh: '请输入您的回电号码，并以井号键结束；使用本机号码请直接按井号键。',
    en: 'Please enter your call-back number, then press pound. To use this phone, just press pound.',
  },
  'invalid-number': { zh: '号码有误。', en: 'Sorry, that number is not valid.' },
  'callback-confirm': { zh: '我们将回电至', en: 'We will call you back on' },
  goodbye: { zh: '感谢您的来电，再见。', en: 'Thank you for calling. Goodbye.' },
};
