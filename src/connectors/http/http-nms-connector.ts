/** Network management (fault tickets, outages) over the HTTP/JSON contract of docs/connectors.md. */
import type {
  FaultTicket,
  FaultTicketInput,
  NmsConnector,
  Outage,
} from '../../app/ports/connectors.ts';
import type { ConnectorClient } from './connector-client.ts';
import { wireOutages, wireTicket } from './connector-wire.ts';

export class HttpNmsConnector implements NmsConnector {
  constructor(private readonly client: ConnectorClient) {}

  openTicket(i: FaultTicketInput): Promise<FaultTicket> {
    return this.client.request({
      operation: 'openTicket',
      method: 'POST',
      path: 'tickets',
      idempotencyKey: i.idempotencyKey,
      body: { msisdn: i.msisdn, location: i.location, symptom: i.symptom },
      schema: wireTicket,
    });
  }

  ticket(id: string): Promise<FaultTicket> {
    return this.client.request({
      operation: 'ticket',
      method: 'GET',
      path: `tickets/${encodeURIComponent(id)}`,
      schema: wireTicket,
    });
  }

  async outages(area: string): Promise<readonly Outage[]> {
    const r = await this.client.request({
      operation: 'outages',
      method: 'GET',
      path: 'outages',
      query: { area },
      schema: wireOutages,
    });
    return r.outages;
  }
}
