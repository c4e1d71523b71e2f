/**
 * A real SMSC on loopback for the SMS channel's tests and bench, built on the smpp package's
 * server side: accepts bind_transceiver with the configured password (ESME_RBINDFAIL
 * otherwise), records and answers every submit_sm, sends deliver_sm (texts cut by our
 * buildSmsParts, in any order) and Appendix B receipts, answers enquire_link and unbind, and
 * can drop its connections, stop, and listen again on the same port.
 */
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Server, type Session } from 'smpp';
import { encodeGsm7 } from '../../src/domain/message/gsm7.ts';
import {
  buildSmsParts,
  decodeSmsPayload,
  encodeUcs2,
  parseUdh,
} from '../../src/domain/message/sms-text.ts';

export interface SubmittedSm {
  readonly sourceAddr: string;
  readonly sourceTon: number;
  readonly sourceNpi: number;
  readonly destAddr: string;
  readonly destTon: number;
  readonly destNpi: number;
  readonly dataCoding: number;
  readonly esmClass: number;
  readonly registeredDelivery: number;
  /** The UDH octets (length octet first), null without UDHI. */
  readonly udh: Uint8Array | null;
  /** The text octets after the UDH, as the ESME coded them. */
  readonly payload: Uint8Array;
  readonly text: string;
  readonly messageId: string;
}

export interface TestSmscOptions {
  readonly password: string;
  readonly systemId?: string;
  /** 0 picks a free port. */
  readonly port?: number;
}

const receiptStates: Record<string, number> = {
  ENROUTE: 1,
  DELIVRD: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIV: 5,
  ACCEPTD: 6,
  UNKNOWN: 7,
  REJECTD: 8,
};

export class TestSmsc {
  readonly submits: SubmittedSm[] = [];
  /** Successful and refused binds, and unbinds from the ESME, so far. */
  binds = 0;
  bindFailures = 0;
  unbinds = 0;
  /** command_status for the next submit_sm answers (then 0 again). */
  readonly failNext: number[] = [];
  /** Delay before each submit_sm_resp, to see the ESME's window at work. */
  submitDelayMs = 0;
  /** Unanswered submit_sm at the worst moment. */
  maxOutstanding = 0;
  answerEnquireLink = true;
  #outstanding = 0;
  #nextId = 0x1000;
  #server: Server;
  #bound: Session | null = null;
  #port: number;

  private constructor(private readonly o: TestSmscOptions) {
    this.#port = o.port ?? 0;
    this.#server = this.#create();
  }

  static async start(o: TestSmscOptions): Promise<TestSmsc> {
    const smsc = new TestSmsc(o);
    await smsc.#listen();
    return smsc;
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `smpp://127.0.0.1:${this.#port}`;
  }

  get isBound(): boolean {
    return this.#bound !== null;
  }

