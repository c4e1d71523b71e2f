/**
 * The SMS survey: when a contact's router task completes (the agent wrapped it up) and the
 * survey is on for its channel and queue, the customer's mobile gets "reply 1–5" through the
 * outbox, remembered as an invitation. A reply from that number within the configured hours
 * that is just a digit 1–5 answers the survey: the inbox files it on the survey's conversation
 * instead of opening a new contact (`claimReply`). Any other text is an ordinary message.
 */
import { normalizeMsisdn } from '../../domain/customer/customer.ts';
import { isDomainError } from '../../domain/errors.ts';
import type { LoggedEvent } from '../../domain/events/domain-event.ts';
import { parseSurveyScore } from '../../domain/quality/survey-response.ts';
import {
  assertSmsSurveySettings,
  defaultSmsSurveySettings,
  type SmsSurveySettings,
} from '../../domain/quality/sms-survey-settings.ts';
import { systemActor, type AppDeps } from '../app-context.ts';
import type { OutboxService } from '../messaging/outbox-service.ts';
import type { StoreTx } from '../ports/store.ts';
import type { SurveyService } from './survey-service.ts';

const settingsKey = 'quality.sms_survey';

export class SmsSurveyService {
  private chain: Promise<void> = Promise.resolve();
  private stop: (() => void) | null = null;

  constructor(
    private readonly deps: AppDeps,
    private readonly outbox: OutboxService,
    private readonly surveys: SurveyService,
  ) {}

  async settings(): Promise<SmsSurveySettings> {
    return {
      ...defaultSmsSurveySettings,
      ...(await this.deps.store.settings.get<SmsSurveySettings>(settingsKey)),
    };
  }

  async setSettings(s: SmsSurveySettings): Promise<SmsSurveySettings> {
    assertSmsSurveySettings(s);
    await this.deps.store.settings.set(settingsKey, s);
    return s;
  }

  /** Follows completed tasks in the log; returns when the listener is attached. */
  start(): void {
    this.stop ??= this.deps.store.onCommit((events) => {
      for (const e of events)
        if (e.type === 'task.completed')
          this.chain = this.chain.then(() =>
            this.afterTask(e).catch((err) => console.error('SMS survey failed', err)),
          );
    });
  }

  /** Stops following and waits for surveys being sent (tests and shutdown). */
  async close(): Promise<void> {
    this.stop?.();
    this.stop = null;
    await this.chain;
  }

  /** Resolves once every completed task seen so far has been handled. */
  idle(): Promise<void> {
    return this.chain;
  }

  private async afterTask(e: LoggedEvent): Promise<void> {
    // A transfer hands the contact on; the survey waits for the agent who finishes it.
    if (!e.payload['agentId'] || e.payload['wrapUpCode'] === 'transferred') return;
    const s = await this.settings();
    if (!s.enabled) return;
    const store = this.deps.store;
    const task = await store.routing.getTask(e.subjectId);
    if (!task || (s.queueIds.length > 0 && !s.queueIds.includes(task.queueId))) return;
    const contact = (await store.contacts.list({ taskId: task.id }, { limit: 1, offset: 0 }))
      .items[0];
    if (!contact || !s.channels.includes(contact.channel)) return;
    const customer = contact.customerId ? await store.customers.get(contact.customerId) : null;
    const raw =
      customer?.msisdn ??
      ((contact.channel === 'sms' || contact.channel === 'voice') && contact.direction === 'inbound'
        ? contact.from
        : null);
    const address = raw ? msisdnOrNull(raw, this.deps.config.defaultCountryCode) : null;
    if (!address || (await store.quality.invitationFor(contact.id))) return;
    const now = this.deps.clock.now();
    try {
      await store.transaction(async (tx) => {
        const m = await this.outbox.enqueueIn(tx, systemActor, {
          channel: 'sms',
          body: s.text,
          // An SMS conversation carries its survey; after a call the outbox opens an SMS one.
          contactId: contact.channel === 'sms' ? contact.id : null,
          to: address,
          kind: 'survey',
        });
        await tx.quality.addInvitation({
          id: this.deps.ids.newId(),
          address,
          contactId: contact.id,
          threadContactId: m.contactId,
          sentAt: now,
          expiresAt: new Date(now.getTime() + s.replyHours * 3_600_000),
          answeredAt: null,
        });
      });
    } catch (err) {
      // No SMS channel configured: nothing to send with, and nothing to wait for.
      if (isDomainError(err) && err.code === 'channel.unavailable') return;
      throw err;
    }
    this.outbox.kick();
  }

  /**
   * For the inbox, inside its transaction: when an inbound SMS answers an open survey, records
   * the answer and returns the conversation to file the reply on; otherwise null.
   */
  async claimReply(tx: StoreTx, from: string, body: string): Promise<string | null> {
    const score = parseSurveyScore(body);
    const address = msisdnOrNull(from, this.deps.config.defaultCountryCode);
    if (score === null || !address) return null;
    const now = this.deps.clock.now();
    const inv = await tx.quality.openInvitation(address, now);
    if (!inv || !(await tx.quality.markInvitationAnswered(inv.id, now))) return null;
    await this.surveys.recordIn(tx, { channel: 'sms', contactId: inv.contactId, score });
    return inv.threadContactId;
  }
}

function msisdnOrNull(raw: string, cc: string): string | null {
  try {
    return normalizeMsisdn(raw, cc);
  } catch {
    return null;
  }
}
