/**
 * How an e-mail finds its conversation: by the Message-IDs it answers (In-Reply-To, then
 * References, newest first, RFC 5322 §3.6.4) and, failing that, by a case number in the subject
 * (customers often write a fresh mail quoting "[C-…]"). Replies kefu sends carry the headers a
 * mail client needs to thread them under the customer's message.
 */
import { findCaseNumber } from '../case/case-number.ts';

/** Strips angle brackets and white space: Message-IDs are stored bare. */
export function bareMessageId(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

/** Message-IDs in a References / In-Reply-To header value, in order, deduplicated. */
export function parseMessageIds(value: string | readonly string[] | undefined | null): string[] {
  if (!value) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const out: string[] = [];
  for (const m of text.matchAll(/<([^<>\s]+)>/g)) {
    const id = m[1];
    if (id && !out.includes(id)) out.push(id);
  }
  if (out.length === 0 && text.trim() && !/\s/.test(text.trim())) out.push(bareMessageId(text));
  return out;
}

/** The ids to look up, most specific first: In-Reply-To, then References from newest. */
export function threadCandidates(inReplyTo: readonly string[], references: readonly string[]) {
  const out = [...inReplyTo];
  for (const id of [...references].reverse()) if (!out.includes(id)) out.push(id);
  return out.slice(0, 50);
}

export function caseNumberIn(subject: string | null): string | null {
  return subject ? findCaseNumber(subject) : null;
}

/** "Re: <subject> [C-…]" without piling up prefixes or repeating the number. */
export function replySubject(subject: string | null, caseNumber: string | null): string {
  let s = (subject ?? '').trim();
  while (/^(re|aw|sv|回复|答复)\s*[:：]\s*/i.test(s)) s = s.replace(/^[^:：]+[:：]\s*/, '');
  const tag = caseNumber && !s.includes(caseNumber) ? ` [${caseNumber}]` : '';
  return `Re: ${s || '(no subject)'}${tag}`.slice(0, 998);
}

/** References of a reply: the parent's references plus the parent (RFC 5322 §3.6.4), capped. */
export function replyReferences(parentId: string, parentRefs: readonly string[]): string[] {
  const refs = [...parentRefs.filter((r) => r !== parentId), parentId];
  // Keep the first (thread root) and the newest ones; some servers reject very long headers.
  return refs.length > 20 ? [refs[0] as string, ...refs.slice(-19)] : refs;
}
