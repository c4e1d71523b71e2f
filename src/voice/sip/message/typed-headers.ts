/**
 * Typed reads of the header fields a SIP element acts on, parsed on demand from the raw values
 * SipHeaders keeps. Each throws SipParseError (reason "Bad <Header>") on a malformed value and
 * returns null (or an empty list) when the header is absent; for single-valued headers the
 * first line counts (checkRequest rejects duplicates).
 */
import { TOKEN, allIn } from './char-classes.ts';
import { parseCSeq, type CSeq } from './cseq.ts';
import { parseMediaType, type MediaType } from './media-type.ts';
import { parseNameAddr, type NameAddr } from './name-addr.ts';
import {
  parseCallId,
  parseContentLength,
  parseDeltaSeconds,
  parseMaxForwards,
} from './scalar-headers.ts';
import type { SipHeaders } from './sip-headers.ts';
import { SipParseError } from './sip-parse-error.ts';
import { parseVia, type Via } from './via.ts';

function scalar<T>(h: SipHeaders, name: string, parse: (v: string) => T | null): T | null {
  const v = h.get(name);
  if (v === undefined) return null;
  const parsed = parse(v);
  if (parsed === null) throw new SipParseError(`Bad ${name}`);
  return parsed;
}

/** Every Via value, topmost first (§20.42). */
export const getVias = (h: SipHeaders): Via[] => h.getAll('Via').map((v) => parseVia(v));

/** The topmost Via: where responses go and what names the transaction (§17.2.3, §18.2.2). */
export function getTopVia(h: SipHeaders): Via | null {
  const top = h.getAll('Via')[0];
  return top === undefined ? null : parseVia(top);
}

export function getCSeq(h: SipHeaders): CSeq | null {
  const v = h.get('CSeq');
  return v === undefined ? null : parseCSeq(v);
}

export const getCallId = (h: SipHeaders): string | null => scalar(h, 'Call-ID', parseCallId);

/** An address header (From, To, Reply-To, Refer-To, Referred-By, P-Asserted-Identity …). */
export function getAddress(h: SipHeaders, name: string): NameAddr | null {
  const v = h.get(name);
  return v === undefined ? null : parseNameAddr(v, `Bad ${name}`);
}

export const getFrom = (h: SipHeaders): NameAddr | null => getAddress(h, 'From');
export const getTo = (h: SipHeaders): NameAddr | null => getAddress(h, 'To');

/** A list of addresses (Route, Record-Route, Path, Service-Route …), in order. */
export function getAddressList(h: SipHeaders, name: string): NameAddr[] {
  return h.getAll(name).map((v) => parseNameAddr(v, `Bad ${name}`));
}

/** Contact values, or '*' for the REGISTER wildcard (§10.2.2: "Contact: *" alone). */
export function getContacts(h: SipHeaders): NameAddr[] | '*' {
  const all = h.getAll('Contact');
  if (all.includes('*')) {
    if (all.length !== 1) throw new SipParseError('Bad Contact');
    return '*';
  }
  return all.map((v) => parseNameAddr(v, 'Bad Contact'));
}

export const getContentLength = (h: SipHeaders): number | null =>
  scalar(h, 'Content-Length', parseContentLength);
export const getMaxForwards = (h: SipHeaders): number | null =>
  scalar(h, 'Max-Forwards', parseMaxForwards);
export const getExpires = (h: SipHeaders): number | null => scalar(h, 'Expires', parseDeltaSeconds);

/** Option tags of Require, Proxy-Require, Supported or Unsupported (§19.2: tokens). */
export function getOptionTags(h: SipHeaders, name: string): string[] {
  const tags = h.getAll(name);
  for (const t of tags) if (!allIn(t, TOKEN)) throw new SipParseError(`Bad ${name}`);
  return tags;
}

export function getContentType(h: SipHeaders): MediaType | null {
  const v = h.get('Content-Type');
  return v === undefined ? null : parseMediaType(v);
}

/** The media ranges of Accept (§20.1); an empty Accept header means "no body" (empty list). */
export function getAccept(h: SipHeaders): MediaType[] | null {
  if (!h.has('Accept')) return null;
  return h.getAll('Accept').map((v) => parseMediaType(v, 'Bad Accept'));
}
