/**
 * The SMS fields of SMPP PDUs: addresses with their TON/NPI (§5.2.5, §5.2.6), the submit_sm
 * of one message part (§4.4.1), and what a deliver_sm (§4.6.1) carries: a receipt, or a text
 * part with its concatenation header. Text is coded by our sms-text functions, never by the
 * smpp library: we hand it octets, and read octets back wherever the library leaves them.
 */
import type { PDU } from 'smpp';
import { normalizeMsisdn } from '../../domain/customer/customer.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  decodeSmsPayload,
  parseUdh,
  type ConcatInfo,
  type SmsPart,
} from '../../domain/message/sms-text.ts';
import { readReceipt, type DeliveryReceipt } from './delivery-receipt.ts';

export interface SmppAddress {
  readonly ton: number;
  readonly npi: number;
  readonly addr: string;
}

/** §5.2.12 esm_class: UDH indicator, and message type bits 2-5 = 0001 for an SMSC receipt. */
const udhIndicator = 0x40;
const receiptType = 0x04;

/**
 * Kept simple: up to 8 digits is a short code (TON 3 network specific, NPI 0 unknown, as
 * Chinese operators give 10086-style numbers); more digits an international E.164 number
 * (TON 1, NPI 1), '+' or '00' dropped; anything else an alphanumeric sender (TON 5, NPI 0).
 */
export function smppAddress(address: string): SmppAddress {
  const digits = address.trim().replace(/[\s().-]/g, '');
  if (/^\d{1,8}$/.test(digits)) return { ton: 3, npi: 0, addr: digits };
  if (/^(\+|00)?\d+$/.test(digits)) return { ton: 1, npi: 1, addr: digits.replace(/^\+|^00/, '') };
  return { ton: 5, npi: 0, addr: address.trim() };
}

/**
 * A source_addr as kefu stores customers' numbers: international digits (8613800138000).
 * TON 1 is international already; a national or unknown number gets the default country code;
 * short codes and alphanumeric senders stay as they are.
 */
export function normalizeSource(address: string, ton: number, countryCode: string): string {
  const digits = address.trim().replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(digits)) return address.trim();
  const bare = digits.replace(/^\+|^00/, '');
  if (ton === 1 || digits.startsWith('+')) return bare;
  if (bare.length <= 8) return bare;
  try {
    return normalizeMsisdn(digits, countryCode);
  } catch {
    return bare;
  }
}

/** submit_sm of one part, asking for a receipt on final delivery (registered_delivery 1). */
export function submitFields(
  source: SmppAddress,
  dest: SmppAddress,
  part: SmsPart,
): Record<string, unknown> {
  const message = part.udh ? Buffer.concat([part.udh, part.payload]) : Buffer.from(part.payload);
  return {
    source_addr_ton: source.ton,
    source_addr_npi: source.npi,
    source_addr: source.addr,
    dest_addr_ton: dest.ton,
    dest_addr_npi: dest.npi,
    destination_addr: dest.addr,
    esm_class: part.udh ? udhIndicator : 0,
    registered_delivery: 1,
    data_coding: part.dataCoding,
    // A Buffer goes out as it is: the library neither re-encodes it nor adds a UDH.
    short_message: message,
  };
}

export function isReceipt(pdu: PDU): boolean {
  return (num(pdu.esm_class) & 0x3c) === receiptType || pdu.receipted_message_id !== undefined;
}

export function receiptOf(pdu: PDU): DeliveryReceipt | null {
  return readReceipt(textOf(pdu).text, {
    receiptedMessageId: pdu.receipted_message_id,
    messageState: pdu.message_state,
  });
}

/** One received text part (the whole message when `concat` is null). */
export interface InboundPart {
  readonly from: string;
  readonly to: string;
  readonly dataCoding: number;
  readonly concat: ConcatInfo | null;
  readonly text: string;
}

export function readDeliverSm(pdu: PDU, countryCode: string): InboundPart {
  const { text, udh } = textOf(pdu);
  return {
    from: normalizeSource(str(pdu.source_addr), num(pdu.source_addr_ton), countryCode),
    to: str(pdu.destination_addr),
    dataCoding: num(pdu.data_coding),
    concat: udh ? concatOf(udh) : null,
    text,
  };
}

/**
 * The library hands short_message back as octets, or (for codings it knows) as
 * `{udh: IE[], message: string | octets}` with the UDH length octet dropped. Both come out as
 * our UDH octets and the text. The message may also travel in message_payload (§5.3.2.32).
 */
function textOf(pdu: PDU): { text: string; udh: Uint8Array | null } {
  const dc = num(pdu.data_coding);
  let field = pdu.short_message;
  if (isEmpty(field) && pdu.message_payload !== undefined) field = pdu.message_payload;
  if (field instanceof Uint8Array) {
    const length = (num(pdu.esm_class) & udhIndicator) === 0 ? 0 : headerLength(field);
    if (length === 0) return { text: decode(dc, field), udh: null };
    return { text: decode(dc, field.subarray(length)), udh: field.subarray(0, length) };
  }
  if (typeof field === 'string') return { text: field, udh: null };
  if (!isRecord(field)) return { text: '', udh: null };
  const ies = Array.isArray(field.udh) ? field.udh.filter((x) => x instanceof Uint8Array) : [];
  const udh = ies.length ? udhOf(ies) : null;
  const m = field.message;
  const text = typeof m === 'string' ? m : m instanceof Uint8Array ? decode(dc, m) : '';
  return { text, udh };
}

/** A header whose lengths do not add up is read as no header: the text is kept either way. */
function headerLength(bytes: Uint8Array): number {
  try {
    return parseUdh(bytes).headerLength;
  } catch {
    return 0;
  }
}

function concatOf(udh: Uint8Array): ConcatInfo | null {
  try {
    return parseUdh(udh).concat ?? null;
  } catch {
    return null;
  }
}

/** UDHL followed by the information elements (23.040 §9.2.3.24). */
function udhOf(ies: readonly Uint8Array[]): Uint8Array {
  const body = Buffer.concat(ies);
  return Buffer.concat([Uint8Array.of(body.length), body]);
}

/** Octets in a coding we cannot read are kept as hex rather than dropped. */
function decode(dataCoding: number, bytes: Uint8Array): string {
  try {
    return decodeSmsPayload(dataCoding, bytes);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return `[data_coding 0x${dataCoding.toString(16)}: ${Buffer.from(bytes).toString('hex')}]`;
  }
}

function isEmpty(field: unknown): boolean {
  if (field === undefined || field === null || field === '') return true;
  if (field instanceof Uint8Array) return field.length === 0;
  if (isRecord(field)) {
    const m = field.message;
    return (typeof m === 'string' || m instanceof Uint8Array) && m.length === 0 && !field.udh;
  }
  return false;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

const num = (x: unknown): number => (typeof x === 'number' ? x : 0);
const str = (x: unknown): string => (typeof x === 'string' ? x : '');
