/**
 * Sends a fax reply through the mail gateway (T.37 off-ramp): one mail to `FAX=<number>@<gateway>`
 * whose attachments are the pages. PNG attachments become the TIFF-F pages (the desktop sends the
 * cover page it drew that way); without any, the reply text becomes a built-in ASCII cover page.
 * PDF or TIFF files the agent attached follow. Failures are those of the SMTP relay.
 */
import {
  SendFailure,
  type ChannelSender,
  type SendResult,
} from '../../app/ports/channel-sender.ts';
import type { StoredAttachment } from '../../app/ports/message-repo.ts';
import type { Message } from '../../domain/message/message.ts';
import type { SmtpSender } from '../email/smtp-sender.ts';
import { buildFaxTiff, renderTextPage, type FaxBitmap } from './fax-document.ts';
import { faxPageFromPng } from './fax-page-image.ts';
import { defaultMaxPixels } from './fax-pages.ts';
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
    // Page images (the cover page the desktop drew, with fonts the server lacks) replace the
    // built-in text page; PDF and TIFF files go to the gateway as they are.
    const images = files.filter((f) => f.contentType === 'image/png');
    const rest = files.filter((f) => f.contentType !== 'image/png');
    let pages: FaxBitmap[];
    try {
      pages = images.length
        ? images.map((f) => faxPageFromPng(f.data, defaultMaxPixels))
        : [renderTextPage(m.body)];
    } catch (e) {
      throw new SendFailure(`a page image cannot be faxed: ${(e as Error).message}`, true);
    }
    const cover: StoredAttachment = {
      id: 'cover',
      messageId: m.id,
      filename: images.length ? 'fax.tif' : 'cover.tif',
      contentType: 'image/tiff',
      size: 0,
      data: buildFaxTiff(pages),
    };
    const mail = this.smtp.mailOf(m, [cover, ...rest], to);
    return this.smtp.deliver({
      ...mail,
      from: this.mailFrom,
      envelope: { from: this.mailFrom, to },
      subject: m.subject ?? `Fax ${m.to}`,
    });
  }
}
