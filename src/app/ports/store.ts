/**
 * The store port: repositories over one database, and transactions that carry events.
 *
 * Behaviour every implementation owes (checked by test/contract/store.contract.test.ts, and for
 * the repositories of each area by test/contract/<area>-store.contract.test.ts):
 * - `transaction(fn)` runs fn atomically: if fn throws, nothing it wrote is kept, no event is
 *   appended and nothing is published.
 * - Events appended in a transaction get consecutive sequence numbers, in commit order across
 *   concurrent transactions, with no gaps; listeners registered with `onCommit` receive them
 *   after the commit, in sequence order.
 * - Unique constraints surface as `DomainError` with the codes named on each method.
 * - Inside `transaction(fn)`, use only the `tx` handed to fn: PGlite has one connection, so a
 *   query through the store itself waits for the transaction to end, which waits for it.
 */
import type { Case } from '../../domain/case/case.ts';
import type { CaseCategory } from '../../domain/case/category-tree.ts';
import type { CaseTypeDef } from '../../domain/case/case-type.ts';
import type { Contact, Channel } from '../../domain/contact/contact.ts';
import type { Customer } from '../../domain/customer/customer.ts';
import type { DomainEvent, LoggedEvent } from '../../domain/events/domain-event.ts';
import type { CaseAccess, Viewer } from '../../domain/access/viewer.ts';
import type { BusinessCalendar } from '../../domain/sla/business-calendar.ts';
import type { SlaPolicy } from '../../domain/sla/sla-policy.ts';
import type { CaseStage } from '../../domain/case/case-stage.ts';
import type { Role, Skill, Team, User } from '../../domain/user/user.ts';
import type { DeviceRepo } from './device-repo.ts';
import type { IvrRepo } from './ivr-repo.ts';
import type { MessageRepo } from './message-repo.ts';
import type { StatsRepo } from './stats-repo.ts';
import type { PortalRepo } from './portal-repo.ts';
import type { QualityRepo } from './quality-repo.ts';
import type { RoutingRepo } from './routing-repo.ts';
import type { RecordingRepo } from './recording-repo.ts';
import type { WebhookRepo } from './webhook-repo.ts';
import type { DialerRepo } from './dialer-repo.ts';
import type { ResourceRepo } from './resource-repo.ts';
import type { KbRepo } from './kb-repo.ts';

export interface Page {
  readonly limit: number;
  readonly offset: number;
}
export interface PageOf<T> {
  readonly items: T[];
  readonly total: number;
}

export interface UserRepo {
  /** Throws `user.username_taken` when the username exists. */
  insert(u: User, passwordHash: string): Promise<void>;
  /** Updates profile fields, teams and skills (not the password). */
  update(u: User): Promise<void>;
  setPassword(id: string, passwordHash: string): Promise<void>;
  get(id: string): Promise<User | null>;
  getCredentials(username: string): Promise<{ user: User; passwordHash: string } | null>;
  list(f: { role?: Role; teamId?: string; q?: string }, page: Page): Promise<PageOf<User>>;
  delete(id: string): Promise<boolean>;
}

