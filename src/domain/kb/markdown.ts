/**
 * The Markdown kefu's articles are written in, rendered to HTML. Safe by construction: every
 * piece of the author's text is HTML-escaped, raw HTML in the source is shown as text, and a
 * link or image keeps its address only when it is http(s), mailto, tel or a site path. The app
 * still passes the result through an allow-list sanitizer (defence in depth, see
 * app/kb/article-html.ts).
 *
 * Supported: ATX headings (#..######), paragraphs, hard breaks (two trailing spaces or `\`),
 * **strong**, *em* / _em_, `code`, fenced code blocks, > quotes, - / * / + and 1. lists (one
 * level), --- rules, GFM pipe tables, [links](url), ![images](url) and <https://autolinks>.
 */

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => escapes[c] as string);

/** The address when it is one we allow, else null. */
export function safeUrl(raw: string): string | null {
  const url = raw.trim();
  if (/^(https?:\/\/|mailto:|tel:)/i.test(url)) return url;
  if (/^\/(?!\/)/.test(url) || /^#[\w-]*$/.test(url)) return url;
  return null;
}

type Inline = { html: string; text: string };

/** Inline markup of one block's text. */
function inline(src: string): Inline {
  let html = '';
  let text = '';
  let i = 0;
  const emit = (h: string, t: string) => {
    html += h;
    text += t;
  };
  while (i < src.length) {
    const rest = src.slice(i);
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^\\([\\`*_[\]()#+\-.!<>|~])/))) {
      emit(escapeHtml(m[1] as string), m[1] as string);
    } else if ((m = rest.match(/^(`+)([\s\S]*?[^`])\1(?!`)/))) {
      const code = (m[2] as string).trim();
      emit(`<code>${escapeHtml(code)}</code>`, code);
    } else if ((m = rest.match(/^!\[([^\]]*)\]\(([^)\s]+)(?:\s+"([^"]*)")?\)/))) {
      const url = safeUrl(m[2] as string);
      const alt = m[1] as string;
      emit(url ? `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}">` : escapeHtml(alt), alt);
    } else if ((m = rest.match(/^\[([^\]]+)\]\(([^)\s]+)(?:\s+"([^"]*)")?\)/))) {
      const url = safeUrl(m[2] as string);
      const label = inline(m[1] as string);
      emit(url ? `<a href="${escapeHtml(url)}">${label.html}</a>` : label.html, label.text);
    } else if ((m = rest.match(/^<((?:https?:\/\/|mailto:)[^\s<>]+)>/))) {
      const url = m[1] as string;
      emit(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`, url);
    } else if ((m = rest.match(/^(\*\*|__)(?=\S)([\s\S]*?\S)\1/))) {
      const inner = inline(m[2] as string);
      emit(`<strong>${inner.html}</strong>`, inner.text);
    } else if ((m = rest.match(/^(\*|_)(?=\S)([\s\S]*?\S)\1(?![*_])/))) {
      const inner = inline(m[2] as string);
      emit(`<em>${inner.html}</em>`, inner.text);
    } else if ((m = rest.match(/^(?: {2,}|\\)\n/))) {
      emit('<br>', '\n');
    } else {
      // Plain text up to the next character that could start markup.
      m = rest.match(/^[\s\S][^\\`*_![<\n ]*/);
      const t = (m?.[0] ?? rest[0]) as string;
      emit(escapeHtml(t), t);
    }
    i += (m?.[0] ?? ' ').length;
  }
  return { html, text };
}

interface Block {
  html: string;
  text: string;
}

