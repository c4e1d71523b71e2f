/**
 * The Date header (RFC 3261 §20.17): `rfc1123-date` in GMT only — "UT", "UTC" or a numeric
 * zone are invalid (RFC 4475 §3.1.2.12). Registrars put it in 200 responses to REGISTER
 * (§10.3 step 8), phones without a clock read it.
 */
import { SipParseError } from './sip-parse-error.ts';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const re =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

export function parseSipDate(s: string): Date {
  const m = re.exec(typeof s === 'string' ? s.trim() : '');
  if (!m) throw new SipParseError('Bad Date');
  const n = (i: number) => Number(m[i]);
  const [day, year, hh, mm, ss] = [n(2), n(4), n(5), n(6), n(7)];
  const ms = Date.UTC(year, months.indexOf(m[3]!), day, hh, mm, ss);
  if (hh > 23 || mm > 59 || ss > 59 || new Date(ms).getUTCDate() !== day)
    throw new SipParseError('Bad Date');
  return new Date(ms);
}

export function formatSipDate(d: Date): string {
  return d.toUTCString(); // "Sat, 13 Nov 2010 23:29:00 GMT" is rfc1123-date
}
