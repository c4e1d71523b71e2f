/** BOSS over the HTTP/JSON contract of docs/connectors.md. */
import type {
  BossConnector,
  ServiceOrder,
  ServiceOrderInput,
  SubscribedService,
  SubscriberProfile,
} from '../../app/ports/connectors.ts';
import type { ConnectorClient } from './connector-client.ts';
import { wireOrder, wireProfile, wireServices } from './connector-wire.ts';

const seg = encodeURIComponent;

export class HttpBossConnector implements BossConnector {
  constructor(private readonly client: ConnectorClient) {}

  profile(msisdn: string): Promise<SubscriberProfile> {
    return this.client.request({
      operation: 'profile',
      method: 'GET',
      path: `subscribers/${seg(msisdn)}`,
      schema: wireProfile,
    });
  }

  async services(msisdn: string): Promise<readonly SubscribedService[]> {
    const r = await this.client.request({
      operation: 'services',
      method: 'GET',
      path: `subscribers/${seg(msisdn)}/services`,
      schema: wireServices,
    });
    return r.services;
  }

  placeOrder(i: ServiceOrderInput): Promise<ServiceOrder> {
    return this.client.request({
      operation: 'placeOrder',
      method: 'POST',
      path: 'orders',
      idempotencyKey: i.idempotencyKey,
      body: {
        msisdn: i.msisdn,
        kind: i.kind,
        ...(i.serviceCode ? { serviceCode: i.serviceCode } : {}),
        ...(i.planCode ? { planCode: i.planCode } : {}),
      },
      schema: wireOrder,
    });
  }

  order(id: string): Promise<ServiceOrder> {
    return this.client.request({
      operation: 'order',
      method: 'GET',
      path: `orders/${seg(id)}`,
      schema: wireOrder,
    });
  }
}
