/**
 * Whether kefu may send its automatic acknowledgement to an inbound e-mail (RFC 3834). The
 * rules keep two auto-responders from talking to each other forever: never answer a message
 * that is itself automatic, a bulk or list mail, a bounce, or one that already passed through
 * kefu (X-Loop); and answer one address at most once per window.
 */
export interface AutoReplyInput {
  /** Envelope sender (MAIL FROM); '' is the null reverse-path of bounces (RFC 5321 §4.5.5). */
  readonly envelopeFrom: string | null;
  /** Header values, lower-cased names; missing headers absent. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The address kefu would answer to (Reply-To or From). */
  readonly replyTo: string | null;
  /** The center's own addresses and its X-Loop token. */
  readonly ownAddresses: readonly string[];
  readonly loopToken: string;
  /** When kefu last auto-replied to this address, if it did. */
  readonly lastAutoReplyAt: Date | null;
  readonly now: Date;
  /** RFC 3834 §2 asks for a limit per sender; one acknowledgement per address per window. */
  readonly windowMs?: number;
}

export type AutoReplyVerdict =
  | { readonly send: true }
  | {
      readonly send: false;
      readonly reason:
        | 'no_sender'
        | 'bounce'
        | 'auto_submitted'
        | 'precedence'
        | 'list'
        | 'loop'
        | 'own_address'
        | 'recently_replied'
        | 'system_sender';
    };

const machineSenders =
  /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounce[s]?|listserv|majordomo|owner-[^@]*|[^@]*-request)@/i;

export function autoReplyVerdict(i: AutoReplyInput): AutoReplyVerdict {
  const h = i.headers;
  // §2: a message with an empty envelope sender is a delivery report; never answer it.
  if (i.envelopeFrom === '' || i.envelopeFrom === '<>') return { send: false, reason: 'bounce' };
  const to = i.replyTo?.trim().toLowerCase() ?? '';
  if (!to || !to.includes('@')) return { send: false, reason: 'no_sender' };
  // §5: any Auto-Submitted value other than "no" marks an automatic message.
  const auto = h['auto-submitted']?.trim().toLowerCase();
  if (auto && auto !== 'no') return { send: false, reason: 'auto_submitted' };
  // Microsoft's equivalent of Auto-Submitted.
  const suppress = h['x-auto-response-suppress']?.toLowerCase() ?? '';
  if (/\b(all|autoreply|oof)\b/.test(suppress)) return { send: false, reason: 'auto_submitted' };
  const precedence = h['precedence']?.trim().toLowerCase();
  if (precedence && ['bulk', 'list', 'junk', 'auto_reply'].includes(precedence))
    return { send: false, reason: 'precedence' };
  // §2: mailing lists carry List-* headers (RFC 2369/2919).
  if (h['list-id'] || h['list-unsubscribe'] || h['list-post'])
    return { send: false, reason: 'list' };
  const loop = h['x-loop']?.toLowerCase() ?? '';
  if (loop && loop.includes(i.loopToken.toLowerCase())) return { send: false, reason: 'loop' };
  if (i.ownAddresses.some((a) => a.toLowerCase() === to))
    return { send: false, reason: 'own_address' };
  if (machineSenders.test(to)) return { send: false, reason: 'system_sender' };
  const window = i.windowMs ?? 24 * 3600_000;
  if (i.lastAutoReplyAt && i.now.getTime() - i.lastAutoReplyAt.getTime() < window)
    return { send: false, reason: 'recently_replied' };
  return { send: true };
}

/** Headers every automatic message of kefu carries (RFC 3834 §5 and the X-Loop convention). */
export function autoReplyHeaders(loopToken: string): Record<string, string> {
  return {
    'Auto-Submitted': 'auto-replied',
    'X-Auto-Response-Suppress': 'All',
    'X-Loop': loopToken,
    Precedence: 'auto_reply',
  };
}
