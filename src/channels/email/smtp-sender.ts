/**
 * Sends outbound e-mail through an SMTP relay (the operator's mail server, or directly to a
 * test server). The Message-ID kefu chose when queueing is the one sent, with In-Reply-To and
 * References (RFC 5322 §3.6.4) so the customer's client threads the reply; the envelope sender
 * is the center's bounce address, so delivery reports come back to kefu's SMTP server.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import {
  SendFailure,
  type ChannelSender,
  type SendResult,
} from '../../app/ports/channel-sender.ts';
import type { StoredAttachment } from '../../app/ports/message-repo.ts';
import type { Message } from '../../domain/message/message.ts';

export interface SmtpSenderOptions {
  /** smtp://host:port or smtps://user:pass@host:465 */
  readonly url: string;
  /** Display name on From. */
  readonly fromName?: string;
  /** Envelope sender for bounces; defaults to the message's From. */
  readonly bounceAddress?: string;
  /** Accept self-signed certificates (tests, internal relays). */
  readonly allowSelfSigned?: boolean;
}

const bracket = (id: string) => `<${id}>`;

export class SmtpSender implements ChannelSender {
  private readonly transport: Transporter;

  constructor(private readonly o: SmtpSenderOptions) {
    const u = new URL(o.url);
    this.transport = nodemailer.createTransport({
      host: u.hostname,
      port: Number(u.port) || (u.protocol === 'smtps:' ? 465 : 25),
      secure: u.protocol === 'smtps:',
      ...(u.username
        ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
        : {}),
      ...(o.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
  }

  /** Builds the mail (also used by the fax channel, which only changes the address). */
  mailOf(m: Message, files: readonly StoredAttachment[], to = m.to) {
    const headers = (m.meta['headers'] as Record<string, string> | undefined) ?? {};
    return {
      from: this.o.fromName ? { name: this.o.fromName, address: m.from } : m.from,
      to,
      subject: m.subject ?? '',
      text: m.body,
      messageId: m.externalId ? bracket(m.externalId) : undefined,
      ...(m.meta.inReplyTo ? { inReplyTo: bracket(m.meta.inReplyTo) } : {}),
      ...(m.meta.references?.length ? { references: m.meta.references.map(bracket) } : {}),
      headers,
      envelope: { from: this.o.bounceAddress ?? m.from, to },
      attachments: files.map((f) => ({
        filename: f.filename,
        contentType: f.contentType,
        content: Buffer.from(f.data),
      })),
    };
  }

  async send(m: Message, files: readonly StoredAttachment[]): Promise<SendResult> {
    return this.deliver(this.mailOf(m, files));
  }

  async deliver(mail: ReturnType<SmtpSender['mailOf']>): Promise<SendResult> {
    try {
      await this.transport.sendMail(mail);
      return {};
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      const text = e instanceof Error ? e.message : String(e);
      // RFC 5321 §4.2.1: 5yz is a permanent refusal, 4yz and connection trouble are transient.
      throw new SendFailure(text, typeof code === 'number' && code >= 500 && code < 600);
    }
  }

  close(): void {
    this.transport.close();
  }
}
