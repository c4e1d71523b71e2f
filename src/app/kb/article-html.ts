/**
 * Article bodies as HTML for readers: the domain's Markdown renderer escapes by construction;
 * this allow-list sanitizer is the second wall, so a renderer bug can never put a script, an
 * event handler or a javascript: link in front of a customer.
 */
import sanitizeHtml from 'sanitize-html';
import { markdownText, renderMarkdown } from '../../domain/kb/markdown.ts';

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt'],
    code: ['class'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }),
  },
};

export function articleHtml(markdown: string): string {
  return sanitizeHtml(renderMarkdown(markdown), options);
}

export { markdownText };
