/**
 * Header field names: compact forms (RFC 3261 §7.3.3 and the extensions that register one),
 * the canonical spelling of the names we know, and which headers carry comma-separated lists
 * (RFC 3261 §7.3.1: "Multiple header field rows with the same field-name MAY be present … if
 * and only if the entire field-value for that header field is defined as a comma-separated
 * list").
 */

/** Compact form → full name (RFC 3261 §7.3.3, §20; RFC 3841, 3515, 3892, 4028, 4474, 6665, 8224). */
const compactForms: Readonly<Record<string, string>> = {
  a: 'Accept-Contact',
  b: 'Referred-By',
  c: 'Content-Type',
  d: 'Request-Disposition',
  e: 'Content-Encoding',
  f: 'From',
  i: 'Call-ID',
  j: 'Reject-Contact',
  k: 'Supported',
  l: 'Content-Length',
  m: 'Contact',
  n: 'Identity-Info',
  o: 'Event',
  r: 'Refer-To',
  s: 'Subject',
  t: 'To',
  u: 'Allow-Events',
  v: 'Via',
  x: 'Session-Expires',
  y: 'Identity',
};

const known = [
  // RFC 3261 §20
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Alert-Info',
  'Allow',
  'Authentication-Info',
  'Authorization',
  'Call-ID',
  'Call-Info',
  'Contact',
  'Content-Disposition',
  'Content-Encoding',
  'Content-Language',
  'Content-Length',
  'Content-Type',
  'CSeq',
  'Date',
  'Error-Info',
  'Expires',
  'From',
  'In-Reply-To',
  'Max-Forwards',
  'Min-Expires',
  'MIME-Version',
  'Organization',
  'Priority',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'Proxy-Require',
  'Record-Route',
  'Reply-To',
  'Require',
  'Retry-After',
  'Route',
  'Server',
  'Subject',
  'Supported',
  'Timestamp',
  'To',
  'Unsupported',
  'User-Agent',
  'Via',
  'Warning',
  'WWW-Authenticate',
  // extensions a contact center meets
  'Accept-Contact',
  'Accept-Resource-Priority',
  'Allow-Events',
  'Content-ID',
  'Content-Transfer-Encoding',
  'Diversion',
  'Event',
  'Feature-Caps',
  'Geolocation',
  'History-Info',
  'Identity',
  'Identity-Info',
  'Info-Package',
  'Join',
  'Max-Breadth',
  'Min-SE',
  'P-Access-Network-Info',
  'P-Asserted-Identity',
  'P-Associated-URI',
  'P-Called-Party-ID',
  'P-Charging-Vector',
  'P-Preferred-Identity',
  'P-Visited-Network-ID',
  'Path',
  'Privacy',
  'RAck',
  'Reason',
  'Recv-Info',
  'Refer-Sub',
  'Refer-To',
  'Referred-By',
  'Reject-Contact',
  'Replaces',
  'Request-Disposition',
  'Resource-Priority',
  'RSeq',
  'Security-Client',
  'Security-Server',
  'Security-Verify',
  'Service-Route',
  'Session-Expires',
  'Session-ID',
  'SIP-ETag',
  'SIP-If-Match',
  'Subscription-State',
  'Target-Dialog',
  'User-to-User',
];

export interface HeaderName {
  /** Canonical spelling (unknown names: as written). */
  readonly name: string;
  /** Lowercased canonical name: the lookup key. */
  readonly key: string;
}

const canonical = new Map<string, HeaderName>(
  known.map((n) => [n.toLowerCase(), { name: n, key: n.toLowerCase() }]),
);
for (const [c, full] of Object.entries(compactForms))
  canonical.set(c, canonical.get(full.toLowerCase())!);

/** Headers whose value is a comma-separated list (RFC 3261 §7.3.1 and the extensions' ABNF). */
const listHeaders = new Set(
  [
    'Accept',
    'Accept-Contact',
    'Accept-Encoding',
    'Accept-Language',
    'Accept-Resource-Priority',
    'Alert-Info',
    'Allow',
    'Allow-Events',
    'Call-Info',
    'Contact',
    'Content-Encoding',
    'Content-Language',
    'Diversion',
    'Error-Info',
    'Geolocation',
    'History-Info',
    'In-Reply-To',
    'P-Asserted-Identity',
    'P-Associated-URI',
    'P-Preferred-Identity',
    'P-Visited-Network-ID',
    'Path',
    'Proxy-Require',
    'Reason',
    'Record-Route',
    'Recv-Info',
    'Reject-Contact',
    'Request-Disposition',
    'Require',
    'Resource-Priority',
    'Route',
    'Security-Client',
    'Security-Server',
    'Security-Verify',
    'Service-Route',
    'Supported',
    'Unsupported',
    'Via',
    'Warning',
  ].map((n) => n.toLowerCase()),
);

/** Resolves a header name: compact forms expand, known names get their RFC spelling. */
export function resolveHeaderName(name: string): HeaderName {
  const lower = name.toLowerCase();
  return canonical.get(lower) ?? { name, key: lower };
}

/**
 * The canonical spelling of a header name: compact forms expand, known names get their RFC
 * spelling, unknown names stay as written.
 */
export function canonicalHeaderName(name: string): string {
  return resolveHeaderName(name).name;
}

/** The lookup key of a header name: its canonical spelling, lowercased. */
export function headerKey(name: string): string {
  return resolveHeaderName(name).key;
}

/** Whether the header (given by key) is a comma-separated list. */
export function isListHeader(key: string): boolean {
  return listHeaders.has(key);
}