  /**
   * Sends `text` from `from` to `to` as deliver_sm parts, in `order` (1-based part numbers;
   * default in sequence); resolves with the ESME's deliver_sm_resp statuses in sending order.
   * `ref16` sends the concatenation IE with a 16-bit reference (23.040 §9.2.3.24.8) instead.
   */
  async deliver(
    from: string,
    to: string,
    text: string,
    o: { order?: readonly number[]; ref?: number; ref16?: number } = {},
  ): Promise<number[]> {
    const parts = buildSmsParts(text, o.ref ?? 0x2a).map((p) =>
      p.udh && o.ref16 !== undefined ? { ...p, udh: udh16(o.ref16, p.udh) } : p,
    );
    const order = o.order ?? parts.map((_, i) => i + 1);
    return Promise.all(
      order.map((seq) => {
        const p = parts[seq - 1];
        if (!p) throw new Error(`no part ${seq} of ${parts.length}`);
        return this.#send('deliver_sm', {
          // 8613800138000 is international (TON 1); 13800138000 national, TON unknown.
          source_addr_ton: /^\d{12,}$/.test(from) ? 1 : 0,
          source_addr_npi: 1,
          source_addr: from,
          dest_addr_ton: 3,
          destination_addr: to,
          esm_class: p.udh ? 0x40 : 0,
          data_coding: p.dataCoding,
          short_message: Buffer.concat([p.udh ?? new Uint8Array(0), p.payload]),
        });
      }),
    );
  }

  /**
   * An SMSC delivery receipt (§4.6.1 with esm_class 0x04, Appendix B text) for `id`; `tlvs`
   * adds receipted_message_id and message_state. Resolves with the deliver_sm_resp status.
   */
  receipt(id: string, stat: string, o: { err?: string; tlvs?: boolean } = {}): Promise<number> {
    const text =
      `id:${id} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2611300200 ` +
      `done date:2611300201 stat:${stat} err:${o.err ?? '000'} text:`;
    return this.#send('deliver_sm', {
      source_addr: '8613800138000',
      destination_addr: '10086',
      esm_class: 0x04,
      data_coding: 0,
      short_message: Buffer.from(text, 'ascii'),
      ...(o.tlvs === false
        ? {}
        : { receipted_message_id: id, message_state: receiptStates[stat] ?? 7 }),
    });
  }

  /** Probes the ESME (§4.11); resolves with its enquire_link_resp status. */
  enquireLink(): Promise<number> {
    return this.#send('enquire_link', {});
  }

  /** Asks the ESME to unbind (§4.2); resolves with its unbind_resp status. */
  unbind(): Promise<number> {
    return this.#send('unbind', {});
  }

  /** Drops every connection at once, as a network cut or an SMSC crash does. */
  kick(): void {
    for (const s of [...this.#server.sessions]) s.destroy();
    this.#bound = null;
  }

  async stop(): Promise<void> {
    this.kick();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Listens again on the same port after stop(). */
  async restart(): Promise<void> {
    this.#server = this.#create();
    await this.#listen();
  }

  #create(): Server {
    return smpp.createServer((s) => {
      s.socket.setNoDelay(true);
      s.on('error', () => s.destroy());
      s.on('close', () => {
        if (this.#bound === s) this.#bound = null;
      });
      s.on('bind_transceiver', (pdu: PDU) => {
        const ok =
          pdu.password === this.o.password &&
          (this.o.systemId === undefined || pdu.system_id === this.o.systemId);
        if (!ok) {
          this.bindFailures++;
          s.send(pdu.response({ command_status: 0x0d }), () => s.close());
          return;
        }
        this.binds++;
        this.#bound = s;
        s.send(pdu.response({ system_id: 'TESTSMSC' }));
      });
      s.on('submit_sm', (pdu: PDU) => this.#submit(s, pdu));
      s.on('enquire_link', (pdu: PDU) => {
        if (this.answerEnquireLink) s.send(pdu.response());
      });
      s.on('unbind', (pdu: PDU) => {
        this.unbinds++;
        s.send(pdu.response(), () => s.close());
      });
    });
  }

  #submit(s: Session, pdu: PDU): void {
    if (this.#bound !== s) {
      s.send(pdu.response({ command_status: 0x04 }));
      return;
    }
    const status = this.failNext.shift() ?? 0;
    const messageId = status === 0 ? (this.#nextId++).toString(16).toUpperCase() : '';
    if (status === 0) this.submits.push(record(pdu, messageId));
    this.#outstanding++;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.#outstanding);
    const answer = () => {
      this.#outstanding--;
      s.send(
        status === 0
          ? pdu.response({ message_id: messageId })
          : pdu.response({ command_status: status }),
      );
    };
    if (this.submitDelayMs > 0) setTimeout(answer, this.submitDelayMs);
    else answer();
  }

  #send(command: string, fields: Record<string, unknown>): Promise<number> {
    const s = this.#bound;
    if (!s) return Promise.reject(new Error('no ESME is bound'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${command}_resp`)), 5000);
      const sent = s.send(new smpp.PDU(command, fields), (resp) => {
        clearTimeout(timer);
        resolve(resp.command_status);
      });
      if (!sent) reject(new Error('the ESME connection is closed'));
    });
  }

  #listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve();
      });
    });
  }
}

/**
 * What the ESME submitted. The library has already split off the UDH and decoded the text of
 * the codings it knows; the octets are put back with our coders (both are exact for GSM 7-bit
 * unpacked and UCS-2), and kept as they came for anything else.
 */
function record(pdu: PDU, messageId: string): SubmittedSm {
  const dataCoding = num(pdu.data_coding);
  const sm = pdu.short_message;
  let udh: Uint8Array | null = null;
  let payload: Uint8Array = new Uint8Array(0);
  if (sm instanceof Uint8Array) {
    const length = num(pdu.esm_class) & 0x40 ? parseUdh(sm).headerLength : 0;
    udh = length ? sm.subarray(0, length) : null;
    payload = sm.subarray(length);
  } else if (typeof sm === 'object' && sm !== null) {
    const f = sm as { udh?: unknown; message?: unknown };
    const ies = Array.isArray(f.udh) ? f.udh.filter((x) => x instanceof Uint8Array) : [];
    if (ies.length) {
      const body = Buffer.concat(ies);
      udh = Buffer.concat([Uint8Array.of(body.length), body]);
      parseUdh(udh);
    }
    const m = f.message;
    if (m instanceof Uint8Array) payload = m;
    else if (typeof m === 'string') payload = dataCoding === 8 ? encodeUcs2(m) : encodeGsm7(m);
  }
  return {
    sourceAddr: str(pdu.source_addr),
    sourceTon: num(pdu.source_addr_ton),
    sourceNpi: num(pdu.source_addr_npi),
    destAddr: str(pdu.destination_addr),
    destTon: num(pdu.dest_addr_ton),
    destNpi: num(pdu.dest_addr_npi),
    dataCoding,
    esmClass: num(pdu.esm_class),
    registeredDelivery: num(pdu.registered_delivery),
    udh,
    payload,
    text: decodeSmsPayload(dataCoding, payload),
    messageId,
  };
}

/** `06 08 04 refHi refLo total seq` from an 8-bit `05 00 03 ref total seq` header. */
function udh16(ref: number, udh8: Uint8Array): Uint8Array {
  return Uint8Array.of(0x06, 0x08, 0x04, ref >> 8, ref & 0xff, udh8[4] ?? 0, udh8[5] ?? 0);
}

const num = (x: unknown): number => (typeof x === 'number' ? x : 0);
const str = (x: unknown): string => (typeof x === 'string' ? x : '');
