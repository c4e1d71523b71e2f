/**
 * The part of smpp@0.5.1 (no bundled types) that the SMS channel, its test SMSC and the bench
 * use. A PDU carries its fields as own properties named as in the SMPP specification
 * (`destination_addr`, `short_message`, TLVs such as `receipted_message_id`); what the library
 * decodes on receipt varies by field, so they are `unknown` here and narrowed where read.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export class PDU {
    constructor(command: string, options?: Record<string, unknown>);
    readonly command: string;
    readonly command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    /** The response PDU to this request (generic_nack for an unknown command). */
    response(options?: Record<string, unknown>): PDU;
  }

  /** One SMPP session, either end; emits 'pdu' and the command name of each PDU it reads. */
  export class Session extends EventEmitter {
    readonly socket: Socket;
    /** false when the socket is no longer writable (nothing was sent). */
    send(pdu: PDU, onResponse?: (resp: PDU) => void, onSent?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  export class Server extends NetServer {
    readonly sessions: Session[];
  }

  interface Smpp {
    PDU: typeof PDU;
    connect(options: { url: string }): Session;
    createServer(listener: (session: Session) => void): Server;
  }

  const smpp: Smpp;
  export default smpp;
}
