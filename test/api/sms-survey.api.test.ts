/**
 * The SMS survey end to end on both stores, through a real SMPP SMSC on loopback: an SMS
 * conversation wrapped up by an agent gets "reply 1–5"; the customer's digit is the survey
 * answer (filed on the conversation, no new contact); other texts, late replies and second
 * replies are ordinary messages; nothing is sent while the survey is off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentActor } from '../../src/app/app-context.ts';
import { followContactTasks } from '../../src/app/messaging/contact-tasks.ts';
import { startSms, type SmsChannelHandle } from '../../src/channels/sms/start-sms.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { until } from '../support/mail-peers.ts';
import { TestSmsc } from '../support/test-smsc.ts';
import { storeKinds } from '../support/test-stores.ts';

const T = { timeout: 30_000 };
const msisdn = '8613900139000'; // the harness customer's mobile
const settings = {
  enabled: true,
  channels: ['sms'],
  queueIds: [],
  text: '请回复 1-5 为本次服务评分',
  replyHours: 2,
};

describe.each(storeKinds)('SMS survey on %s', (kind) => {
  let h: Harness;
  let smsc: TestSmsc;
  let sms: SmsChannelHandle;
  let stopFollow: () => void;

  beforeAll(async () => {
    h = await makeHarness(kind);
    await h.services.router.start();
    h.services.smsSurveys.start();
    // As the center runs: a wrapped-up conversation ends, so the next text opens a new one.
    stopFollow = followContactTasks(h.services.store, h.clock);
    smsc = await TestSmsc.start({ password: 'secret', systemId: 'kefu' });
    sms = startSms({
      url: smsc.url,
      systemId: 'kefu',
      password: 'secret',
      sourceAddr: '10086',
      inbox: h.services.inbox,
      outbox: h.services.outbox,
      log: () => undefined,
    });
    await sms.link.bound(5000);
    await h.services.router.login(agentActor(h.users.agent.id), { softphone: true });
  }, 60_000);
  afterAll(async () => {
    stopFollow?.();
    await h?.services.smsSurveys.close();
    await sms?.stop();
    await smsc?.stop();
    await h?.services.router.stop();
    await h?.close();
  });

  const contacts = async () =>
    (await h.json('GET', `/api/contacts?customerId=${h.customerId}&channel=sms&limit=500`)).body
      .items as { id: string; taskId: string | null }[];
  const surveysSent = () => smsc.submits.filter((s) => s.text === settings.text).length;

  /** The customer texts and that opens a new conversation, offered to the agent. */
  async function newConversation(text: string): Promise<{ id: string; taskId: string | null }> {
    const before = (await contacts()).length;
    h.clock.advance(60_000); // the newest contact lists first
    await smsc.deliver(msisdn, '10086', text);
    return until('the new SMS contact', async () => {
      const now = await contacts();
      return now.length > before && now[0]?.taskId ? now[0] : undefined;
    });
  }

  /** The agent takes the conversation and wraps it up. */
  async function wrapUp(c: { id: string; taskId: string | null }): Promise<void> {
    const offer = await until('the offer', async () =>
      (await h.services.store.routing.reservationsForTask(c.taskId!)).find(
        (r) => r.state === 'pending',
      ),
    );
    const agent = agentActor(h.users.agent.id);
    h.clock.advance(1000);
    await h.services.router.accept(agent, offer.id);
    h.clock.advance(30_000);
    await h.services.router.complete(agent, c.taskId!, agent.id, 'resolved');
    await h.services.smsSurveys.idle();
  }

  async function handledConversation(text: string): Promise<string> {
    const c = await newConversation(text);
    await wrapUp(c);
    return c.id;
  }

  const surveyAfter = (n: number) =>
    until('the survey SMS', () => (surveysSent() > n ? true : undefined));

  it(
    'keeps the survey off until a supervisor turns it on, and checks the settings',
    T,
    async () => {
      expect(
        (await h.json('GET', '/api/surveys/sms-settings', { as: 'supervisor' })).body,
      ).toMatchObject({
        enabled: false,
      });
      await handledConversation('你好');
      await h.services.outbox.flush();
      expect(surveysSent()).toBe(0);
      const bad = await h.json('PUT', '/api/surveys/sms-settings', {
        as: 'supervisor',
        body: { ...settings, replyHours: 0 },
      });
      expect(bad.status).toBe(400);
      const ok = await h.json('PUT', '/api/surveys/sms-settings', {
        as: 'supervisor',
        body: settings,
      });
      expect(ok.body).toEqual(settings);
    },
  );

  it('texts the survey after wrap-up and takes the digit reply as the answer', T, async () => {
    const surveyed = await handledConversation('查一下话费');
    const sent = await until('the survey SMS', () =>
      smsc.submits.find((s) => s.text === settings.text && s.destAddr === msisdn),
    );
    expect(sent).toBeTruthy();
    const before = (await contacts()).length;
    h.clock.advance(60_000);
    await smsc.deliver(msisdn, '10086', ' 4 ');
    const rows = await until('the survey answer', async () => {
      const r = await h.json(
        'GET',
        '/api/reports/surveys?groupBy=channel&from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z',
      );
      return r.body.items.length ? r.body.items : undefined;
    });
    expect(rows).toEqual([{ group: 'sms', count: 1, average: 4, csat: 1 }]);
    // Filed on the surveyed conversation: no new contact, nothing offered to an agent.
    expect((await contacts()).length).toBe(before);
    const msgs = (await h.json('GET', `/api/contacts/${surveyed}/messages`)).body.items as {
      direction: string;
      body: string;
    }[];
    expect(msgs.map((m) => [m.direction, m.body.trim()])).toEqual([
      ['inbound', '查一下话费'],
      ['outbound', settings.text],
      ['inbound', '4'],
    ]);
    const answered = (await h.json('GET', '/api/events?after=0&limit=1000')).body.events.filter(
      (e: { type: string }) => e.type === 'survey.answered',
    );
    expect(answered).toHaveLength(1);
    expect(answered[0].payload).toMatchObject({ contactId: surveyed, agentId: h.users.agent.id });

    // A second digit is an ordinary message: the survey is answered.
    await wrapUp(await newConversation('5'));
  });

  it('treats other texts and replies after the window as messages', T, async () => {
    const sent = surveysSent();
    await handledConversation('宽带坏了');
    await surveyAfter(sent);
    // Not a bare digit: a new conversation, which the agent handles (and which is surveyed).
    await wrapUp(await newConversation('4 分吧'));
    await surveyAfter(sent + 1);
    // Both surveys go unanswered past the window: a digit now is an ordinary message.
    h.clock.advance(2 * 3_600_000 + 1000);
    await wrapUp(await newConversation('2'));
    const answered = (await h.json('GET', '/api/events?after=0&limit=1000')).body.events.filter(
      (e: { type: string }) => e.type === 'survey.answered',
    );
    expect(answered).toHaveLength(1);
  });
});
