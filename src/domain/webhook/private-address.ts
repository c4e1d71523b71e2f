/**
 * Whether an IP address is private, loopback, link-local or otherwise not on the public
 * Internet (RFC 1918, RFC 6598, RFC 3927, RFC 4193, RFC 4291 §2.5). Operators who do not want
 * webhooks to reach internal systems (SSRF) turn on the setting that refuses these.
 */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  const parts = v4.split('.');
  if (parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p))) {
    const [a = 0, b = 0] = parts.map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const h = ip.toLowerCase();
  return (
    h === '::' ||
    h === '::1' ||
    /^f[cd][0-9a-f]{0,2}:/.test(h) ||
    /^fe[89ab][0-9a-f]?:/.test(h) ||
    h.startsWith('ff')
  );
}
