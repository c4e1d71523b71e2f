/**
 * Customer-portal sign-in challenges (an SMS code or an e-mail link). Behaviour owed:
 * - Secrets are stored only as the hash the caller gives; the store never sees a code.
 * - `addAttempt` and `consume` are atomic, so two concurrent guesses cannot both pass the
 *   attempt limit and a link or code signs in at most once.
 */
export type ChallengeChannel = 'sms' | 'email';

export interface PortalChallenge {
  readonly id: string;
  readonly channel: ChallengeChannel;
  /** The normalised phone number (E.164 digits) or e-mail address. */
  readonly address: string;
  readonly secretHash: string;
  /** The customer who may sign in with it; null for an address no customer has. */
  readonly customerId: string | null;
  readonly ip: string | null;
  readonly attempts: number;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

export interface PortalRepo {
  /** Stores a challenge and retires the address's earlier unused ones (only the newest works). */
  issue(c: PortalChallenge): Promise<void>;
  /** The newest unused challenge for the address, expired or not. */
  open(channel: ChallengeChannel, address: string): Promise<PortalChallenge | null>;
  /** An unused challenge by its secret's hash (e-mail links, whose token is unguessable). */
  bySecret(channel: ChallengeChannel, secretHash: string): Promise<PortalChallenge | null>;
  /**
   * When challenges were issued since `since` for the address (or from the client address),
   * newest first, at most `limit` of them: enough to count and to say when the next is allowed.
   */
  issuedSince(
    f: { channel: ChallengeChannel; address: string } | { ip: string },
    since: Date,
    limit: number,
  ): Promise<Date[]>;
  /** Counts one verification attempt and returns the new count. */
  addAttempt(id: string): Promise<number>;
  /** Marks the challenge used; false when it already was. */
  consume(id: string, at: Date): Promise<boolean>;
  /** The oldest login of role customer bound to the customer, if any. */
  customerLoginId(customerId: string): Promise<string | null>;
  /** Forgets challenges issued before `before` (older than any limit window); returns how many. */
  deleteIssuedBefore(before: Date): Promise<number>;
}
