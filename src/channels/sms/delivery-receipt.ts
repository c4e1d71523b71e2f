/**
 * SMSC delivery receipts: a deliver_sm with esm_class bits 2-5 = 0001 (§5.2.12) whose text is
 * the de-facto format of SMPP 3.4 Appendix B, `id:IIIIIIIIII sub:SSS dlvrd:DDD submit
 * date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:…`, and which may also carry
 * the receipted_message_id and message_state TLVs (§5.3.2.12, §5.3.2.35), preferred when
 * present because SMSCs format the text loosely.
 */

export interface DeliveryReceipt {
  /** The message_id the SMSC gave in submit_sm_resp. */
  readonly id: string;
  /** Appendix B final states DELIVRD EXPIRED DELETED UNDELIV ACCEPTD UNKNOWN REJECTD (or ENROUTE). */
  readonly stat: string;
  readonly err: string | null;
  readonly doneDate: string | null;
}

export type ReceiptOutcome = 'delivered' | 'failed' | 'pending';

/** §5.2.28 message_state values, named as Appendix B writes them. */
const stateNames: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

/** A receipt's state says the message reached the handset, never will, or is still on its way. */
export function receiptOutcome(stat: string): ReceiptOutcome {
  switch (stat.toUpperCase()) {
    case 'DELIVRD':
    case 'DELIVERED':
      return 'delivered';
    case 'EXPIRED':
    case 'DELETED':
    case 'UNDELIV':
    case 'UNDELIVERABLE':
    case 'REJECTD':
    case 'REJECTED':
      return 'failed';
    default:
      // ENROUTE and ACCEPTD are not final; UNKNOWN says nothing either way.
      return 'pending';
  }
}

/** The fields of an Appendix B text: keys are matched without regard to case. */
export function parseReceiptText(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  // text: comes last and may hold anything, so it is cut off before the other keys are read.
  const textAt = text.search(/(?:^|\s)text:/i);
  const head = textAt >= 0 ? text.slice(0, textAt) : text;
  if (textAt >= 0) out.text = text.slice(text.indexOf(':', textAt) + 1);
  const key = /(?:^|\s)(id|sub|dlvrd|submit date|done date|stat|err):/gi;
  const marks = [...head.matchAll(key)];
  marks.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = marks[i + 1]?.index ?? head.length;
    out[(m[1] ?? '').toLowerCase()] = head.slice(start, end).trim();
  });
  return out;
}

export interface ReceiptTlvs {
  readonly receiptedMessageId?: unknown;
  readonly messageState?: unknown;
}

/** The receipt in a deliver_sm's text and TLVs; null when no message id can be found. */
export function readReceipt(text: string, tlvs: ReceiptTlvs): DeliveryReceipt | null {
  const f = parseReceiptText(text);
  const tlvId = typeof tlvs.receiptedMessageId === 'string' ? tlvs.receiptedMessageId.trim() : '';
  const id = tlvId || f.id || '';
  const tlvStat = typeof tlvs.messageState === 'number' ? stateNames[tlvs.messageState] : undefined;
  const stat = (tlvStat ?? f.stat ?? '').toUpperCase();
  if (!id || !stat) return null;
  return { id, stat, err: f.err ?? null, doneDate: f['done date'] ?? null };
}
