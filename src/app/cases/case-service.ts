/**
 * Case use cases: open, read, list, move through stages, assign, dispatch, note, urge, link
 * contacts, reply. Each change locks the case row, applies the pure domain operation and stores
 * the case with its events in one transaction.
 */
import { canSeeCase, caseAccess } from '../../domain/access/viewer.ts';
import {
  assignCase,
  caseCallbackEvent,
  caseContactLinkedEvent,
  caseNoteEvent,
  caseReplyEvent,
  changePriority,
  dispatchCase,
  moveCase,
  openCase,
  urgeCase,
  type Case,
  type CaseChange,
} from '../../domain/case/case.ts';
import { formatCaseNumber } from '../../domain/case/case-number.ts';
import type { CaseStage } from '../../domain/case/case-stage.ts';
import type { CaseTypeDef, Priority } from '../../domain/case/case-type.ts';
import type { Channel } from '../../domain/contact/contact.ts';
import { DomainError } from '../../domain/errors.ts';
import { localDateOf } from '../../domain/sla/zoned-time.ts';
import { staffRoles } from '../../domain/user/user.ts';
import { normalizeMsisdn } from '../../domain/customer/customer.ts';
import { isOpenStage } from '../../domain/case/case-stage.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { CaseFilter, CaseNote, CaseReply, Page, StoreTx } from '../ports/store.ts';
import { dueTimesFor, readCaseSla } from './sla-planner.ts';
import {
  isMessageChannel,
  type Message,
  type MessageChannel,
} from '../../domain/message/message.ts';
import type { OutboundDraft } from '../messaging/outbound-draft.ts';
import { callbackTime } from '../../domain/dialer/callback-time.ts';
import type { CallbackRequest } from '../dialer/callback-scheduler.ts';

/** Where case steps become work for agents (implemented by the router). */
export interface CaseWork {
  caseDispatched(c: Case): Promise<void>;
  caseStepDone(c: Case): Promise<void>;
  /** `at`: the customer's time (the agent sees it; there is no dialer to wait for it). */
  callbackRequested(c: Case, number: string, note: string | null, at: Date | null): Promise<void>;
}

export interface NewCase {
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly customerId?: string | null | undefined;
  readonly priority?: Priority | undefined;
  readonly categoryId?: string | null | undefined;
  readonly assigneeId?: string | null | undefined;
  readonly teamId?: string | null | undefined;
  readonly contactId?: string | undefined;
}

export interface ReplyInput {
  readonly channel: Channel;
  readonly body: string;
  readonly to?: string | null | undefined;
  readonly subject?: string | null | undefined;
  /** The conversation answered (a chat, one e-mail thread of several). */
  readonly contactId?: string | null | undefined;
  readonly attachments?:
    readonly { filename: string; contentType: string; data: Uint8Array }[] | undefined;
  /** Also move the case to `replied`; refused (and nothing recorded) when that move is illegal. */
  readonly advance: boolean;
}

const notFound = (id: string) => new DomainError('not_found', 'no such case', { id });

/** The outbox, as the case service sees it (app/messaging/outbox-service.ts). */
export interface CaseOutbox {
  has(channel: MessageChannel): boolean;
  enqueueIn(tx: StoreTx, actor: Actor, d: OutboundDraft): Promise<Message>;
  kick(): void;
}

/** Where call-backs are dialed when the center has a dialer (callback-scheduler.ts). */
export interface CaseCallbacks {
  schedule(actorId: string | null, r: CallbackRequest): Promise<unknown>;
}

export class CaseService {
  private outbox: CaseOutbox | null = null;
  private callbacks: CaseCallbacks | null = null;

  /** Call-backs are dialed by the dialer at their time from then on (instead of agent tasks). */
  useCallbacks(c: CaseCallbacks): void {
    this.callbacks = c;
  }

  /** Replies on message channels are sent through the outbox from then on. */
  useOutbox(o: CaseOutbox): void {
    this.outbox = o;
  }

  constructor(
    private readonly deps: AppDeps,
    /** Turns case steps that need someone's work into router tasks (optional in tests). */
    private readonly work?: CaseWork,
  ) {}

  private meta(actor: Actor) {
    return { actorId: actor.id === 'system' ? null : actor.id, at: this.deps.clock.now() };
  }

  private async typeDef(tx: StoreTx, code: string): Promise<CaseTypeDef> {
    const t = await tx.caseTypes.get(code);
    if (!t) throw new DomainError('case.unknown_type', `unknown case type ${code}`, { type: code });
    return t;
  }

  async create(actor: Actor, n: NewCase): Promise<Case> {
    return this.deps.store.transaction((tx) => this.createIn(tx, actor, n));
  }

