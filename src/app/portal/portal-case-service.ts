/**
 * What a signed-in customer does with their own cases in the portal: read them with their
 * messages, write on them, rate the answer. Access is the case rules' (`canSeeCase`): another
 * customer's case is not found. A portal message enters through the inbox on the `webform`
 * channel, so it is threaded into the case and offered to an agent (the case's assignee first).
 */
import { canSeeCase } from '../../domain/access/viewer.ts';
import { isOpenStage } from '../../domain/case/case-stage.ts';
import { assertRateable, rateClosedCase } from '../../domain/case/case-rating.ts';
import { assertSatisfaction, type Case } from '../../domain/case/case.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Message } from '../../domain/message/message.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { CaseService } from '../cases/case-service.ts';
import type { InboxService } from '../messaging/inbox-service.ts';
import type { MessageService } from '../messaging/message-service.ts';
import type { Page, PageOf } from '../ports/store.ts';
import type { SurveyService } from '../quality/survey-service.ts';

export interface PortalCase {
  readonly case: Case;
  readonly messages: Message[];
}

export class PortalCaseService {
  constructor(
    private readonly deps: AppDeps,
    private readonly cases: CaseService,
    private readonly messages: MessageService,
    private readonly inbox: Pick<InboxService, 'receive'>,
    private readonly surveys: SurveyService,
  ) {}

  list(actor: Actor, page: Page): Promise<PageOf<Case>> {
    assertCustomer(actor);
    return this.cases.list(actor, {}, page);
  }

  async get(actor: Actor, id: string): Promise<PortalCase> {
    assertCustomer(actor);
    const kase = await this.cases.get(actor, id);
    return { case: kase, messages: await this.messages.ofCase(actor, id) };
  }

  /** The customer writes on their case; closed cases take no more messages (reopen by phone). */
  async reply(actor: Actor, id: string, body: string): Promise<Message> {
    assertCustomer(actor);
    const kase = await this.cases.get(actor, id);
    if (!isOpenStage(kase.stage))
      throw new DomainError('case.closed', `cannot write on a ${kase.stage} case`, {
        stage: kase.stage,
      });
    const customer = await this.deps.store.customers.get(actor.customerId as string);
    const r = await this.inbox.receive({
      channel: 'webform',
      caseId: kase.id,
      customerId: kase.customerId,
      from: customer?.msisdn ?? customer?.email ?? actor.username,
      fromName: customer?.name ?? null,
      to: 'portal',
      subject: kase.title,
      body,
    });
    return r.message;
  }

  /**
   * Rates the case 1–5. In `replied` the rating closes the case (客户回复 → 结案); a case closed
   * without a rating gets it added. The comment becomes a note the staff see. The rating is
   * also a web survey answer, so survey reports count it with the IVR and SMS ones.
   */
  async rate(actor: Actor, id: string, score: number, comment: string | null): Promise<Case> {
    assertCustomer(actor);
    assertSatisfaction(score);
    const kase = await this.cases.get(actor, id);
    assertRateable(kase);
    let rated: Case;
    if (kase.stage === 'replied') {
      // Closing runs the case rules in their own transaction; the survey follows it.
      rated = await this.cases.close(actor, id, { satisfaction: score, note: null });
      await this.surveys.record({ channel: 'web', score, comment, caseId: id });
    } else rated = await this.rateClosed(actor, id, score, comment);
    if (comment?.trim())
      await this.cases.addNote(actor, id, { body: comment.trim(), internal: false });
    return rated;
  }

  private rateClosed(
    actor: Actor,
    id: string,
    score: number,
    comment: string | null,
  ): Promise<Case> {
    return this.deps.store.transaction(async (tx) => {
      const c = await tx.cases.getForUpdate(id);
      if (!c || !canSeeCase(actor, c)) throw new DomainError('not_found', 'no such case', { id });
      const r = rateClosedCase(c, score, this.deps.clock.now());
      await tx.cases.update(r.case);
      tx.append(r.events, { actorId: actor.id, at: this.deps.clock.now() });
      await this.surveys.recordIn(tx, { channel: 'web', score, comment, caseId: id });
      return r.case;
    });
  }
}

/** These are the customer's own views; staff use the case API. */
function assertCustomer(actor: Actor): asserts actor is Actor & { customerId: string } {
  if (actor.role !== 'customer' || !actor.customerId)
    throw new DomainError('auth.forbidden', 'the portal is for customers');
}
