/**
 * Logins and sessions. A session token is 32 random bytes; only its SHA-256 is stored, so a
 * stolen database does not yield live tokens. Unknown users and wrong passwords get the same
 * answer in about the same time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import type { User } from '../../domain/user/user.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import { decoyHash, verifyPassword } from './password-hash.ts';
import { LoginThrottle, type ThrottleLimits } from './login-throttle.ts';

export const sessionTtlMs = 12 * 3600_000;

export interface LoginResult {
  readonly token: string;
  readonly user: User;
  readonly expiresAt: Date;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export class AuthService {
  private readonly throttle: LoginThrottle;
  private readonly cache = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly deps: AppDeps,
    limits?: ThrottleLimits,
  ) {
    this.throttle = new LoginThrottle(deps.clock, limits);
  }

  async login(username: string, password: string, ip: string | null): Promise<LoginResult> {
    const { store, clock } = this.deps;
    const wait = this.throttle.retryAfterMs(username, ip);
    if (wait > 0) {
      await this.audit(null, username, ip, 'auth.login', 'denied', { reason: 'rate_limited' });
      throw new DomainError('auth.rate_limited', 'too many failed logins; try again later', {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    }
    const cred = await store.users.getCredentials(username);
    const ok = await verifyPassword(password, cred?.passwordHash ?? (await decoyHash()));
    if (!cred || !ok) {
      this.throttle.recordFailure(username, ip);
      await this.audit(cred?.user.id ?? null, username, ip, 'auth.login', 'failed', {});
      throw new DomainError('auth.invalid_credentials', 'wrong username or password');
    }
    if (cred.user.disabled) {
      await this.audit(cred.user.id, username, ip, 'auth.login', 'denied', { reason: 'disabled' });
      throw new DomainError('auth.account_disabled', 'this account is disabled');
    }
    this.throttle.recordSuccess(username);
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + sessionTtlMs);
    await store.transaction(async (tx) => {
      await tx.sessions.insert({
        tokenHash: hashToken(token),
        userId: cred.user.id,
        createdAt: now,
        expiresAt,
        ip,
      });
      await tx.audit.insert({
        at: now,
        actorId: cred.user.id,
        actorName: username,
        action: 'auth.login',
        targetType: 'user',
        targetId: cred.user.id,
        ip,
        outcome: 'ok',
        details: {},
      });
    });
    return { token, user: cred.user, expiresAt };
  }

  async logout(token: string): Promise<void> {
    const h = hashToken(token);
    this.cache.delete(h);
    await this.deps.store.sessions.delete(h);
  }

  /** The actor behind a token, or null for unknown, expired or disabled sessions. */
  async authenticate(token: string, ip: string | null): Promise<Actor | null> {
    const h = hashToken(token);
    const now = this.deps.clock.now().getTime();
    const hit = this.cache.get(h);
    // A short cache spares a database round trip per request; logout and user changes clear it.
    if (hit && hit.until > now) return { ...hit.actor, ip };
    const s = await this.deps.store.sessions.get(h);
    if (!s || s.expiresAt.getTime() <= now) {
      this.cache.delete(h);
      return null;
    }
    const user = await this.deps.store.users.get(s.userId);
    if (!user || user.disabled) return null;
    const actor: Actor = {
      id: user.id,
      username: user.username,
      role: user.role,
      teamIds: user.teamIds,
      customerId: user.customerId,
      ip,
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(h, { actor, until: Math.min(now + 5_000, s.expiresAt.getTime()) });
    return actor;
  }

  /** Forget cached sessions (after a user's role, teams or status change). */
  invalidate(): void {
    this.cache.clear();
  }

  private async audit(
    actorId: string | null,
    name: string,
    ip: string | null,
    action: string,
    outcome: 'ok' | 'denied' | 'failed',
    details: Record<string, unknown>,
  ) {
    await this.deps.store.audit.insert({
      at: this.deps.clock.now(),
      actorId,
      actorName: name.slice(0, 64),
      action,
      targetType: 'user',
      targetId: actorId,
      ip,
      outcome,
      details,
    });
  }
}
