/**
 * Cases that need the operator's systems: a service-request case places a BOSS service order,
 * a fault-report case opens an NMS fault ticket. The request goes out first (with an
 * idempotency key, so the adapter may retry it); only when the operator has accepted it does
 * the case record it — an internal note and a `case.operator_request_opened` event — and the
 * follower (operator-request-follower.ts) start watching it.
 */
import { DomainError } from '../../domain/errors.ts';
import { caseNoteEvent, type Case } from '../../domain/case/case.ts';
import {
  operatorRequestEvent,
  type OperatorRequestRef,
  type OperatorSystem,
} from '../../domain/case/operator-request.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type {
  Connectors,
  FaultTicket,
  ServiceOrder,
  ServiceOrderKind,
} from '../ports/connectors.ts';
import type { CaseService } from './case-service.ts';

export interface OrderRequest {
  readonly kind: ServiceOrderKind;
  readonly serviceCode?: string | undefined;
  readonly planCode?: string | undefined;
}

export interface TicketRequest {
  readonly location: string;
  readonly symptom: string;
}

const needs: Record<OperatorSystem, { type: string; what: string }> = {
  boss: { type: 'service_request', what: 'BOSS orders are placed from service-request cases' },
  nms: { type: 'fault_report', what: 'NMS fault tickets are opened from fault-report cases' },
};

export class CaseOperatorRequests {
  /** Called with each request the case recorded, so the follower watches it. */
  private watch: (ref: OperatorRequestRef) => void = () => undefined;

  constructor(
    private readonly deps: AppDeps,
    private readonly cases: CaseService,
    private readonly connectors: Connectors,
  ) {}

  onRecorded(watch: (ref: OperatorRequestRef) => void): void {
    this.watch = watch;
  }

  async placeOrder(actor: Actor, caseId: string, o: OrderRequest): Promise<ServiceOrder> {
    const { c, msisdn } = await this.eligible(actor, caseId, 'boss');
    if ((o.kind === 'open_service' || o.kind === 'close_service') && !o.serviceCode)
      throw new DomainError('validation.failed', `${o.kind} needs a serviceCode`, {
        field: 'serviceCode',
      });
    if (o.kind === 'change_plan' && !o.planCode)
      throw new DomainError('validation.failed', 'change_plan needs a planCode', {
        field: 'planCode',
      });
    const order = await this.connectors.boss.placeOrder({
      msisdn,
      kind: o.kind,
      serviceCode: o.serviceCode,
      planCode: o.planCode,
      idempotencyKey: this.deps.ids.newId(),
    });
    const what = [o.kind, o.serviceCode ?? o.planCode].filter(Boolean).join(' ');
    await this.record(
      actor,
      c,
      { system: 'boss', requestId: order.id, status: order.status },
      {
        note: `BOSS order ${order.id} placed (${what}): ${order.status}`,
        extra: {
          kind: o.kind,
          ...(o.serviceCode ? { serviceCode: o.serviceCode } : {}),
          ...(o.planCode ? { planCode: o.planCode } : {}),
        },
      },
    );
    return order;
  }

  async openTicket(actor: Actor, caseId: string, t: TicketRequest): Promise<FaultTicket> {
    const { c, msisdn } = await this.eligible(actor, caseId, 'nms');
    const ticket = await this.connectors.nms.openTicket({
      msisdn,
      location: t.location,
      symptom: t.symptom,
      idempotencyKey: this.deps.ids.newId(),
    });
    await this.record(
      actor,
      c,
      { system: 'nms', requestId: ticket.id, status: ticket.status },
      {
        note: `NMS fault ticket ${ticket.id} opened (${t.location}: ${t.symptom}): ${ticket.status}`,
        extra: { location: t.location, symptom: t.symptom },
      },
    );
    return ticket;
  }

  private async eligible(actor: Actor, caseId: string, system: OperatorSystem) {
    const c = await this.cases.get(actor, caseId);
    if (c.type !== needs[system].type)
      throw new DomainError('validation.failed', needs[system].what, {
        field: 'type',
        type: c.type,
      });
    if (c.stage === 'closed' || c.stage === 'canceled')
      throw new DomainError('case.closed', `case ${c.number} is ${c.stage}`, { id: c.id });
    const customer = c.customerId ? await this.deps.store.customers.get(c.customerId) : null;
    if (!customer?.msisdn)
      throw new DomainError('validation.failed', 'the case has no customer with a phone number', {
        field: 'customerId',
      });
    return { c, msisdn: customer.msisdn };
  }

  private async record(
    actor: Actor,
    c: Case,
    ref: Omit<OperatorRequestRef, 'caseId'>,
    o: { note: string; extra: Record<string, unknown> },
  ): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.store.transaction(async (tx) => {
      const noteId = this.deps.ids.newId();
      await tx.cases.addNote({
        id: noteId,
        caseId: c.id,
        authorId: actor.id,
        body: o.note,
        internal: true,
        createdAt: now,
      });
      tx.append(
        [operatorRequestEvent(c, 'opened', ref, o.extra), caseNoteEvent(c, noteId, true, actor.id)],
        { actorId: actor.id, at: now },
      );
    });
    this.watch({ caseId: c.id, ...ref });
  }
}
