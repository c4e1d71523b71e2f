/**
 * Media types in Content-Type and Accept (RFC 3261 §20.15, §20.1, §25.1):
 *
 *   media-type  = m-type SLASH m-subtype *( SEMI m-parameter )
 *   media-range = ( "*" "/" "*" / m-type SLASH "*" / m-type SLASH m-subtype ) *( SEMI m-parameter )
 *
 * Type and subtype are case-insensitive and lowercased; "*" is a token character, so wildcards
 * need no special case when reading.
 */
import { TOKEN } from './char-classes.ts';
import { readParams } from './header-params.ts';
import { Scanner } from './scanner.ts';

export interface MediaType {
  /** 'type/subtype', lowercased. */
  type: string;
  params: ReadonlyMap<string, string | null>;
}

export function parseMediaType(s: string, reason = 'Bad Content-Type'): MediaType {
  const sc = new Scanner(typeof s === 'string' ? s : '', reason);
  sc.skipWs();
  const type = sc.need(TOKEN);
  sc.expectSep(0x2f);
  const subtype = sc.need(TOKEN);
  const params = readParams(sc);
  sc.end();
  return { type: `${type}/${subtype}`.toLowerCase(), params };
}

/** Whether media `type` ('a/b') falls in `range` ('a/b', 'a/*' or '*\/*'). */
export function mediaMatches(range: string, type: string): boolean {
  const r = range.toLowerCase();
  const t = type.toLowerCase();
  if (r === '*/*' || r === t) return true;
  return r.endsWith('/*') && t.startsWith(r.slice(0, -1));
}
