/** The Markdown renderer (safe by construction, then sanitized) and front-matter files. */
import { describe, expect, it } from 'vitest';
import { articleHtml } from '../../../../src/app/kb/article-html.ts';
import { parseMarkdownFile, writeMarkdownFile } from '../../../../src/domain/kb/front-matter.ts';
import { markdownText, renderMarkdown } from '../../../../src/domain/kb/markdown.ts';
import { expectDomainError } from '../expect-domain-error.ts';

describe('markdown', () => {
  it('renders the supported blocks and inlines', () => {
    const md = [
      '# 日本漫游',
      '',
      'Text **KTMY** to *10086*, see [the app](https://kefu.example/app) or `code`.',
      '',
      '- one',
      '- two',
      '',
      '3. third',
      '4. fourth',
      '',
      '> quoted',
      '',
      '| Item | Rate |',
      '|---|--:|',
      '| Day pass | 28 |',
      '',
      '```',
      'a < b',
      '```',
      '---',
    ].join('\n');
    expect(renderMarkdown(md)).toBe(
      [
        '<h1>日本漫游</h1>',
        '<p>Text <strong>KTMY</strong> to <em>10086</em>, see <a href="https://kefu.example/app">the app</a> or <code>code</code>.</p>',
        '<ul><li>one</li><li>two</li></ul>',
        '<ol start="3"><li>third</li><li>fourth</li></ol>',
        '<blockquote><p>quoted</p></blockquote>',
        '<table><thead><tr><th>Item</th><th style="text-align:right">Rate</th></tr></thead><tbody><tr><td>Day pass</td><td style="text-align:right">28</td></tr></tbody></table>',
        '<pre><code>a &lt; b</code></pre>',
        '<hr>',
      ].join('\n'),
    );
  });

  it('shows raw HTML as text and drops unsafe link targets', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> [x](javascript:alert(1)) ![i](data:image/png;base64,AA) <img src=x onerror=alert(1)>',
    );
    expect(html).not.toMatch(/<script|<img|href="javascript/);
    expect(html).toContain('&lt;script&gt;');
    expect(renderMarkdown('[a](" onmouseover="x)')).not.toContain('onmouseover="x"');
  });

  it('sanitizes the rendered HTML again for readers', () => {
    const html = articleHtml('[site](https://kefu.example) and <iframe src="https://evil">');
    expect(html).toBe(
      '<p><a href="https://kefu.example" target="_blank" rel="noopener noreferrer">site</a> and &lt;iframe src="https://evil"&gt;</p>',
    );
  });

  it('gives the plain text for the index and snippets', () => {
    expect(markdownText('# Title\n\nSome **bold** [link](https://x.y) `c`\n\n- a\n- b')).toBe(
      'Title\nSome bold link c\na\nb',
    );
  });
});

describe('front matter', () => {
  it('reads scalars, quoted values, inline and block lists, and the body', () => {
    const f = parseMarkdownFile(
      [
        '---',
        'slug: roaming-japan',
        'title: "日本漫游: 资费与开通"',
        "note: 'it''s fine'",
        'tags: [漫游, "roaming, japan", japan]',
        'aliases:',
        '  - one',
        '  - "two"',
        'validUntil:',
        '# a comment',
        '---',
        '',
        '# Body',
      ].join('\n'),
    );
    expect(f.meta).toEqual({
      slug: 'roaming-japan',
      title: '日本漫游: 资费与开通',
      note: "it's fine",
      tags: ['漫游', 'roaming, japan', 'japan'],
      aliases: ['one', 'two'],
      validUntil: null,
    });
    expect(f.body).toBe('# Body');
  });

  it('reports what it cannot read with the line', () => {
    expectDomainError(() => parseMarkdownFile('---\ntitle: x\n'), 'kb.invalid_import', { line: 1 });
    expectDomainError(() => parseMarkdownFile('---\ntitle x\n---\n'), 'kb.invalid_import', {
      line: 2,
    });
    expectDomainError(() => parseMarkdownFile('---\na: 1\na: 2\n---\n'), 'kb.invalid_import', {
      line: 3,
    });
    expectDomainError(() => parseMarkdownFile('---\na: {x: 1}\n---\n'), 'kb.invalid_import', {
      line: 2,
    });
  });

  it('writes files it reads back unchanged', () => {
    const meta = {
      slug: 'a-b',
      title: 'Roaming: rates # and more',
      tags: ['x, y', 'null', "it's", '- dash'],
      empty: null,
      quote: '"quoted"',
    };
    const text = writeMarkdownFile({ meta, body: 'Hello\n\n- list' });
    expect(parseMarkdownFile(text)).toEqual({ meta, body: 'Hello\n\n- list\n' });
    expect(parseMarkdownFile('no front matter')).toEqual({ meta: {}, body: 'no front matter' });
  });
});
