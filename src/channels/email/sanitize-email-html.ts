/**
 * E-mail HTML is hostile input shown inside the agent desktop: keep formatting, drop scripts,
 * event handlers, forms, iframes, styles that can overlay the page, and remote images (which
 * would tell the sender when and where the mail was read). Inline `cid:` images stay.
 */
import sanitizeHtml from 'sanitize-html';

const options: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span', 'u', 's'],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    font: ['color', 'size'],
    td: ['colspan', 'rowspan', 'align', 'valign'],
    th: ['colspan', 'rowspan', 'align', 'valign'],
    table: ['border', 'cellpadding', 'cellspacing'],
    '*': ['align', 'dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowProtocolRelative: false,
  transformTags: {
    // Links open outside the desktop and do not leak the desktop's address.
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }),
  },
  disallowedTagsMode: 'discard',
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
};

/** Bounded: very large HTML is cut before sanitising so a hostile mail cannot stall the loop. */
export function sanitizeEmailHtml(html: string, maxChars = 1_000_000): string {
  return sanitizeHtml(html.length > maxChars ? html.slice(0, maxChars) : html, options);
}
