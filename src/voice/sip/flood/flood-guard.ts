/**
 * Per-source request flood detection for the SIP listener, in the manner of Kamailio's pike
 * module: count the requests of each source address over a sliding window (2 s by default) and
 * block a source that sends more than `maxRequests` in it, for `blockMs`. Run it before parsing
 * so a flood costs as little as possible; answer blocked sources with silence (no response,
 * RFC 3261 §18 lets a server drop what it will not process).
 *
 * The window slides in `buckets` steps: a request counts while it is younger than `windowMs`,
 * and always while it is younger than `windowMs · (buckets − 1) / buckets` (2000 ms → 1750 ms
 * with the default 8 buckets). Counting is exact within that granularity.
 *
 * Memory is bounded: at most `maxSources` sources are tracked. Sources idle for a whole window
 * (and not blocked) are dropped as the guard runs; when full, the least recently seen source
 * is dropped, preferring one that is not blocked.
 *
 * Allowlisted addresses (trunks, the Kamailio dispatcher in front of a cluster) are never
 * counted nor blocked. Entries are addresses or CIDR prefixes, IPv4 or IPv6.
 */
import { BlockList, isIP } from 'node:net';

export interface FloodGuardOptions {
  /** Length of the sliding window (default 2000 ms, pike's sampling_time_unit). */
  readonly windowMs?: number;
  /** Requests allowed per source within a window; one more blocks it (default 30, as pike). */
  readonly maxRequests?: number;
  /** How long a source stays blocked (default 60 000 ms). */
  readonly blockMs?: number;
  /** Steps the window slides in (default 8). */
  readonly buckets?: number;
  /** Most sources tracked at once (default 100 000). */
  readonly maxSources?: number;
  /** Addresses or CIDR prefixes never limited, e.g. `203.0.113.10`, `198.51.100.0/24`, `2001:db8::/32`. */
  readonly allowlist?: readonly string[];
}

export type FloodVerdict =
  | { readonly verdict: 'ok' }
  | {
      readonly verdict: 'blocked';
      /** True for the request that caused the block: log it once per block. */
      readonly newlyBlocked: boolean;
      /** When the block ends (ms since the epoch). */
      readonly blockedUntil: number;
    };

const ok: FloodVerdict = Object.freeze({ verdict: 'ok' });

interface Source {
  /** Requests per bucket, indexed by absolute bucket number modulo the bucket count. */
  readonly counts: Uint32Array;
  /** Sum of `counts`. */
  total: number;
  /** Absolute number of the latest bucket written. */
  head: number;
  lastSeen: number;
  /** 0 when not blocked. */
  blockedUntil: number;
}

/** How many least-recently-seen sources one check looks at when it must evict. */
const evictionScan = 8;

/**
 * Canonical text of a source address: lowercase, without IPv6 brackets, and IPv4-mapped IPv6
 * (`::ffff:192.0.2.1`, what a dual-stack socket reports) as plain IPv4.
 */
export function normalizeSourceAddress(address: string): string {
  let a = address.trim().toLowerCase();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  return mapped?.[1] ?? a;
}

export class FloodGuard {
  readonly windowMs: number;
  readonly maxRequests: number;
  readonly blockMs: number;
  readonly maxSources: number;
  private readonly buckets: number;
  private readonly bucketMs: number;
  private readonly allowed = new BlockList();
  private allowlistEmpty = true;
  /** Insertion order is recency order: a source is moved to the end whenever it is seen. */
  private readonly sources = new Map<string, Source>();

  constructor(options: FloodGuardOptions = {}) {
    this.windowMs = options.windowMs ?? 2000;
    this.maxRequests = options.maxRequests ?? 30;
    this.blockMs = options.blockMs ?? 60_000;
    this.buckets = options.buckets ?? 8;
    this.maxSources = options.maxSources ?? 100_000;
    if (!(this.windowMs > 0)) throw new RangeError('windowMs must be positive');
    if (!Number.isInteger(this.maxRequests) || this.maxRequests < 1)
      throw new RangeError('maxRequests must be a positive integer');
    if (!(this.blockMs >= 0)) throw new RangeError('blockMs must not be negative');
    if (!Number.isInteger(this.buckets) || this.buckets < 1)
      throw new RangeError('buckets must be a positive integer');
    if (!Number.isInteger(this.maxSources) || this.maxSources < 1)
      throw new RangeError('maxSources must be a positive integer');
    this.bucketMs = this.windowMs / this.buckets;
    for (const entry of options.allowlist ?? []) this.allow(entry);
  }

