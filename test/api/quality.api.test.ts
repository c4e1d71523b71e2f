/**
 * QA over HTTP on both stores: a supervisor keeps a versioned form and evaluates an agent's
 * contact; the agent sees only their own submitted evaluations and acknowledges or disputes;
 * a supervisor resolves the dispute. Illegal moves answer coded errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

const T = { timeout: 30_000 };

const formBody = {
  name: '通话质检',
  sections: [
    {
      title: '开场',
      weight: 1,
      questions: [{ text: '问候语规范', weight: 1, kind: 'yes_no' }],
    },
    {
      title: '解决问题',
      weight: 3,
      questions: [
        { text: '解决程度', weight: 2, kind: 'scale', scaleMax: 4 },
        { text: '无辱骂客户', weight: 1, kind: 'yes_no', autoFail: true },
      ],
    },
  ],
};

describe.each(storeKinds)('QA evaluations on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const contactOf = async (agent: 'agent' | 'agent2') =>
    (
      await h.json('POST', '/api/contacts', {
        body: {
          channel: 'voice',
          direction: 'inbound',
          from: '13900139000',
          to: '10086',
          agentId: h.users[agent].id,
        },
      })
    ).body.id as string;

  type Form = {
    id: string;
    version: number;
    sections: { questions: { id: string }[] }[];
  };
  const ids = (f: Form) => f.sections.flatMap((s) => s.questions.map((q) => q.id));

  it('versions a form and evaluates contacts through the whole dispute flow', T, async () => {
    const created = await h.json('POST', '/api/qa/forms', { as: 'supervisor', body: formBody });
    expect(created.status).toBe(201);
    const v1 = created.body as Form;
    expect(v1.version).toBe(1);
    const [greet, solved, polite] = ids(v1) as [string, string, string];

    // Evaluate on version 1, then change the form: the evaluation keeps version 1.
    const draft = await h.json('POST', '/api/qa/evaluations', {
      as: 'supervisor',
      body: { formId: v1.id, contactId: await contactOf('agent'), answers: { [greet]: 'yes' } },
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ state: 'draft', formVersion: 1, score: 100 });
    // The editor sends the ids back, so answers keep matching across versions.
    const edited = {
      name: '通话质检 v2',
      sections: formBody.sections.map((s, i) => ({
        ...s,
        id: (v1 as unknown as { sections: { id: string }[] }).sections[i]!.id,
        questions: s.questions.map((q, j) => ({ ...q, id: v1.sections[i]!.questions[j]!.id })),
      })),
    };
    const v2 = await h.json('PUT', `/api/qa/forms/${v1.id}`, { as: 'supervisor', body: edited });
    expect(v2.body.version).toBe(2);
    expect((await h.json('GET', '/api/qa/forms', { as: 'agent' })).body.items).toHaveLength(1);
    const old = await h.json('GET', `/api/qa/forms/${v1.id}?version=1`, { as: 'agent' });
    expect(old.body).toMatchObject({ version: 1, name: '通话质检' });

    // A draft is the supervisor's own: the agent neither sees nor answers it.
    expect((await h.json('GET', '/api/qa/evaluations', { as: 'agent' })).body.total).toBe(0);
    const early = await h.json('POST', `/api/qa/evaluations/${draft.body.id}/acknowledge`, {
      as: 'agent',
    });
    expect(early.status).toBe(404);
    const incomplete = await h.json('PATCH', `/api/qa/evaluations/${draft.body.id}`, {
      as: 'supervisor',
      body: { answers: { [greet]: 'yes' }, submit: true },
    });
    expect(incomplete.body.code).toBe('quality.invalid_answer');
    const all = { [greet]: 'yes', [solved]: 3, [polite]: 'yes' };
    const submitted = await h.json('PATCH', `/api/qa/evaluations/${draft.body.id}`, {
      as: 'supervisor',
      body: { answers: all, comment: '整体不错', submit: true },
    });
    // (1·100 + 3·(2·0.75 + 1)/3·100) / 4 = 87.5
    expect(submitted.body).toMatchObject({ state: 'submitted', score: 87.5, formVersion: 1 });

    // Another agent cannot answer it; its agent acknowledges it, once.
    const stranger = await h.json('POST', `/api/qa/evaluations/${draft.body.id}/acknowledge`, {
      as: 'agent2',
    });
    expect(stranger.status).toBe(404);
    const ack = await h.json('POST', `/api/qa/evaluations/${draft.body.id}/acknowledge`, {
      as: 'agent',
    });
    expect(ack.body.state).toBe('acknowledged');
    const again = await h.json('POST', `/api/qa/evaluations/${draft.body.id}/dispute`, {
      as: 'agent',
      body: { comment: '改主意了' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('quality.illegal_transition');

    h.clock.advance(60_000);
    // Submitted at once with an auto-fail; the agent disputes, the supervisor changes it.
    const failed = await h.json('POST', '/api/qa/evaluations', {
      as: 'supervisor',
      body: {
        formId: v1.id,
        contactId: await contactOf('agent'),
        answers: { ...all, [polite]: 'no' },
        submit: true,
      },
    });
    expect(failed.body).toMatchObject({ state: 'submitted', score: 0, formVersion: 2 });
    const noReason = await h.json('POST', `/api/qa/evaluations/${failed.body.id}/dispute`, {
      as: 'agent',
      body: { comment: '' },
    });
    expect(noReason.body.code).toBe('validation.failed');
    const disputed = await h.json('POST', `/api/qa/evaluations/${failed.body.id}/dispute`, {
      as: 'agent',
      body: { comment: '录音里我没有不礼貌' },
    });
    expect(disputed.body).toMatchObject({
      state: 'disputed',
      disputeComment: '录音里我没有不礼貌',
    });
    expect(
      (
        await h.json('POST', `/api/qa/evaluations/${failed.body.id}/resolve`, {
          as: 'agent',
          body: { resolution: 'upheld', comment: 'x' },
        })
      ).status,
    ).toBe(403);
    const resolved = await h.json('POST', `/api/qa/evaluations/${failed.body.id}/resolve`, {
      as: 'supervisor',
      body: { resolution: 'changed', comment: '复听确认', answers: all },
    });
    expect(resolved.body).toMatchObject({ state: 'resolved', resolution: 'changed', score: 87.5 });

    const mine = await h.json('GET', '/api/qa/evaluations', { as: 'agent' });
    expect(mine.body.items.map((e: { state: string }) => e.state)).toEqual([
      'resolved',
      'acknowledged',
    ]);
    expect((await h.json('GET', '/api/qa/evaluations', { as: 'agent2' })).body.total).toBe(0);
    const events = (await h.json('GET', '/api/events?after=0&limit=1000')).body.events as {
      type: string;
    }[];
    expect(events.filter((e) => e.type.startsWith('qa_')).map((e) => e.type)).toEqual([
      'qa_form.saved',
      'qa_evaluation.created',
      'qa_form.saved',
      'qa_evaluation.submitted',
      'qa_evaluation.acknowledged',
      'qa_evaluation.created',
      'qa_evaluation.submitted',
      'qa_evaluation.disputed',
      'qa_evaluation.resolved',
    ]);
  });

  it('refuses bad forms and evaluations with coded errors', T, async () => {
    const bad = await h.json('POST', '/api/qa/forms', {
      as: 'supervisor',
      body: {
        name: 'x',
        sections: [{ title: 's', weight: 1, questions: [{ text: 'q', weight: 1, kind: 'scale' }] }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('quality.invalid_form');
    const f = (await h.json('POST', '/api/qa/forms', { as: 'supervisor', body: formBody }))
      .body as Form;
    const noAgent = (
      await h.json('POST', '/api/contacts', {
        body: { channel: 'voice', direction: 'inbound', from: '1', to: '2' },
      })
    ).body.id as string;
    const r = await h.json('POST', '/api/qa/evaluations', {
      as: 'supervisor',
      body: { formId: f.id, contactId: noAgent, answers: {} },
    });
    expect(r.body.code).toBe('validation.failed');
    const unknownQ = await h.json('POST', '/api/qa/evaluations', {
      as: 'supervisor',
      body: { formId: f.id, contactId: await contactOf('agent2'), answers: { nope: 'yes' } },
    });
    expect(unknownQ.body.code).toBe('quality.invalid_answer');
    const retired = await h.json('PUT', `/api/qa/forms/${f.id}`, {
      as: 'supervisor',
      body: { ...formBody, active: false },
    });
    expect(retired.body.active).toBe(false);
    const onRetired = await h.json('POST', '/api/qa/evaluations', {
      as: 'supervisor',
      body: { formId: f.id, contactId: await contactOf('agent2'), answers: {} },
    });
    expect(onRetired.body.code).toBe('quality.invalid_form');
    expect((await h.json('POST', '/api/qa/forms', { as: 'agent', body: formBody })).status).toBe(
      403,
    );
  });
});
