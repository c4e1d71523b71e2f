/** SIP over UDP (RFC 3261 §18): one datagram per message. */
import { createSocket, type Socket } from 'node:dgram';
import type { Destination } from './destination.ts';

export type DatagramHandler = (data: Buffer, source: Destination) => void;

export class UdpTransport {
  private constructor(
    private readonly socket: Socket,
    readonly port: number,
  ) {}

  static listen(host: string, port: number, onData: DatagramHandler): Promise<UdpTransport> {
    return new Promise((resolve, reject) => {
      const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
      socket.once('error', reject);
      socket.on('message', (data, rinfo) =>
        onData(data, { transport: 'UDP', address: rinfo.address, port: rinfo.port }),
      );
      socket.bind(port, host, () => {
        socket.off('error', reject);
        socket.on('error', (e) => console.error('sip udp socket error', e.message));
        resolve(new UdpTransport(socket, socket.address().port));
      });
    });
  }

  send(data: Buffer, dest: Destination): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.send(data, dest.port, dest.address, (e) => (e ? reject(e) : resolve())),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
