/** Where a SIP message goes or came from. */
export type SipTransportName = 'UDP' | 'TCP';

export interface Destination {
  readonly transport: SipTransportName;
  readonly address: string;
  readonly port: number;
}

export const destinationKey = (d: Destination) => `${d.transport}:${d.address}:${d.port}`;