export interface SessionRecord {
  readonly tokenHash: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly ip: string | null;
}
export interface SessionRepo {
  insert(s: SessionRecord): Promise<void>;
  get(tokenHash: string): Promise<SessionRecord | null>;
  delete(tokenHash: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
}

export interface TeamRepo {
  /** Throws `team.name_taken`. */
  insert(t: Team): Promise<void>;
  update(t: Team): Promise<void>;
  get(id: string): Promise<Team | null>;
  list(): Promise<Team[]>;
  delete(id: string): Promise<boolean>;
  memberIds(teamId: string): Promise<string[]>;
}

export interface SkillRepo {
  /** Throws `skill.name_taken`. */
  insert(s: Skill): Promise<void>;
  update(s: Skill): Promise<void>;
  get(id: string): Promise<Skill | null>;
  list(): Promise<Skill[]>;
  delete(id: string): Promise<boolean>;
}

export interface CustomerSearch {
  readonly q?: string;
  readonly msisdn?: string;
  readonly email?: string;
  readonly name?: string;
  readonly tag?: string;
  readonly level?: string;
}
export interface CustomerRepo {
  /** Throws `customer.msisdn_taken`. */
  insert(c: Customer): Promise<void>;
  update(c: Customer): Promise<void>;
  get(id: string): Promise<Customer | null>;
  getByMsisdn(msisdn: string): Promise<Customer | null>;
  search(f: CustomerSearch, page: Page): Promise<PageOf<Customer>>;
  delete(id: string): Promise<boolean>;
}

export interface ContactFilter {
  readonly customerId?: string;
  readonly caseId?: string;
  readonly channel?: Channel;
  readonly agentId?: string;
  readonly taskId?: string;
  /** Only contacts still going on (no end time). */
  readonly open?: boolean;
  readonly from?: string;
}
export interface ContactRepo {
  insert(c: Contact): Promise<void>;
  update(c: Contact): Promise<void>;
  get(id: string): Promise<Contact | null>;
  list(f: ContactFilter, page: Page): Promise<PageOf<Contact>>;
  delete(id: string): Promise<boolean>;
}

export interface CaseTypeRepo {
  list(): Promise<CaseTypeDef[]>;
  get(code: string): Promise<CaseTypeDef | null>;
  /** Throws `case_type.code_taken` on insert of an existing code. */
  insert(t: CaseTypeDef): Promise<void>;
  update(t: CaseTypeDef): Promise<void>;
}

export interface CategoryRepo {
  list(): Promise<CaseCategory[]>;
  get(id: string): Promise<CaseCategory | null>;
  insert(c: CaseCategory): Promise<void>;
  update(c: CaseCategory): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface CalendarRepo {
  list(): Promise<BusinessCalendar[]>;
  get(id: string): Promise<BusinessCalendar | null>;
  insert(c: BusinessCalendar): Promise<void>;
  update(c: BusinessCalendar): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface SlaPolicyRepo {
  list(): Promise<SlaPolicy[]>;
  get(id: string): Promise<SlaPolicy | null>;
  /** Throws `sla.policy_taken` when the type/priority pair has a policy. */
  insert(p: SlaPolicy): Promise<void>;
  update(p: SlaPolicy): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface CaseFilter {
  readonly stage?: CaseStage;
  readonly type?: string;
  readonly assigneeId?: string;
  readonly teamId?: string;
  readonly customerId?: string;
  /** Open cases whose case or stage due time is before this instant. */
  readonly overdueAt?: Date;
  readonly q?: string;
}
export interface CaseNote {
  readonly id: string;
  readonly caseId: string;
  readonly authorId: string;
  readonly body: string;
  readonly internal: boolean;
  readonly createdAt: Date;
}
/** recorded (voice, or no channel sends it) | the outbox states of the message it became. */
export type ReplyStatus = 'recorded' | 'queued' | 'sending' | 'sent' | 'delivered' | 'failed';
export interface CaseReply {
  readonly id: string;
  readonly caseId: string;
  readonly authorId: string;
  readonly channel: Channel;
  readonly to: string | null;
  readonly subject: string | null;
  readonly body: string;
  readonly status: ReplyStatus;
  readonly createdAt: Date;
}
export interface CaseRepo {
  insert(c: Case): Promise<void>;
  /** Writes `c` if the stored version is `c.version - 1`; else throws `case.version_conflict`. */
  update(c: Case): Promise<void>;
  get(id: string): Promise<Case | null>;
  /** Reads and locks the row until the transaction ends. */
  getForUpdate(id: string): Promise<Case | null>;
  getByNumber(n: string): Promise<Case | null>;
  list(f: CaseFilter, access: CaseAccess, page: Page): Promise<PageOf<Case>>;
  /** The next value of the daily case counter for a local date ('YYYY-MM-DD'). */
  nextNumber(localDate: string): Promise<number>;
  addNote(n: CaseNote): Promise<void>;
  notes(caseId: string, includeInternal: boolean): Promise<CaseNote[]>;
  addReply(r: CaseReply): Promise<void>;
  replies(caseId: string): Promise<CaseReply[]>;
  /** Mirrors the outbox status of the message a reply became; no-op for other ids. */
  setReplyStatus(id: string, status: ReplyStatus): Promise<void>;
}

export interface AuditEntry {
  readonly at: Date;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly ip: string | null;
  readonly outcome: 'ok' | 'denied' | 'failed';
  readonly details: Record<string, unknown>;
}
export interface AuditRepo {
  insert(e: AuditEntry): Promise<void>;
  list(
    f: { actorId?: string; action?: string },
    page: Page,
  ): Promise<PageOf<AuditEntry & { id: number }>>;
}

export interface EventReader {
  /** Events with seq > after, oldest first, only those the viewer may see (all when null). */
  after(after: number, limit: number, viewer: Viewer | null): Promise<LoggedEvent[]>;
  /** Events at or after `from` with seq > afterSeq, oldest first (rebuilding today's figures). */
  since(from: Date, afterSeq: number, limit: number): Promise<LoggedEvent[]>;
  /** Events of one type with from <= at < to and seq > afterSeq, oldest first (reports). */
  ofType(
    type: string,
    from: Date,
    to: Date,
    afterSeq: number,
    limit: number,
  ): Promise<LoggedEvent[]>;
  /** The timeline of one subject, oldest first. */
  forSubject(subjectType: string, subjectId: string, limit: number): Promise<LoggedEvent[]>;
  lastSeq(): Promise<number>;
}

export interface SettingsRepo {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown): Promise<void>;
}

export interface Repositories {
  readonly users: UserRepo;
  readonly sessions: SessionRepo;
  readonly teams: TeamRepo;
  readonly skills: SkillRepo;
  readonly customers: CustomerRepo;
  readonly contacts: ContactRepo;
  readonly caseTypes: CaseTypeRepo;
  readonly categories: CategoryRepo;
  readonly calendars: CalendarRepo;
  readonly slaPolicies: SlaPolicyRepo;
  readonly cases: CaseRepo;
  readonly audit: AuditRepo;
  readonly settings: SettingsRepo;
  readonly events: EventReader;
  readonly routing: RoutingRepo;
  readonly devices: DeviceRepo;
  readonly ivr: IvrRepo;
  readonly messages: MessageRepo;
  readonly stats: StatsRepo;
  readonly portal: PortalRepo;
  readonly recordings: RecordingRepo;
  readonly quality: QualityRepo;
  readonly webhooks: WebhookRepo;
  readonly dialer: DialerRepo;
  readonly resources: ResourceRepo;
  readonly kb: KbRepo;
}

export interface EventMeta {
  readonly actorId: string | null;
  readonly at: Date;
}

export interface StoreTx extends Repositories {
  /** Queues events; they are numbered and written just before the commit. */
  append(events: readonly DomainEvent[], meta: EventMeta): void;
}

export type StoreKind = 'pglite' | 'postgres';

export interface Store extends Repositories {
  readonly kind: StoreKind;
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Called after each commit that appended events, with those events in sequence order. */
  onCommit(listener: (events: readonly LoggedEvent[]) => void): () => void;
  close(): Promise<void>;
}
