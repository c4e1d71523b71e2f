/**
 * The quality part of the store contract (src/app/ports/quality-repo.ts): survey answers, SMS
 * survey invitations, QA forms and evaluations, run against PGlite and PostgreSQL alike. No
 * mocks: each kind gets a fresh database; each test its own ids.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyInvitation } from '../../src/app/ports/quality-repo.ts';
import { surveySubjectKey } from '../../src/app/ports/quality-repo.ts';
import type { Store } from '../../src/app/ports/store.ts';
import type { QaEvaluation } from '../../src/domain/quality/qa-evaluation.ts';
import type { QaForm } from '../../src/domain/quality/qa-form.ts';
import type { SurveyResponse } from '../../src/domain/quality/survey-response.ts';
import { t0 } from '../support/fixtures.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

const at = (minutes: number, base = t0) => new Date(base.getTime() + minutes * 60_000);

const aSurvey = (p: Partial<SurveyResponse> = {}): SurveyResponse => ({
  id: randomUUID(),
  channel: 'ivr',
  score: 5,
  comment: null,
  contactId: randomUUID(),
  caseId: null,
  agentId: null,
  queueId: null,
  customerId: null,
  answeredAt: t0,
  ...p,
});

const anInvitation = (p: Partial<SurveyInvitation> = {}): SurveyInvitation => ({
  id: randomUUID(),
  address: `86138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  contactId: randomUUID(),
  threadContactId: randomUUID(),
  sentAt: t0,
  expiresAt: at(24 * 60),
  answeredAt: null,
  ...p,
});

const aForm = (p: Partial<QaForm> = {}): QaForm => ({
  id: randomUUID(),
  version: 1,
  name: '通话质检 Call QA',
  sections: [
    {
      id: 's1',
      title: 'Greeting',
      weight: 1,
      questions: [
        {
          id: 'q1',
          text: 'Used the greeting',
          weight: 1,
          kind: 'yes_no',
          scaleMax: null,
          autoFail: false,
        },
        { id: 'q2', text: 'Politeness', weight: 2, kind: 'scale', scaleMax: 5, autoFail: false },
      ],
    },
    {
      id: 's2',
      title: 'Compliance',
      weight: 3,
      questions: [
        {
          id: 'q3',
          text: 'Verified identity',
          weight: 1,
          kind: 'yes_no',
          scaleMax: null,
          autoFail: true,
        },
      ],
    },
  ],
  active: true,
  createdBy: null,
  createdAt: t0,
  ...p,
});

const anEvaluation = (p: Partial<QaEvaluation> = {}): QaEvaluation => ({
  id: randomUUID(),
  formId: randomUUID(),
  formVersion: 1,
  contactId: randomUUID(),
  agentId: randomUUID(),
  evaluatorId: randomUUID(),
  state: 'draft',
  answers: {},
  comment: null,
  score: null,
  autoFailed: false,
  disputeComment: null,
  resolution: null,
  resolutionComment: null,
  createdAt: t0,
  updatedAt: t0,
  version: 1,
  ...p,
});

describe.each(storeKinds)('quality store contract on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('reads a survey answer back field for field, by contact or by case', async () => {
    const s = aSurvey({
      channel: 'sms',
      score: 2,
      comment: '等太久了',
      caseId: randomUUID(),
      agentId: randomUUID(),
      queueId: randomUUID(),
      customerId: randomUUID(),
      answeredAt: at(3),
    });
    await store.transaction((tx) => tx.quality.addSurvey(s));
    expect(await store.quality.surveyFor(s.contactId!, 'sms')).toEqual(s);
    expect(await store.quality.surveyFor(s.contactId!, 'ivr')).toBeNull();

    const web = aSurvey({ channel: 'web', contactId: null, caseId: randomUUID(), score: 4 });
    await store.transaction((tx) => tx.quality.addSurvey(web));
    expect(await store.quality.surveyFor(`case:${web.caseId}`, 'web')).toEqual(web);
    expect(await store.quality.surveyFor(surveySubjectKey(web), 'web')).toEqual(web);
  });

  it('takes one survey answer per subject and channel; the first one stands', async () => {
    const contactId = randomUUID();
    const first = aSurvey({ contactId, score: 5 });
    await store.transaction((tx) => tx.quality.addSurvey(first));
    await expect(
      store.transaction((tx) => tx.quality.addSurvey(aSurvey({ contactId, score: 1 }))),
    ).rejects.toMatchObject({ code: 'survey.already_answered' });
    expect(await store.quality.surveyFor(contactId, 'ivr')).toEqual(first);
    // Another channel of the same contact is another survey.
    await store.transaction((tx) => tx.quality.addSurvey(aSurvey({ contactId, channel: 'sms' })));

    const caseId = randomUUID();
    await store.transaction((tx) =>
      tx.quality.addSurvey(aSurvey({ contactId: null, caseId, channel: 'web' })),
    );
    await expect(
      store.transaction((tx) =>
        tx.quality.addSurvey(aSurvey({ contactId: null, caseId, channel: 'web' })),
      ),
    ).rejects.toMatchObject({ code: 'survey.already_answered' });
  });

  it('groups survey scores answered in [from, to) by agent, queue or channel', async () => {
    // Long before every other test's answers, so that the window holds only these.
    const base = new Date('2021-05-01T00:00:00Z');
    const [agentA, agentB, queue] = ['qa-agent-a', 'qa-agent-b', 'qa-queue'];
    const answers = [
      aSurvey({ score: 5, agentId: agentA, queueId: queue, channel: 'ivr', answeredAt: base }),
      aSurvey({
        score: 3,
        agentId: agentA,
        queueId: null,
        channel: 'sms',
        answeredAt: at(10, base),
      }),
      aSurvey({
        score: 1,
        agentId: agentB,
        queueId: queue,
        channel: 'ivr',
        answeredAt: at(20, base),
      }),
      aSurvey({ score: 4, agentId: null, queueId: null, channel: 'web', answeredAt: at(30, base) }),
      // At `to`: outside the window.
      aSurvey({
        score: 2,
        agentId: agentB,
        queueId: queue,
        channel: 'ivr',
        answeredAt: at(60, base),
      }),
    ];
    await store.transaction(async (tx) => {
      for (const a of answers) await tx.quality.addSurvey(a);
    });
    const scores = async (groupBy: 'agent' | 'queue' | 'channel') =>
      (await store.quality.surveyScores(base, at(60, base), groupBy)).map((r) => ({
        group: r.group,
        scores: [...r.scores].sort(),
      }));
    expect(await scores('agent')).toEqual([
      { group: '', scores: [4] },
      { group: agentA, scores: [3, 5] },
      { group: agentB, scores: [1] },
    ]);
    expect(await scores('queue')).toEqual([
      { group: '', scores: [3, 4] },
      { group: queue, scores: [1, 5] },
    ]);
    expect(await scores('channel')).toEqual([
      { group: 'ivr', scores: [1, 5] },
      { group: 'sms', scores: [3] },
      { group: 'web', scores: [4] },
    ]);
    expect(await store.quality.surveyScores(at(-60, base), base, 'agent')).toEqual([]);
  });

  it('invites a contact once and reads the invitation back', async () => {
    const i = anInvitation({ answeredAt: null });
    await store.transaction((tx) => tx.quality.addInvitation(i));
    expect(await store.quality.invitationFor(i.contactId)).toEqual(i);
    expect(await store.quality.invitationFor(randomUUID())).toBeNull();
    await expect(
      store.transaction((tx) =>
        tx.quality.addInvitation(anInvitation({ contactId: i.contactId, address: i.address })),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('opens only the newest unanswered invitation not expired at now', async () => {
    const address = '8613812340000';
    const older = anInvitation({ address, sentAt: at(0), expiresAt: at(120) });
    const newer = anInvitation({ address, sentAt: at(30), expiresAt: at(90) });
    const answered = anInvitation({
      address,
      sentAt: at(40),
      expiresAt: at(200),
      answeredAt: at(41),
    });
    const elsewhere = anInvitation({
      address: '8613812349999',
      sentAt: at(50),
      expiresAt: at(200),
    });
    await store.transaction(async (tx) => {
      for (const i of [older, newer, answered, elsewhere]) await tx.quality.addInvitation(i);
    });
    expect(await store.quality.openInvitation(address, at(45))).toEqual(newer);
    // At its expiry it has expired: the older one, still open, is the one answered.
    expect((await store.quality.openInvitation(address, at(90)))?.id).toBe(older.id);
    expect(await store.quality.openInvitation(address, at(120))).toBeNull();
    expect(await store.quality.openInvitation('8613800000404', at(45))).toBeNull();
  });

  it('marks an invitation answered once, also when two replies race', async () => {
    const i = anInvitation();
    await store.transaction((tx) => tx.quality.addInvitation(i));
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        store.transaction((tx) => tx.quality.markInvitationAnswered(i.id, at(n))),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const answeredAt = (await store.quality.invitationFor(i.contactId))?.answeredAt;
    expect(answeredAt).not.toBeNull();
    expect(await store.quality.openInvitation(i.address, at(5))).toBeNull();
    expect(await store.transaction((tx) => tx.quality.markInvitationAnswered(i.id, at(9)))).toBe(
      false,
    );
    expect((await store.quality.invitationFor(i.contactId))?.answeredAt).toEqual(answeredAt);
    expect(
      await store.transaction((tx) => tx.quality.markInvitationAnswered(randomUUID(), at(9))),
    ).toBe(false);
  });

  it('keeps every version of a form, refuses a version twice, and reads the newest', async () => {
    const v1 = aForm({ createdBy: 'sup-1' });
    await store.transaction((tx) => tx.quality.saveForm(v1));
    expect(await store.quality.form(v1.id)).toEqual(v1);
    const v2 = { ...v1, version: 2, name: 'Call QA v2', active: false, createdAt: at(5) };
    await store.transaction((tx) => tx.quality.saveForm(v2));
    await expect(
      store.transaction((tx) => tx.quality.saveForm({ ...v1, version: 2, name: 'lost edit' })),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.quality.form(v1.id)).toEqual(v2);
    expect(await store.quality.form(v1.id, 1)).toEqual(v1);
    expect(await store.quality.form(v1.id, 3)).toBeNull();
    expect(await store.quality.form(randomUUID())).toBeNull();

    const other = aForm({ name: 'Chat QA' });
    await store.transaction((tx) => tx.quality.saveForm(other));
    const forms = await store.quality.forms();
    expect(forms.filter((f) => f.id === v1.id)).toEqual([v2]);
    expect(forms.filter((f) => f.id === other.id)).toEqual([other]);
    expect(forms.map((f) => f.id)).toEqual([...new Set(forms.map((f) => f.id))]);
  });

  it('reads an evaluation back field for field and refuses a stale update', async () => {
    const e = anEvaluation({
      state: 'submitted',
      answers: { q1: 'yes', q2: 4, q3: 'na' },
      comment: '语气很好',
      score: 87.5,
      autoFailed: true,
      updatedAt: at(2),
    });
    await store.transaction((tx) => tx.quality.insertEvaluation(e));
    expect(await store.quality.evaluation(e.id)).toEqual(e);
    expect(await store.quality.evaluation(randomUUID())).toBeNull();

    const resolved: QaEvaluation = {
      ...e,
      state: 'resolved',
      answers: { q1: 'no', q2: 0, q3: 'yes' },
      disputeComment: 'I did verify',
      resolution: 'changed',
      resolutionComment: 'agreed',
      score: 0,
      autoFailed: false,
      updatedAt: at(9),
      version: 2,
    };
    await store.transaction((tx) => tx.quality.updateEvaluation(resolved));
    expect(await store.quality.evaluation(e.id)).toEqual(resolved);
    await expect(
      store.transaction((tx) =>
        tx.quality.updateEvaluation({ ...e, comment: 'stale', version: 2 }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      store.transaction((tx) => tx.quality.updateEvaluation({ ...e, version: 5 })),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.quality.evaluation(e.id)).toEqual(resolved);
  });

  it('lets one of two concurrent evaluation updates of the same version win', async () => {
    const e = anEvaluation();
    await store.transaction((tx) => tx.quality.insertEvaluation(e));
    const results = await Promise.allSettled(
      ['a', 'b'].map((c) =>
        store.transaction((tx) => tx.quality.updateEvaluation({ ...e, comment: c, version: 2 })),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'conflict' });
    expect((await store.quality.evaluation(e.id))?.version).toBe(2);
  });

  it('lists evaluations newest first, filtered and in pages', async () => {
    const agent = randomUUID();
    const evaluator = randomUUID();
    const contact = randomUUID();
    const es = [
      anEvaluation({ agentId: agent, evaluatorId: evaluator, state: 'draft', createdAt: at(1) }),
      anEvaluation({
        agentId: agent,
        evaluatorId: evaluator,
        state: 'submitted',
        createdAt: at(2),
      }),
      anEvaluation({ agentId: agent, contactId: contact, state: 'disputed', createdAt: at(3) }),
      anEvaluation({
        agentId: agent,
        evaluatorId: evaluator,
        state: 'acknowledged',
        createdAt: at(4),
      }),
      anEvaluation({
        evaluatorId: evaluator,
        contactId: contact,
        state: 'draft',
        createdAt: at(5),
      }),
    ];
    await store.transaction(async (tx) => {
      for (const e of es) await tx.quality.insertEvaluation(e);
    });
    const ids = (...xs: QaEvaluation[]) => xs.map((x) => x.id);
    const list = async (
      f: Parameters<Store['quality']['evaluations']>[0],
      limit = 50,
      offset = 0,
    ) => {
      const p = await store.quality.evaluations(f, { limit, offset });
      return { ids: p.items.map((x) => x.id), total: p.total };
    };
    const [e0, e1, e2, e3, e4] = es as [
      QaEvaluation,
      QaEvaluation,
      QaEvaluation,
      QaEvaluation,
      QaEvaluation,
    ];
    expect(await list({ agentId: agent })).toEqual({ ids: ids(e3, e2, e1, e0), total: 4 });
    expect(await list({ agentId: agent }, 2, 1)).toEqual({ ids: ids(e2, e1), total: 4 });
    expect(await list({ agentId: agent, submittedOnly: true })).toEqual({
      ids: ids(e3, e2, e1),
      total: 3,
    });
    expect(await list({ evaluatorId: evaluator, state: 'draft' })).toEqual({
      ids: ids(e4, e0),
      total: 2,
    });
    expect(await list({ contactId: contact })).toEqual({ ids: ids(e4, e2), total: 2 });
    expect(await list({ agentId: randomUUID() })).toEqual({ ids: [], total: 0 });
  });
});
