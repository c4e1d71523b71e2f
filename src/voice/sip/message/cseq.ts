/**
 * CSeq (RFC 3261 §20.16): `1*DIGIT LWS Method`. The number must be below 2**31 (§8.1.1.5);
 * larger values are a 400 (RFC 4475 §3.1.2.4, §3.1.2.5).
 */
import { TOKEN, isWsp, parseBoundedInt } from './char-classes.ts';
import { Scanner } from './scanner.ts';

export interface CSeq {
  seq: number;
  method: string;
}

export const maxCSeq = 2 ** 31 - 1;

export function parseCSeq(s: string, reason = 'Bad CSeq'): CSeq {
  const sc = new Scanner(typeof s === 'string' ? s : '', reason);
  sc.skipWs();
  const start = sc.pos;
  while (!sc.done && !isWsp(sc.peek())) sc.pos++;
  const seq = parseBoundedInt(s.slice(start, sc.pos), maxCSeq) ?? sc.fail();
  if (!sc.skipWs()) sc.fail();
  const method = sc.need(TOKEN);
  sc.end();
  return { seq, method };
}

export function formatCSeq(c: CSeq): string {
  return `${c.seq} ${c.method}`;
}
