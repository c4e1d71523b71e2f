/**
 * Reads one raw e-mail (RFC 5322 + MIME) into what the inbox needs, or recognises it as a
 * delivery status notification (RFC 3464) about a mail kefu sent. Parsing is bounded: the raw
 * size is capped before parsing, HTML is cut before conversion, and at most `maxAttachments`
 * files are kept, so a hostile message costs bounded time and memory.
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { bareMessageId, parseMessageIds } from '../../domain/message/email-threading.ts';
import { sanitizeEmailHtml } from './sanitize-email-html.ts';

export interface ReadLimits {
  readonly maxBytes: number;
  readonly maxAttachments: number;
  readonly maxHtmlChars: number;
}

export const defaultReadLimits: ReadLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxAttachments: 50,
  maxHtmlChars: 2_000_000,
};

export interface ReadMail {
  readonly kind: 'mail';
  readonly from: string;
  readonly fromName: string | null;
  readonly replyTo: string | null;
  readonly to: string[];
  readonly subject: string | null;
  readonly text: string;
  readonly html: string | null;
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: string[];
  readonly date: Date | null;
  /** Lower-cased header names → values, only those the auto-reply policy and threading read. */
  readonly headers: Record<string, string>;
  readonly attachments: { filename: string; contentType: string; data: Buffer }[];
  /** Attachments left out because of the limit. */
  readonly droppedAttachments: number;
}

export interface ReadBounce {
  readonly kind: 'bounce';
  /** Message-ID of the mail that could not be delivered (bare). */
  readonly originalMessageId: string | null;
  readonly recipient: string | null;
  readonly status: string | null;
  readonly diagnostic: string;
}

const policyHeaders = [
  'auto-submitted',
  'precedence',
  'x-loop',
  'list-id',
  'list-unsubscribe',
  'list-post',
  'x-auto-response-suppress',
  'return-path',
];

export async function readMail(
  raw: Buffer,
  limits: ReadLimits = defaultReadLimits,
): Promise<ReadMail | ReadBounce> {
  if (raw.length > limits.maxBytes) throw new MailTooLarge(raw.length, limits.maxBytes);
  let p: ParsedMail;
  try {
    p = await simpleParser(raw, {
      keepDeliveryStatus: true,
      // Text comes from the text part, or from our linear conversion of the sanitised HTML:
      // html-to-text on megabytes of hostile HTML costs seconds.
      skipHtmlToText: true,
      skipImageLinks: true,
      skipTextLinks: true,
      skipTextToHtml: true,
      // Inlining cid: images as data: URLs would copy every image into the HTML string.
      keepCidLinks: true,
    });
  } catch (e) {
    // mailparser refuses what it cannot read within its limits (EMAXLEN: too many MIME parts,
    // a giant header block): that mail is refused for good, not retried.
    throw new MailUnreadable(e instanceof Error ? e.message : String(e));
  }
  const bounce = asBounce(p);
  if (bounce) return bounce;
  const from = firstAddress(p.from);
  const headers: Record<string, string> = {};
  // Raw header lines: mailparser folds List-* headers into a structured `list` entry.
  for (const l of p.headerLines) {
    const name = l.key.toLowerCase();
    if (policyHeaders.includes(name) && headers[name] === undefined)
      headers[name] = l.line
        .slice(l.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim();
  }
  const files = p.attachments.filter((a) => !isDeliveryPart(a.contentType));
  const kept = files.slice(0, limits.maxAttachments);
  const html = typeof p.html === 'string' ? sanitizeEmailHtml(p.html, limits.maxHtmlChars) : null;
  return {
    kind: 'mail',
    from: from?.address?.toLowerCase() ?? '',
    fromName: from?.name || null,
    replyTo: firstAddress(p.replyTo)?.address?.toLowerCase() ?? null,
    to: addresses(p.to),
    subject: p.subject?.trim() || null,
    text: (p.text ?? '').trim() || (html ? htmlToText(html) : ''),
    html,
    messageId: p.messageId ? bareMessageId(p.messageId) : null,
    inReplyTo: parseMessageIds(p.inReplyTo)[0] ?? null,
    references: parseMessageIds(p.references),
    date: p.date ?? null,
    headers,
    attachments: kept.map((a, i) => ({
      filename: cleanName(a.filename) ?? `attachment-${i + 1}`,
      contentType: a.contentType || 'application/octet-stream',
      data: a.content,
    })),
    droppedAttachments: files.length - kept.length,
  };
}

export class MailUnreadable extends Error {}

export class MailTooLarge extends Error {
  constructor(
    readonly size: number,
    readonly max: number,
  ) {
    super(`message of ${size} bytes is over the ${max} byte limit`);
  }
}

function firstAddress(a: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const o of list) for (const v of o.value) if (v.address) return v;
  return null;
}

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((o) => o.value.map((v) => v.address?.toLowerCase() ?? '')).filter(Boolean);
}

/** Path separators and control characters never reach a download's file name. */
function cleanName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name
    .replace(/[\\/]/g, '_')
    .replace(/\p{Cc}/gu, '')
    .trim();
  return base.slice(0, 200) || null;
}

const isDeliveryPart = (t: string) =>
  t === 'message/delivery-status' || t === 'message/global-delivery-status';

function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/tr|\/h\d)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A DSN is multipart/report; report-type=delivery-status (RFC 3464 §2) with a per-recipient
 * `Action: failed` and `Status: 5.x.x`; the returned headers name the original Message-ID.
 */
function asBounce(p: ParsedMail): ReadBounce | null {
  const ct = p.headers.get('content-type');
  const report =
    ct && typeof ct === 'object' && 'value' in ct
      ? String((ct as { value: unknown }).value).toLowerCase() === 'multipart/report'
      : false;
  const status = p.attachments.find((a) => isDeliveryPart(a.contentType));
  if (!report || !status) return null;
  const fields = status.content.toString('utf8');
  const action = /^Action:\s*(\S+)/im.exec(fields)?.[1]?.toLowerCase();
  if (action && action !== 'failed') return null; // delayed / delivered / relayed: not a failure
  const returned = p.attachments.find(
    (a) => a.contentType === 'text/rfc822-headers' || a.contentType === 'message/rfc822',
  );
  const original = returned
    ? /^Message-ID:\s*(<[^>]+>)/im.exec(returned.content.toString('utf8'))?.[1]
    : undefined;
  return {
    kind: 'bounce',
    originalMessageId: original ? bareMessageId(original) : null,
    recipient: /^Final-Recipient:\s*[^;]+;\s*(\S+)/im.exec(fields)?.[1] ?? null,
    status: /^Status:\s*(\S+)/im.exec(fields)?.[1] ?? null,
    diagnostic:
      /^Diagnostic-Code:\s*(.+)$/im.exec(fields)?.[1]?.trim() ??
      `delivery failed (${/^Status:\s*(\S+)/im.exec(fields)?.[1] ?? 'unknown status'})`,
  };
}
