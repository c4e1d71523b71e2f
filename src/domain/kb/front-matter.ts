/**
 * Markdown files with front matter, the format articles are imported and exported in:
 *
 *     ---
 *     slug: roaming-japan
 *     title: "日本漫游: 资费与开通"
 *     tags: [漫游, roaming, japan]
 *     ---
 *     The body in Markdown.
 *
 * The front matter is the small subset of YAML that such files use in practice: `key: value`
 * lines, values plain, "double-quoted" (JSON escapes) or 'single-quoted' ('' for a quote),
 * lists inline `[a, "b"]` or as `- item` lines under an empty key, and # comments. Anything
 * else is rejected with the line number, never guessed at.
 */
import { DomainError } from '../errors.ts';

export type FrontValue = string | string[] | null;
export interface MarkdownFile {
  readonly meta: Readonly<Record<string, FrontValue>>;
  readonly body: string;
}

const fail = (line: number, message: string): never => {
  throw new DomainError('kb.invalid_import', `front matter line ${line}: ${message}`, { line });
};

function scalar(raw: string, line: number): string | null {
  const v = raw.trim();
  if (v === '' || v === '~' || v === 'null') return null;
  if (v.startsWith('"')) {
    try {
      const s: unknown = JSON.parse(v);
      if (typeof s === 'string') return s;
    } catch {
      // reported below
    }
    return fail(line, 'a double-quoted value must be one JSON string');
  }
  if (v.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(v)) return fail(line, 'unterminated single-quoted value');
    return v.slice(1, -1).replace(/''/g, "'");
  }
  if (/^[[{&*!|>%@`]/.test(v)) return fail(line, `unsupported value ${v.slice(0, 20)}`);
  return v.replace(/\s+#.*$/, '');
}

function inlineList(raw: string, line: number): string[] {
  const inner = raw.trim().slice(1, -1).trim();
  if (!inner) return [];
  const items: string[] = [];
  // Split on commas outside quotes.
  let cur = '';
  let quote: string | null = null;
  for (const ch of inner) {
    if (quote) {
      cur += ch;
      if (ch === quote) quote = null;
    } else if ((ch === '"' || ch === "'") && !cur.trim()) {
      quote = ch;
      cur += ch;
    } else if (ch === ',') {
      items.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quote) fail(line, 'unterminated quote in a list');
  items.push(cur);
  return items.map((s) => scalar(s, line) ?? '').filter((s) => s !== '');
}

/** Splits a file into its front matter and body; a file without `---` first has no meta. */
export function parseMarkdownFile(text: string): MarkdownFile {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!src.startsWith('---\n')) return { meta: {}, body: src };
  const lines = src.split('\n');
  const meta: Record<string, FrontValue> = {};
  let i = 1;
  let openList: string | null = null;
  const blockKeys = new Set<string>();
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    const n = i + 1;
    if (/^---\s*$/.test(line)) break;
    if (!line.trim() || /^\s*#/.test(line)) continue;
    const item = line.match(/^\s*-\s+(.*)$/);
    if (item) {
      if (!openList) fail(n, 'a list item with no key above it');
      const v = scalar(item[1] as string, n);
      if (v !== null) (meta[openList as string] as string[]).push(v);
      continue;
    }
    const kv = line.match(/^([A-Za-z][\w-]*)\s*:(.*)$/);
    if (!kv) fail(n, 'expected `key: value`');
    const key = (kv as RegExpMatchArray)[1] as string;
    const raw = ((kv as RegExpMatchArray)[2] as string).trim();
    if (key in meta) fail(n, `${key} is given twice`);
    openList = null;
    if (raw === '') {
      meta[key] = [];
      openList = key;
      blockKeys.add(key);
    } else if (raw.startsWith('[')) {
      if (!raw.endsWith(']')) fail(n, 'an inline list ends with ]');
      meta[key] = inlineList(raw, n);
    } else meta[key] = scalar(raw, n);
  }
  if (i >= lines.length) fail(1, 'the front matter is not closed by ---');
  // A key with nothing after it and no items under it is an empty value, not a list.
  for (const k of blockKeys) if ((meta[k] as string[]).length === 0) meta[k] = null;
  return {
    meta,
    body: lines
      .slice(i + 1)
      .join('\n')
      .replace(/^\n+/, ''),
  };
}

const plainOk = (s: string) =>
  s !== '' &&
  s === s.trim() &&
  !/^[-?:,[\]{}#&*!|>'"%@`~]/.test(s) &&
  !/[:#]\s|:$|\s#|\n/.test(s) &&
  !['null', 'true', 'false', '~'].includes(s);

const quote = (s: string) => (plainOk(s) ? s : JSON.stringify(s));
const quoteItem = (s: string) => (plainOk(s) && !/[,[\]]/.test(s) ? s : JSON.stringify(s));

/** Writes a file `parseMarkdownFile` reads back to the same meta and body. */
export function writeMarkdownFile(f: MarkdownFile): string {
  const lines = ['---'];
  for (const [k, v] of Object.entries(f.meta)) {
    if (!/^[A-Za-z][\w-]*$/.test(k)) throw new Error(`bad front matter key ${k}`);
    if (v === null) lines.push(`${k}:`);
    else if (Array.isArray(v)) lines.push(`${k}: [${v.map(quoteItem).join(', ')}]`);
    else lines.push(`${k}: ${quote(v)}`);
  }
  lines.push('---', '');
  return `${lines.join('\n')}${f.body.endsWith('\n') ? f.body : `${f.body}\n`}`;
}
