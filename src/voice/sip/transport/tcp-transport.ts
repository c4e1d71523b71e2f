/**
 * SIP over TCP (RFC 3261 §18): messages framed by Content-Length on a byte stream. Connections
 * are kept per remote address and reused both ways: responses go back on the connection the
 * request came on (§18.2.2), and requests to a peer reuse an open connection to it.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { frameStreamMessage, SipParseError } from '../message/index.ts';
import { destinationKey, type Destination } from './destination.ts';

export type StreamMessageHandler = (data: Buffer, source: Destination) => void;

const idleMs = 10 * 60_000;

export class TcpTransport {
  private readonly connections = new Map<string, Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly onMessage: StreamMessageHandler,
  ) {}

  static listen(
    host: string,
    port: number,
    onMessage: StreamMessageHandler,
  ): Promise<TcpTransport> {
    return new Promise((resolve, reject) => {
      let t: TcpTransport | null = null;
      const server = createServer((socket) => t?.adopt(socket));
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const addr = server.address();
        t = new TcpTransport(
          server,
          typeof addr === 'object' && addr ? addr.port : port,
          onMessage,
        );
        resolve(t);
      });
    });
  }

  private adopt(socket: Socket): Destination {
    const source: Destination = {
      transport: 'TCP',
      address: normalizeAddress(socket.remoteAddress ?? ''),
      port: socket.remotePort ?? 0,
    };
    const key = destinationKey(source);
    this.connections.set(key, socket);
    socket.setKeepAlive(true, 30_000);
    socket.setTimeout(idleMs, () => socket.destroy());
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      try {
        for (let f = frameStreamMessage(buf); f; f = frameStreamMessage(buf)) {
          const consumed = buf.length - f.rest.length;
          buf = f.rest;
          if (f.message.length > 0) this.onMessage(f.message, source);
          // RFC 5626 §4.4.1: a CRLFCRLF ping gets a CRLF pong, keeping NAT bindings open.
          else if (consumed >= 4) socket.write('\r\n');
        }
        if (buf.length > 256 * 1024) throw new SipParseError('message too large');
      } catch (e) {
        // A broken stream cannot be resynchronised (§18.3): drop the connection.
        if (e instanceof SipParseError) socket.destroy();
        else throw e;
      }
    });
    const forget = () => {
      if (this.connections.get(key) === socket) this.connections.delete(key);
    };
    socket.on('close', forget);
    socket.on('error', forget);
    return source;
  }

  async send(data: Buffer, dest: Destination): Promise<void> {
    let socket = this.connections.get(destinationKey(dest));
    if (!socket || socket.destroyed) socket = await this.connect(dest);
    await new Promise<void>((resolve, reject) =>
      socket.write(data, (e) => (e ? reject(e) : resolve())),
    );
  }

  private connect(dest: Destination): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: dest.address, port: dest.port });
      socket.setTimeout(5000, () => socket.destroy(new Error('connect timeout')));
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.setTimeout(0);
        this.adoptOutbound(socket, dest);
        resolve(socket);
      });
    });
  }

  private adoptOutbound(socket: Socket, dest: Destination): void {
    // Register under the destination we dialled so later sends and replies find it.
    const source = this.adopt(socket);
    if (destinationKey(source) !== destinationKey(dest))
      this.connections.set(destinationKey(dest), socket);
  }

  async close(): Promise<void> {
    for (const s of this.connections.values()) s.destroy();
    this.connections.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** '::ffff:127.0.0.1' → '127.0.0.1', so IPv4 peers compare equal however they arrived. */
export const normalizeAddress = (a: string) => (a.startsWith('::ffff:') ? a.slice(7) : a);