  /** Opens a case inside the caller's transaction (a channel creating contact and case at once). */
  async createIn(tx: StoreTx, actor: Actor, n: NewCase): Promise<Case> {
    const now = this.deps.clock.now();
    const isCustomer = actor.role === 'customer';
    {
      const type = await this.typeDef(tx, n.type);
      const customerId = isCustomer ? actor.customerId : (n.customerId ?? null);
      if (customerId && !(await tx.customers.get(customerId)))
        throw new DomainError('validation.failed', `customer ${customerId} does not exist`, {
          field: 'customerId',
        });
      if (n.categoryId && !(await tx.categories.get(n.categoryId)))
        throw new DomainError('validation.failed', `category ${n.categoryId} does not exist`, {
          field: 'categoryId',
        });
      const assigneeId = isCustomer
        ? null
        : n.assigneeId !== undefined
          ? n.assigneeId
          : actor.role === 'admin'
            ? null
            : actor.id;
      const teamId = isCustomer
        ? null
        : n.teamId !== undefined
          ? n.teamId
          : (actor.teamIds[0] ?? null);
      await this.assertAssignable(tx, assigneeId, teamId);
      const priority = n.priority ?? type.defaultPriority;
      const number = formatCaseNumber(
        localDateOf(now, this.deps.config.timeZone),
        await tx.cases.nextNumber(localDateOf(now, this.deps.config.timeZone)),
      );
      const due = await dueTimesFor(tx, type.code, priority, 'accepted', now, now);
      const change = openCase({
        id: this.deps.ids.newId(),
        number,
        type,
        title: n.title.trim(),
        description: n.description,
        categoryId: n.categoryId ?? null,
        priority,
        customerId,
        assigneeId,
        teamId,
        createdBy: actor.id === 'system' ? null : actor.id,
        now,
        due,
      });
      if (!change.case.title)
        throw new DomainError('validation.failed', 'a case needs a title', { field: 'title' });
      await tx.cases.insert(change.case);
      tx.append(change.events, this.meta(actor));
      if (n.contactId) await this.link(tx, actor, change.case, n.contactId);
      return change.case;
    }
  }

  /** Reads a case the actor may see; others get not_found so existence does not leak. */
  async get(actor: Actor, id: string): Promise<Case> {
    const c = await this.deps.store.cases.get(id);
    if (!c || !canSeeCase(actor, c)) throw notFound(id);
    return c;
  }

  async getByNumber(actor: Actor, number: string): Promise<Case> {
    const c = await this.deps.store.cases.getByNumber(number);
    if (!c || !canSeeCase(actor, c)) throw notFound(number);
    return c;
  }

  list(actor: Actor, f: CaseFilter, page: Page) {
    return this.deps.store.cases.list(f, caseAccess(actor), page);
  }

  async details(actor: Actor, id: string) {
    const c = await this.get(actor, id);
    const staff = staffRoles.includes(actor.role);
    const repos = this.deps.store;
    const [notes, replies, contacts, sla] = await Promise.all([
      repos.cases.notes(id, staff),
      repos.cases.replies(id),
      staff
        ? repos.contacts.list({ caseId: id }, { limit: 200, offset: 0 })
        : Promise.resolve({ items: [], total: 0 }),
      readCaseSla(repos, c, this.deps.clock.now()),
    ]);
    return { case: c, notes, replies, contacts: contacts.items, sla };
  }

  async sla(actor: Actor, id: string) {
    const c = await this.get(actor, id);
    return readCaseSla(this.deps.store, c, this.deps.clock.now());
  }

  async timeline(actor: Actor, id: string) {
    await this.get(actor, id);
    const events = await this.deps.store.events.forSubject('case', id, 1000);
    return actor.role === 'customer'
      ? events.filter((e) => e.scope.customerId === actor.customerId)
      : events;
  }

  /** Locks the case, checks access, applies `op`, stores the result and its events. */
  private async change(
    actor: Actor,
    id: string,
    op: (c: Case, tx: StoreTx) => Promise<CaseChange>,
  ): Promise<Case> {
    let before: Case | null = null;
    const after = await this.deps.store.transaction(async (tx) => {
      const c = await tx.cases.getForUpdate(id);
      if (!c || !canSeeCase(actor, c)) throw notFound(id);
      before = c;
      const r = await op(c, tx);
      await tx.cases.update(r.case);
      tx.append(r.events, this.meta(actor));
      return r.case;
    });
    if (before) await this.afterChange(before, after);
    return after;
  }

