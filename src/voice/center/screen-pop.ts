/**
 * The screen pop (弹屏): when a call is offered to an agent, their desktop gets the customer
 * found by the calling number, the IVR data and the customer's open cases, as a `call.offered`
 * event addressed to that agent only.
 */
import type { Clock } from '../../app/ports/clock.ts';
import type { Store } from '../../app/ports/store.ts';
import type { Contact } from '../../domain/contact/contact.ts';

export interface OfferedCall {
  readonly id: string;
  readonly taskId: string | null;
  readonly contact: Contact;
  readonly caller: string;
  readonly called: string;
}

export async function screenPop(
  store: Store,
  clock: Clock,
  call: OfferedCall,
  agentId: string,
): Promise<void> {
  const customer = call.contact.customerId
    ? await store.customers.get(call.contact.customerId)
    : null;
  const cases = customer
    ? await store.cases.list({ customerId: customer.id }, { all: true }, { limit: 10, offset: 0 })
    : { items: [] };
  await store.transaction(async (tx) =>
    tx.append(
      [
        {
          type: 'call.offered',
          subjectType: 'call',
          subjectId: call.id,
          payload: {
            taskId: call.taskId,
            contactId: call.contact.id,
            caller: call.caller,
            called: call.called,
            customer: customer
              ? {
                  id: customer.id,
                  name: customer.name,
                  level: customer.level,
                  msisdn: customer.msisdn,
                }
              : null,
            ivrData: call.contact.ivrData,
            openCases: cases.items
              .filter((c) => c.stage !== 'closed' && c.stage !== 'canceled')
              .map((c) => ({ id: c.id, number: c.number, title: c.title, stage: c.stage })),
          },
          scope: { userIds: [agentId], teamIds: [], dispatchTeamIds: [], customerId: null },
        },
      ],
      { actorId: null, at: clock.now() },
    ),
  );
}
