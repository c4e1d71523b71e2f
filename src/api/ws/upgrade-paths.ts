/**
 * Several WebSocket endpoints share one HTTP server (the staff event stream, the visitors' chat).
 * Each claims its path here; the endpoint that answers unknown paths with 404 skips the paths
 * another endpoint claimed, so the order in which they attach does not matter.
 */
import type { Server } from 'node:http';

const claimed = new WeakMap<Server, Set<string>>();

export function claimUpgradePath(server: Server, path: string): void {
  const set = claimed.get(server) ?? new Set<string>();
  set.add(path);
  claimed.set(server, set);
}

export function isClaimedElsewhere(server: Server, path: string, mine: string): boolean {
  return path !== mine && (claimed.get(server)?.has(path) ?? false);
}