  /** A dispatched case becomes a task for the back-office team; leaving dispatch ends it. */
  private async afterChange(before: Case, after: Case): Promise<void> {
    if (!this.work) return;
    try {
      const redispatched =
        after.stage === 'dispatched' && before.dispatchTeamId !== after.dispatchTeamId;
      if (before.stage === 'dispatched' && (after.stage !== 'dispatched' || redispatched))
        await this.work.caseStepDone(after);
      if (after.stage === 'dispatched' && (before.stage !== 'dispatched' || redispatched))
        await this.work.caseDispatched(after);
    } catch (e) {
      // The case change is committed; a missing task shows on the case and can be re-dispatched.
      console.error('case work hand-off failed', e);
    }
  }

  transition(
    actor: Actor,
    id: string,
    to: CaseStage,
    o: { note?: string | null; satisfaction?: number | null } = {},
  ) {
    return this.change(actor, id, async (c, tx) => {
      const now = this.deps.clock.now();
      const plan = await this.typeDef(tx, c.type);
      const reopen = c.stage === 'closed' && to === 'accepted';
      const due = await dueTimesFor(tx, c.type, c.priority, to, now, reopen ? now : c.acceptedAt);
      return moveCase(c, to, {
        plan,
        now,
        note: o.note ?? null,
        due,
        satisfaction: o.satisfaction ?? null,
      });
    });
  }

  close(actor: Actor, id: string, o: { satisfaction?: number | null; note?: string | null }) {
    return this.transition(actor, id, 'closed', o);
  }

  async reopen(actor: Actor, id: string, note: string | null) {
    const c = await this.get(actor, id);
    if (c.stage !== 'closed')
      throw new DomainError('case.illegal_transition', 'only a closed case can be reopened', {
        from: c.stage,
        to: 'accepted',
      });
    return this.transition(actor, id, 'accepted', { note });
  }

  dispatch(
    actor: Actor,
    id: string,
    d: { teamId: string; assigneeId?: string | null; note?: string | null },
  ) {
    return this.change(actor, id, async (c, tx) => {
      await this.assertAssignable(tx, d.assigneeId ?? null, d.teamId);
      const now = this.deps.clock.now();
      const plan = await this.typeDef(tx, c.type);
      const due = await dueTimesFor(tx, c.type, c.priority, 'dispatched', now, c.acceptedAt);
      return dispatchCase(c, d.teamId, {
        plan,
        now,
        note: d.note ?? null,
        due,
        ...(d.assigneeId !== undefined ? { assigneeId: d.assigneeId } : {}),
      });
    });
  }

  assign(actor: Actor, id: string, to: { assigneeId?: string | null; teamId?: string | null }) {
    return this.change(actor, id, async (c, tx) => {
      const assigneeId = to.assigneeId !== undefined ? to.assigneeId : c.assigneeId;
      const teamId = to.teamId !== undefined ? to.teamId : c.teamId;
      await this.assertAssignable(tx, assigneeId, teamId);
      return assignCase(c, { assigneeId, teamId }, this.deps.clock.now());
    });
  }

  urge(actor: Actor, id: string, note: string | null) {
    return this.change(actor, id, async (c) => urgeCase(c, this.deps.clock.now(), note));
  }

  setPriority(actor: Actor, id: string, priority: Priority) {
    return this.change(actor, id, async (c, tx) => {
      const r = changePriority(c, priority, this.deps.clock.now());
      const due = await dueTimesFor(tx, c.type, priority, c.stage, c.stageEnteredAt, c.acceptedAt);
      return { case: { ...r.case, ...due }, events: r.events };
    });
  }

  async addNote(
    actor: Actor,
    id: string,
    n: { body: string; internal: boolean },
  ): Promise<CaseNote> {
    const internal = actor.role === 'customer' ? false : n.internal;
    return this.deps.store.transaction(async (tx) => {
      const c = await tx.cases.get(id);
      if (!c || !canSeeCase(actor, c)) throw notFound(id);
      const note: CaseNote = {
        id: this.deps.ids.newId(),
        caseId: id,
        authorId: actor.id,
        body: n.body,
        internal,
        createdAt: this.deps.clock.now(),
      };
      await tx.cases.addNote(note);
      tx.append([caseNoteEvent(c, note.id, internal, actor.id)], this.meta(actor));
      return note;
    });
  }

