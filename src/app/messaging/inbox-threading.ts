/**
 * Where an inbound message belongs. E-mail and fax follow the Message-IDs they answer, then a
 * case number in the subject (accepted only from the case's own customer, so a stranger cannot
 * slip mail into someone's case and have replies sent to them). SMS continues the sender's open
 * conversation of the last day, or joins their open case. A chat names its contact.
 */
import type { StoreTx } from '../ports/store.ts';
import type { InboundMessage } from './inbox-service.ts';
import { isOpenStage } from '../../domain/case/case-stage.ts';
import type { Case } from '../../domain/case/case.ts';
import type { Contact } from '../../domain/contact/contact.ts';
import { caseNumberIn, threadCandidates } from '../../domain/message/email-threading.ts';

export interface Thread {
  /** The open contact to continue, or null for a new contact. */
  readonly contact: Contact | null;
  readonly case: Case | null;
}

/** SMS within this time of the last message continue the same conversation. */
const smsConversationMs = 24 * 3600_000;

export async function findThread(
  tx: StoreTx,
  i: InboundMessage,
  customerId: string | null,
  now: number,
): Promise<Thread> {
  if (i.contactId) {
    const contact = await tx.contacts.get(i.contactId);
    const kase = contact?.caseId ? await tx.cases.get(contact.caseId) : null;
    return { contact: contact && !contact.endedAt ? contact : null, case: kase };
  }
  if (i.caseId) return { contact: null, case: await tx.cases.get(i.caseId) };
  const own = (c: Case | null) =>
    c && (c.customerId === null || c.customerId === customerId) ? c : null;
  if (i.channel === 'email' || i.channel === 'fax') {
    const ids = threadCandidates(
      i.meta?.inReplyTo ? [i.meta.inReplyTo] : [],
      i.meta?.references ?? [],
    );
    const parent = await tx.messages.firstByExternalIds(i.channel, ids);
    if (parent) {
      const kase = parent.caseId ? await tx.cases.get(parent.caseId) : null;
      const contact = await tx.contacts.get(parent.contactId);
      return { contact: contact && !contact.endedAt ? contact : null, case: kase };
    }
    const number = caseNumberIn(i.subject ?? null);
    if (number) {
      const kase = own(await tx.cases.getByNumber(number));
      if (kase) return { contact: await openContactOf(tx, i, kase.id), case: kase };
    }
    return { contact: null, case: null };
  }
  if (i.channel === 'sms') {
    const recent = await tx.contacts.list(
      { channel: 'sms', from: i.from, open: true },
      { limit: 1, offset: 0 },
    );
    const c = recent.items[0];
    if (c && now - c.updatedAt.getTime() < smsConversationMs) {
      const kase = c.caseId ? await tx.cases.get(c.caseId) : null;
      return { contact: c, case: kase };
    }
    if (customerId) {
      const cases = await tx.cases.list({ customerId }, { all: true }, { limit: 20, offset: 0 });
      const open = cases.items.find((k) => isOpenStage(k.stage)) ?? null;
      return { contact: null, case: open };
    }
  }
  return { contact: null, case: null };
}

/** The open contact on the same channel and case, to add to instead of opening another. */
async function openContactOf(tx: StoreTx, i: InboundMessage, caseId: string) {
  const r = await tx.contacts.list(
    { caseId, channel: i.channel, open: true },
    { limit: 1, offset: 0 },
  );
  return r.items[0] ?? null;
}
