/**
 * Fax over e-mail (T.37 store-and-forward, RFC 3192 addressing). A fax gateway (an on-ramp such
 * as HylaFAX's faxrcvd or a carrier's fax-to-mail service) mails each received fax with its
 * pages as TIFF-F or PDF; kefu recognises the gateway's mail, renders TIFF pages to PNG for the
 * desktop and files the fax as a fax contact. Replies leave as mail to `FAX=<number>@<gateway>`
 * (RFC 3192 §3) with the pages attached.
 */
import type { InboxService } from '../../app/messaging/inbox-service.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Envelope, FaxMailHandler, Log } from '../email/mail-ingest.ts';
import type { ReadMail } from '../email/mail-reader.ts';
import { renderFaxPages } from './fax-pages.ts';

export interface FaxGatewayConfig {
  /** Mail from these domains (or exact addresses) is a received fax. */
  readonly gatewaySenders: readonly string[];
  /** The gateway's domain for outbound faxes: FAX=+86…@<domain>. */
  readonly gatewayDomain: string;
  /** The center's own fax number (the To of received faxes). */
  readonly centerNumber: string;
  readonly caseType: string;
}

const faxTypes = /^(image\/tiff|image\/tif|application\/pdf|image\/x-tiff)$/i;

/** The sender's fax number: `FAX=+86…@gw` (RFC 3192), else the first long number in the subject. */
export function faxNumberOf(m: ReadMail): string | null {
  const local = m.from.split('@')[0] ?? '';
  const rfc3192 = /^fax=(\+?[\d-]{5,})/i.exec(local);
  if (rfc3192?.[1]) return rfc3192[1].replace(/-/g, '');
  const inSubject = /(\+?\d[\d -]{5,}\d)/.exec(m.subject ?? '');
  return inSubject?.[1] ? inSubject[1].replace(/[ -]/g, '') : null;
}

/** `FAX=+8641112345678@gateway`: the number in international form without separators. */
export function faxAddress(number: string, gatewayDomain: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  if (!/^\+?\d{5,20}$/.test(digits))
    throw new DomainError('message.no_address', `not a fax number: ${number}`, { field: 'to' });
  return `FAX=${digits}@${gatewayDomain}`;
}

export class FaxGateway implements FaxMailHandler {
  constructor(
    private readonly config: FaxGatewayConfig,
    private readonly inbox: InboxService,
    private readonly log: Log,
  ) {}

  accepts(m: ReadMail, _e: Envelope): boolean {
    const from = m.from.toLowerCase();
    const domain = from.split('@')[1] ?? '';
    return this.config.gatewaySenders.some((s) => {
      const x = s.toLowerCase();
      return x.includes('@') ? x === from : x === domain;
    });
  }

  async receive(m: ReadMail, _e: Envelope): Promise<void> {
    const number = faxNumberOf(m) ?? 'unknown';
    const documents = m.attachments.filter(
      (a) => faxTypes.test(a.contentType) || /\.(tiff?|pdf)$/i.test(a.filename),
    );
    const files: { filename: string; contentType: string; data: Uint8Array }[] = [];
    let pages = 0;
    const problems: string[] = [];
    for (const d of documents) {
      files.push(d);
      try {
        const r = await renderFaxPages(d.data, d.contentType);
        pages += r.pageCount;
        for (const p of r.pages)
          files.push({
            filename: `${d.filename.replace(/\.[^.]*$/, '')}-page-${p.index + 1}.png`,
            contentType: 'image/png',
            data: p.png,
          });
      } catch (e) {
        // The original stays attached; the agent can still download it.
        const why = e instanceof DomainError ? e.code : String(e);
        problems.push(`${d.filename}: ${why}`);
        this.log('warn', 'fax pages not rendered', { file: d.filename, why });
      }
    }
    const body =
      `传真 ${pages} 页 / Fax, ${pages} page(s) from ${number}.` +
      (m.text ? `\n\n${m.text}` : '') +
      (problems.length ? `\n\nNot rendered: ${problems.join('; ')}` : '');
    await this.inbox.receive({
      channel: 'fax',
      from: number,
      to: this.config.centerNumber,
      subject: m.subject,
      body,
      externalId: m.messageId,
      meta: {
        ...(m.messageId ? { messageId: m.messageId } : {}),
        pages,
        gateway: m.from,
        ...(problems.length ? { renderProblems: problems } : {}),
      },
      attachments: files,
      openCase: { type: this.config.caseType, title: `Fax ${number}` },
    });
  }
}
