/**
 * Sends a fax reply through the mail gateway (T.37 off-ramp): one mail to `FAX=<number>@<gateway>`
 * whose attachments are the pages. The reply text becomes a TIFF-F cover page; files the agent
 * attached (PDF or TIFF) follow it. Failures are those of the SMTP relay.
 */
import {
  SendFailure,
  type ChannelSender,
  type SendResult,
} from '../../app/ports/channel-sender.ts';
import type { StoredAttachment } from '../../app/ports/message-repo.ts';
import type { Message } from '../../domain/message/message.ts';
import type { SmtpSender } from '../email/smtp-sender.ts';
import { buildFaxTiff, renderTextPage } from './fax-document.ts';
import { faxAddress } from './fax-gateway.ts';

export class FaxSender implements ChannelSender {
  constructor(
    private readonly smtp: SmtpSender,
    private readonly gatewayDomain: string,
    /** The center's e-mail address the gateway accepts faxes from (its fax number is m.from). */
    private readonly mailFrom: string,
  ) {}

  async send(m: Message, files: readonly StoredAttachment[]): Promise<SendResult> {
    let to: string;
    try {
      to = faxAddress(m.to, this.gatewayDomain);
    } catch (e) {
      throw new SendFailure(e instanceof Error ? e.message : String(e), true);
    }
    const cover: StoredAttachment = {
      id: 'cover',
      messageId: m.id,
      filename: 'cover.tif',
      contentType: 'image/tiff',
      size: 0,
      data: buildFaxTiff([renderTextPage(m.body)]),
    };
    const mail = this.smtp.mailOf(m, [cover, ...files], to);
    return this.smtp.deliver({
      ...mail,
      from: this.mailFrom,
      envelope: { from: this.mailFrom, to },
      subject: m.subject ?? `Fax ${m.to}`,
    });
  }
}
