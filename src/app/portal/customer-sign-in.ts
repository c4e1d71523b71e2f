/**
 * Turns a proven phone number or e-mail address into a normal session: the customer's login
 * (role `customer`, bound to the customer) is looked up, or made on the first sign-in with an
 * unusable random password, and a session token is issued exactly as `/api/auth/login` does,
 * so every route, the cookie and the event stream treat a portal customer like any login.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { adminOnlyScope } from '../../domain/events/domain-event.ts';
import { usernamePattern, type User } from '../../domain/user/user.ts';
import type { AppDeps } from '../app-context.ts';
import { sessionTtlMs, type LoginResult } from '../auth/auth-service.ts';
import { hashPassword } from '../auth/password-hash.ts';

export type SignInMethod = 'sms' | 'email';

/** The digest sessions are stored under; must equal AuthService's (tests sign in through both). */
const sessionDigest = (token: string) => createHash('sha256').update(token).digest('base64url');

export class CustomerSignIn {
  constructor(private readonly deps: AppDeps) {}

  async signIn(customerId: string, ip: string | null, method: SignInMethod): Promise<LoginResult> {
    const user = await this.loginOf(customerId);
    if (user.disabled) {
      await this.audit(user, ip, method, 'denied');
      throw new DomainError('auth.account_disabled', 'this account is disabled');
    }
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + sessionTtlMs);
    await this.deps.store.sessions.insert({
      tokenHash: sessionDigest(token),
      userId: user.id,
      createdAt: now,
      expiresAt,
      ip,
    });
    await this.audit(user, ip, method, 'ok');
    return { token, user, expiresAt };
  }

  /** The customer's login, made on first use; a concurrent first sign-in finds the other's. */
  private async loginOf(customerId: string): Promise<User> {
    const { store } = this.deps;
    const existing = await store.portal.customerLoginId(customerId);
    const found = existing ? await store.users.get(existing) : null;
    if (found) return found;
    const customer = await store.customers.get(customerId);
    if (!customer) throw new DomainError('portal.invalid_code', 'the code is wrong or has expired');
    const now = this.deps.clock.now();
    const user: User = {
      id: this.deps.ids.newId(),
      username: usernameFor(customerId),
      displayName: customer.name,
      role: 'customer',
      email: customer.email,
      customerId,
      teamIds: [],
      skills: [],
      language: customer.language.startsWith('zh') ? 'zh-CN' : 'en',
      disabled: false,
      createdAt: now,
    };
    // Nobody knows this password: the login is reachable only through the portal's proofs.
    const unusable = await hashPassword(randomBytes(32).toString('base64url'));
    try {
      await store.transaction(async (tx) => {
        await tx.users.insert(user, unusable);
        tx.append(
          [
            {
              type: 'user.created',
              subjectType: 'user',
              subjectId: user.id,
              payload: { username: user.username, role: user.role, via: 'portal' },
              scope: adminOnlyScope,
            },
          ],
          { actorId: null, at: now },
        );
      });
      return user;
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'user.username_taken') throw e;
      const again = await store.portal.customerLoginId(customerId);
      const other = again ? await store.users.get(again) : null;
      if (!other) throw e;
      return other;
    }
  }

  private async audit(
    user: User,
    ip: string | null,
    method: SignInMethod,
    outcome: 'ok' | 'denied',
  ): Promise<void> {
    await this.deps.store.audit.insert({
      at: this.deps.clock.now(),
      actorId: user.id,
      actorName: user.username,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      ip,
      outcome,
      details: { via: `portal.${method}` },
    });
  }
}

function usernameFor(customerId: string): string {
  const name = `portal.${customerId}`;
  return usernamePattern.test(name)
    ? name
    : `portal.${createHash('sha256').update(customerId).digest('hex').slice(0, 32)}`;
}
