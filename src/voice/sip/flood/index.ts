/** Per-source SIP flood detection (Kamailio pike-like): the module's public edge. */
export {
  FloodGuard,
  normalizeSourceAddress,
  type FloodGuardOptions,
  type FloodVerdict,
} from './flood-guard.ts';