  async linkContact(actor: Actor, id: string, contactId: string): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      const c = await tx.cases.get(id);
      if (!c || !canSeeCase(actor, c)) throw notFound(id);
      await this.link(tx, actor, c, contactId);
    });
  }

  private async link(tx: StoreTx, actor: Actor, c: Case, contactId: string) {
    const contact = await tx.contacts.get(contactId);
    if (!contact) throw new DomainError('not_found', 'no such contact', { id: contactId });
    await tx.contacts.update({
      ...contact,
      caseId: c.id,
      customerId: contact.customerId ?? c.customerId,
      updatedAt: this.deps.clock.now(),
    });
    // The conversation so far belongs to the case from now on: whoever works the case (a back
    // office that never saw the chat) reads it in the case's timeline.
    await tx.messages.fileUnderCase(contactId, c.id);
    tx.append([caseContactLinkedEvent(c, contactId, contact.channel)], this.meta(actor));
  }

  /** Records a reply to the customer; the channel adapters send it (status recorded → sent). */
  async reply(
    actor: Actor,
    id: string,
    r: ReplyInput,
  ): Promise<{ reply: CaseReply; case: Case; message: Message | null }> {
    const outbox = this.outbox && isMessageChannel(r.channel) ? this.outbox : null;
    const result = await this.deps.store.transaction(async (tx) => {
      let c = await tx.cases.getForUpdate(id);
      if (!c || !canSeeCase(actor, c)) throw notFound(id);
      const now = this.deps.clock.now();
      if (r.advance && c.stage !== 'replied') {
        const plan = await this.typeDef(tx, c.type);
        const due = await dueTimesFor(tx, c.type, c.priority, 'replied', now, c.acceptedAt);
        const moved = moveCase(c, 'replied', { plan, now, due, note: null });
        await tx.cases.update(moved.case);
        tx.append(moved.events, this.meta(actor));
        c = moved.case;
      }
      const reply: CaseReply = {
        id: this.deps.ids.newId(),
        caseId: id,
        authorId: actor.id,
        channel: r.channel,
        to: r.to ?? null,
        subject: r.subject ?? null,
        body: r.body,
        status: outbox ? 'queued' : 'recorded',
        createdAt: now,
      };
      const message = outbox
        ? await outbox.enqueueIn(tx, actor, {
            id: reply.id,
            channel: r.channel as MessageChannel,
            caseId: id,
            contactId: r.contactId,
            to: r.to,
            subject: r.subject,
            body: r.body,
            attachments: r.attachments,
          })
        : null;
      const stored = message ? { ...reply, to: message.to, subject: message.subject } : reply;
      await tx.cases.addReply(stored);
      tx.append([caseReplyEvent(c, reply.id, r.channel, actor.id)], this.meta(actor));
      return { reply: stored, case: c, message };
    });
    outbox?.kick();
    return result;
  }

  /** Asks for a call-back on the case (to its customer's number unless another is given). */
  async requestCallback(
    actor: Actor,
    id: string,
    r: { number?: string | null; note?: string | null; at?: Date | null },
  ): Promise<{ number: string; at: Date | null }> {
    const at = callbackTime(r.at, this.deps.clock.now());
    const result = await this.deps.store.transaction(async (tx) => {
      const c = await tx.cases.get(id);
      if (!c || !canSeeCase(actor, c)) throw notFound(id);
      if (!isOpenStage(c.stage))
        throw new DomainError('case.closed', `cannot call back on a ${c.stage} case`, {
          stage: c.stage,
        });
      const customer = c.customerId ? await tx.customers.get(c.customerId) : null;
      const raw = r.number ?? customer?.msisdn ?? null;
      if (!raw)
        throw new DomainError('validation.failed', 'give a number to call back', {
          field: 'number',
        });
      const number = normalizeMsisdn(raw, this.deps.config.defaultCountryCode);
      tx.append([caseCallbackEvent(c, number, r.note ?? null, at)], this.meta(actor));
      return { c, number, name: customer?.name ?? '' };
    });
    const { c } = result;
    if (this.callbacks)
      await this.callbacks.schedule(actor.id, {
        queueId: null,
        number: result.number,
        name: result.name,
        at,
        data: {
          caseId: c.id,
          caseNumber: c.number,
          ...(r.note ? { note: r.note } : {}),
          ...(c.customerId ? { customerId: c.customerId } : {}),
        },
      });
    else if (this.work) await this.work.callbackRequested(c, result.number, r.note ?? null, at);
    return { number: result.number, at };
  }

  private async assertAssignable(tx: StoreTx, assigneeId: string | null, teamId: string | null) {
    if (assigneeId) {
      const u = await tx.users.get(assigneeId);
      if (!u || !staffRoles.includes(u.role))
        throw new DomainError('validation.failed', `user ${assigneeId} cannot be assigned cases`, {
          field: 'assigneeId',
        });
    }
    if (teamId && !(await tx.teams.get(teamId)))
      throw new DomainError('validation.failed', `team ${teamId} does not exist`, {
        field: 'teamId',
      });
  }
}