const isRule = (l: string) => /^ {0,3}([-*_])( *\1){2,} *$/.test(l);
const heading = (l: string) => l.match(/^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/);
const listItem = (l: string) => l.match(/^ {0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/);
const fence = (l: string) => l.match(/^ {0,3}(```|~~~)\s*([\w+-]*)\s*$/);
const tableRow = (l: string) => /^\s*\|.*\|\s*$/.test(l);
const tableRule = (l: string) => /^\s*\|(\s*:?-+:?\s*\|)+\s*$/.test(l);
const cells = (l: string) =>
  l
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (!line.trim()) {
      i++;
      continue;
    }
    const f = fence(line);
    if (f) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] as string).trim().startsWith(f[1] as string))
        body.push(lines[i++] as string);
      i++;
      const code = body.join('\n');
      const cls = f[2] ? ` class="language-${escapeHtml(f[2])}"` : '';
      out.push({ html: `<pre><code${cls}>${escapeHtml(code)}</code></pre>`, text: code });
      continue;
    }
    const h = heading(line);
    if (h) {
      const n = (h[1] as string).length;
      const t = inline(h[2] ?? '');
      out.push({ html: `<h${n}>${t.html}</h${n}>`, text: t.text });
      i++;
      continue;
    }
    if (isRule(line)) {
      out.push({ html: '<hr>', text: '' });
      i++;
      continue;
    }
    if (/^ {0,3}>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^ {0,3}>/.test(lines[i] as string))
        quoted.push((lines[i++] as string).replace(/^ {0,3}> ?/, ''));
      const inner = blocks(quoted);
      out.push({
        html: `<blockquote>${inner.map((b) => b.html).join('')}</blockquote>`,
        text: inner.map((b) => b.text).join('\n'),
      });
      continue;
    }
    if (tableRow(line) && i + 1 < lines.length && tableRule(lines[i + 1] as string)) {
      const head = cells(line).map(inline);
      const aligns = cells(lines[i + 1] as string).map((c) =>
        c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : null,
      );
      i += 2;
      const rows: Inline[][] = [];
      while (i < lines.length && tableRow(lines[i] as string))
        rows.push(cells(lines[i++] as string).map(inline));
      const cell = (tag: string, c: Inline | undefined, k: number) => {
        const a = aligns[k];
        return `<${tag}${a ? ` style="text-align:${a}"` : ''}>${c?.html ?? ''}</${tag}>`;
      };
      const thead = `<thead><tr>${head.map((c, k) => cell('th', c, k)).join('')}</tr></thead>`;
      const tbody = rows
        .map((r) => `<tr>${head.map((_, k) => cell('td', r[k], k)).join('')}</tr>`)
        .join('');
      out.push({
        html: `<table>${thead}<tbody>${tbody}</tbody></table>`,
        text: [head, ...rows].map((r) => r.map((c) => c.text).join(' ')).join('\n'),
      });
      continue;
    }
    const li = listItem(line);
    if (li) {
      const ordered = li[2] !== undefined;
      const items: string[] = [];
      while (i < lines.length) {
        const l = lines[i] as string;
        const m = listItem(l);
        if (m && (m[2] !== undefined) === ordered) items.push(m[3] as string);
        else if (l.trim() && /^\s+/.test(l) && items.length)
          items[items.length - 1] += `\n${l.trim()}`;
        else break;
        i++;
      }
      const rendered = items.map(inline);
      const start = ordered && li[2] !== '1' ? ` start="${Number(li[2])}"` : '';
      const tag = ordered ? 'ol' : 'ul';
      out.push({
        html: `<${tag}${start}>${rendered.map((r) => `<li>${r.html}</li>`).join('')}</${tag}>`,
        text: rendered.map((r) => r.text).join('\n'),
      });
      continue;
    }
    // A paragraph runs until a blank line or the start of another block.
    const para: string[] = [];
    while (i < lines.length) {
      const l = lines[i] as string;
      if (!l.trim() || heading(l) || fence(l) || isRule(l) || /^ {0,3}>/.test(l) || listItem(l))
        break;
      para.push(l.replace(/^\s+/, ''));
      i++;
    }
    const t = inline(para.join('\n'));
    out.push({ html: `<p>${t.html}</p>`, text: t.text });
  }
  return out;
}

/** HTML for the article body. */
export function renderMarkdown(md: string): string {
  return blocks(md.replace(/\r\n?/g, '\n').split('\n'))
    .map((b) => b.html)
    .join('\n');
}

/** The body as plain text (what is indexed and what snippets are cut from). */
export function markdownText(md: string): string {
  return blocks(md.replace(/\r\n?/g, '\n').split('\n'))
    .map((b) => b.text)
    .filter(Boolean)
    .join('\n');
}
