/**
 * What happens to a mail that reached kefu (by SMTP or from an IMAP mailbox): a bounce marks the
 * reply it is about as failed; mail from a fax gateway goes to the fax channel; any other mail
 * enters the inbox as an e-mail contact, opening a case when it threads into none, and gets the
 * acknowledgement with the case number when RFC 3834 allows one.
 */
import { systemActor } from '../../app/app-context.ts';
import { systemClock, type Clock } from '../../app/ports/clock.ts';
import type { InboxService } from '../../app/messaging/inbox-service.ts';
import type { OutboxService } from '../../app/messaging/outbox-service.ts';
import {
  autoReplyHeaders,
  autoReplyVerdict,
  type AutoReplyVerdict,
} from '../../domain/message/auto-reply-policy.ts';
import type { Message } from '../../domain/message/message.ts';
import type { Case } from '../../domain/case/case.ts';
import { readMail, type ReadLimits, type ReadMail } from './mail-reader.ts';

export interface EmailConfig {
  /** The center's address replies come from (support@…). */
  readonly address: string;
  /** Every address that is the center itself (never auto-answered). */
  readonly ownAddresses: readonly string[];
  /** X-Loop token on kefu's automatic mail; mail carrying it is never answered. */
  readonly loopToken: string;
  /** Type of the case opened for a mail that threads into none. */
  readonly caseType: string;
  /** Send the acknowledgement with the case number. */
  readonly acknowledge: boolean;
  readonly limits?: ReadLimits;
}

export type Log = (
  level: 'info' | 'warn' | 'error',
  msg: string,
  extra?: Record<string, unknown>,
) => void;

export interface Envelope {
  /** MAIL FROM; '' for the null reverse-path. */
  readonly from: string;
  readonly to: readonly string[];
}

/** Mail a fax gateway sends (T.37): handled by the fax channel when one is configured. */
export type FaxMailHandler = {
  accepts(m: ReadMail, envelope: Envelope): boolean;
  receive(m: ReadMail, envelope: Envelope): Promise<void>;
};

export type IngestOutcome =
  | {
      kind: 'mail';
      messageId: string;
      caseNumber: string | null;
      duplicate: boolean;
      ack: AutoReplyVerdict;
    }
  | { kind: 'bounce'; matched: boolean }
  | { kind: 'fax' };

export class MailIngest {
  private fax: FaxMailHandler | null = null;

  constructor(
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
    readonly config: EmailConfig,
    private readonly log: Log,
    private readonly clock: Clock = systemClock,
  ) {}

  useFax(h: FaxMailHandler): void {
    this.fax = h;
  }

  async ingest(raw: Buffer, envelope: Envelope): Promise<IngestOutcome> {
    const m = await readMail(raw, this.config.limits);
    if (m.kind === 'bounce') {
      const failed = m.originalMessageId
        ? await this.outbox.failed('email', m.originalMessageId, m.diagnostic)
        : null;
      this.log(failed ? 'info' : 'warn', 'delivery failure report', {
        originalMessageId: m.originalMessageId,
        status: m.status,
        matched: Boolean(failed),
      });
      return { kind: 'bounce', matched: Boolean(failed) };
    }
    if (this.fax?.accepts(m, envelope)) {
      await this.fax.receive(m, envelope);
      return { kind: 'fax' };
    }
    const r = await this.inbox.receive({
      channel: 'email',
      from: m.replyTo ?? m.from,
      fromName: m.fromName,
      to: m.to[0] ?? envelope.to[0] ?? this.config.address,
      subject: m.subject,
      body: m.text,
      externalId: m.messageId,
      meta: {
        ...(m.messageId ? { messageId: m.messageId } : {}),
        ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
        references: m.references,
        envelopeFrom: envelope.from,
        ...(m.html ? { html: m.html } : {}),
        ...(m.headers['auto-submitted'] ? { autoSubmitted: m.headers['auto-submitted'] } : {}),
        ...(m.headers['precedence'] ? { precedence: m.headers['precedence'] } : {}),
        ...(m.droppedAttachments ? { droppedAttachments: m.droppedAttachments } : {}),
      },
      attachments: m.attachments,
      receivedAt: undefined,
      openCase: { type: this.config.caseType },
    });
    let ack: AutoReplyVerdict = { send: false, reason: 'recently_replied' };
    // The mail is stored: nothing about the acknowledgement may turn that into a failure.
    if (!r.duplicate && r.newCase && r.case && this.config.acknowledge && this.outbox.has('email'))
      ack = await this.acknowledge(m, envelope, r.message, r.case).catch((e: unknown) => {
        this.log('warn', 'acknowledgement not queued', { err: String(e) });
        return { send: false, reason: 'no_sender' } as const;
      });
    return {
      kind: 'mail',
      messageId: r.message.id,
      caseNumber: r.case?.number ?? null,
      duplicate: r.duplicate,
      ack,
    };
  }

  private async acknowledge(
    m: ReadMail,
    envelope: Envelope,
    message: Message,
    kase: Case,
  ): Promise<AutoReplyVerdict> {
    const to = m.replyTo ?? m.from;
    const last = to ? await this.outbox.lastOutbound('email', to, 'auto_ack') : null;
    const verdict = autoReplyVerdict({
      envelopeFrom: envelope.from,
      headers: m.headers,
      replyTo: to,
      ownAddresses: this.config.ownAddresses,
      loopToken: this.config.loopToken,
      lastAutoReplyAt: last?.createdAt ?? null,
      now: this.clock.now(),
    });
    if (!verdict.send) {
      this.log('info', 'no acknowledgement', { to, reason: verdict.reason, case: kase.number });
      return verdict;
    }
    await this.outbox.enqueue(systemActor, {
      channel: 'email',
      caseId: kase.id,
      answering: message,
      kind: 'auto_ack',
      subject: `[${kase.number}] 已受理 / Received: ${m.subject ?? ''}`.trim().slice(0, 998),
      body: ackText(kase.number),
      headers: autoReplyHeaders(this.config.loopToken),
    });
    return verdict;
  }
}

function ackText(number: string): string {
  return [
    `您好！我们已收到您的来信，受理编号为 ${number}。客服人员会尽快处理并回复您。`,
    '如需补充信息，请直接回复本邮件（请保留主题中的受理编号）。',
    '',
    `Hello, we have received your message and opened case ${number}.`,
    'An agent will answer you soon. To add information, reply to this e-mail',
    '(keep the case number in the subject).',
    '',
    '— 客服中心 / Customer service (automatic message, sent once)',
  ].join('\n');
}