  /** Adds an address or CIDR prefix to the allowlist; throws TypeError if it is neither. */
  allow(entry: string): void {
    const [address = '', prefix] = entry.trim().split('/');
    const ip = normalizeSourceAddress(address);
    const family = isIP(ip);
    if (family === 0) throw new TypeError(`not an IP address or prefix: ${entry}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) this.allowed.addAddress(ip, type);
    else {
      const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
      if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128)))
        throw new TypeError(`bad prefix length in ${entry}`);
      this.allowed.addSubnet(ip, bits, type);
    }
    this.allowlistEmpty = false;
  }

  isAllowlisted(sourceIp: string): boolean {
    if (this.allowlistEmpty) return false;
    const ip = normalizeSourceAddress(sourceIp);
    const family = isIP(ip);
    if (family === 0) return false;
    return this.allowed.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  }

  /**
   * Counts one request from `sourceIp` at `now` (ms) and says whether to process it. The
   * request that pushes a source over the limit is the first refused; it carries
   * `newlyBlocked: true`, every later one during the block `false`. Requests refused while
   * blocked are not counted; counting starts afresh when the block ends.
   */
  check(sourceIp: string, now: number): FloodVerdict {
    if (this.isAllowlisted(sourceIp)) return ok;
    const ip = normalizeSourceAddress(sourceIp);
    let source = this.sources.get(ip);
    if (source === undefined) {
      this.evictIdle(now);
      if (this.sources.size >= this.maxSources) this.evictOne(now);
      source = {
        counts: new Uint32Array(this.buckets),
        total: 0,
        head: this.bucketOf(now),
        lastSeen: now,
        blockedUntil: 0,
      };
    } else {
      this.sources.delete(ip);
    }
    this.sources.set(ip, source);
    source.lastSeen = Math.max(source.lastSeen, now);

    if (source.blockedUntil !== 0) {
      if (now < source.blockedUntil)
        return { verdict: 'blocked', newlyBlocked: false, blockedUntil: source.blockedUntil };
      source.blockedUntil = 0;
      source.counts.fill(0);
      source.total = 0;
      source.head = this.bucketOf(now);
    }

    this.advance(source, this.bucketOf(now));
    const slot = source.head % this.buckets;
    source.counts[slot] = (source.counts[slot] ?? 0) + 1;
    source.total++;
    if (source.total <= this.maxRequests) return ok;

    source.blockedUntil = now + this.blockMs;
    source.counts.fill(0);
    source.total = 0;
    return { verdict: 'blocked', newlyBlocked: true, blockedUntil: source.blockedUntil };
  }

  /** Whether `sourceIp` is blocked at `now`, without counting a request. */
  isBlocked(sourceIp: string, now: number): boolean {
    const s = this.sources.get(normalizeSourceAddress(sourceIp));
    return s !== undefined && s.blockedUntil !== 0 && now < s.blockedUntil;
  }

  /** Lifts a block (an operator's decision); the source starts counting afresh. */
  unblock(sourceIp: string): boolean {
    return this.sources.delete(normalizeSourceAddress(sourceIp));
  }

  /** Sources blocked at `now`, for the operator's view. */
  blocked(now: number): { address: string; blockedUntil: number }[] {
    const out: { address: string; blockedUntil: number }[] = [];
    for (const [address, s] of this.sources)
      if (s.blockedUntil !== 0 && now < s.blockedUntil)
        out.push({ address, blockedUntil: s.blockedUntil });
    return out;
  }

  /** Drops every idle, unblocked source; answers how many were dropped. */
  sweep(now: number): number {
    let dropped = 0;
    for (const [ip, s] of this.sources)
      if (this.isIdle(s, now)) {
        this.sources.delete(ip);
        dropped++;
      }
    return dropped;
  }

  /** Sources currently tracked (never more than `maxSources`). */
  get size(): number {
    return this.sources.size;
  }

  private bucketOf(now: number): number {
    return Math.floor(now / this.bucketMs);
  }

  /** Moves the window so `bucket` is its newest step, clearing the steps it slides past. */
  private advance(s: Source, bucket: number): void {
    // A clock that steps back counts into the newest bucket rather than rewriting history.
    if (bucket <= s.head) return;
    if (bucket - s.head >= this.buckets) {
      s.counts.fill(0);
      s.total = 0;
    } else {
      for (let b = s.head + 1; b <= bucket; b++) {
        const slot = b % this.buckets;
        s.total -= s.counts[slot] ?? 0;
        s.counts[slot] = 0;
      }
    }
    s.head = bucket;
  }

  private isIdle(s: Source, now: number): boolean {
    const blocked = s.blockedUntil !== 0 && now < s.blockedUntil;
    return !blocked && now - s.lastSeen >= this.windowMs;
  }

  /** Drops up to two idle sources from the least recent end (amortized clean-up). */
  private evictIdle(now: number): void {
    let n = 0;
    for (const [ip, s] of this.sources) {
      if (n >= 2 || !this.isIdle(s, now)) return;
      this.sources.delete(ip);
      n++;
    }
  }

  /** Makes room: the least recently seen unblocked source among the oldest few, else the oldest. */
  private evictOne(now: number): void {
    let oldest: string | undefined;
    let scanned = 0;
    for (const [ip, s] of this.sources) {
      oldest ??= ip;
      if (!(s.blockedUntil !== 0 && now < s.blockedUntil)) {
        this.sources.delete(ip);
        return;
      }
      if (++scanned >= evictionScan) break;
    }
    if (oldest !== undefined) this.sources.delete(oldest);
  }
}
