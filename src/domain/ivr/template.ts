/**
 * Templates: IVR strings that mention variables, as in `${caller}` or
 * `Balance for ${account.id}`. Everything else is literal text; there is no escape, so a
 * template cannot contain a literal `${`. A variable that is not set renders as ''.
 */
import { isVariableName } from './ivr-variables.ts';

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string };

export type TemplateParse =
  | { readonly ok: true; readonly parts: readonly TemplatePart[] }
  | { readonly ok: false; readonly message: string; readonly position: number };

/** Splits `source` into text and variable parts, or says where it is malformed. */
export function parseTemplate(source: string): TemplateParse {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('${', i);
    if (open < 0) {
      parts.push({ kind: 'text', text: source.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: 'text', text: source.slice(i, open) });
    const close = source.indexOf('}', open + 2);
    if (close < 0) return { ok: false, message: `unclosed '\${' at ${open}`, position: open };
    const name = source.slice(open + 2, close).trim();
    if (!isVariableName(name))
      return {
        ok: false,
        message: `'${name}' is not a variable name at ${open + 2}`,
        position: open + 2,
      };
    parts.push({ kind: 'variable', name });
    i = close + 1;
  }
  return { ok: true, parts };
}

/**
 * `source` with its variables replaced by their values ('' when unset). A malformed template is
 * returned as written (validated flows have none).
 */
export function renderTemplate(
  source: string,
  variables: Readonly<Record<string, string>>,
): string {
  if (!source.includes('${')) return source;
  const parsed = parseTemplate(source);
  if (!parsed.ok) return source;
  return parsed.parts
    .map((p) => (p.kind === 'text' ? p.text : (lookupVariable(variables, p.name) ?? '')))
    .join('');
}

/** A variable's value (or any record's entry), read as an own property only. */
export function lookupVariable<T>(
  variables: Readonly<Record<string, T>>,
  name: string,
): T | undefined {
  return Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : undefined;
}
