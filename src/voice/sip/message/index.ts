/** The SIP message layer (RFC 3261 §7, §19, §20, §25): the module's public edge. */
export { SipParseError, type SipParsePartial } from './sip-parse-error.ts';
export { SipHeaders, splitList } from './sip-headers.ts';
export { canonicalHeaderName, isListHeader } from './header-names.ts';
export type { SipMethod, SipRequest, SipResponse, SipMessage } from './sip-message.ts';
export { parseUri, formatUri, type SipUri } from './sip-uri.ts';
export { parseNameAddr, formatNameAddr, type NameAddr } from './name-addr.ts';
export { parseVia, formatVia, type Via } from './via.ts';
export { parseCSeq, formatCSeq, maxCSeq, type CSeq } from './cseq.ts';
export { paramText } from './header-params.ts';
export { parseMediaType, mediaMatches, type MediaType } from './media-type.ts';
export { parseSipDate, formatSipDate } from './sip-date.ts';
export {
  parseCallId,
  parseContentLength,
  parseMaxForwards,
  parseDeltaSeconds,
} from './scalar-headers.ts';
export {
  getAccept,
  getAddress,
  getAddressList,
  getCSeq,
  getCallId,
  getContacts,
  getContentLength,
  getContentType,
  getExpires,
  getFrom,
  getMaxForwards,
  getOptionTags,
  getTo,
  getTopVia,
  getVias,
} from './typed-headers.ts';
export { parseMessage, defaultMaxBytes, type ParseOptions } from './parse-message.ts';
export { serializeMessage } from './serialize-message.ts';
export { frameStreamMessage, type StreamFrame } from './frame-stream-message.ts';
export { checkRequest, type CheckRequestOptions, type RequestProblem } from './check-request.ts';
