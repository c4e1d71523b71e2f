/**
 * Self-service deflection (自助分流), defined exactly:
 *
 * A **portal session** is one browser tab's visit to the portal or chat widget (a random id the
 * page keeps in sessionStorage). A session **viewed** when it opened at least one article; its
 * window starts at its first article view. The session is **deflected** when no contact was
 * opened from it (a case filed, a web form sent, a chat started) within 30 minutes of that first
 * view. Sessions whose window has not yet closed at `now` are not counted either way.
 *
 *     deflection rate = deflected sessions ÷ viewed sessions with a closed window
 */

export const deflectionWindowMs = 30 * 60_000;

export interface SessionActivity {
  readonly sessionId: string;
  readonly firstViewAt: Date;
  /** The first contact the session opened after its first view, if any. */
  readonly contactAt: Date | null;
}

export interface Deflection {
  readonly sessions: number;
  readonly deflected: number;
  readonly rate: number | null;
}

export function deflection(sessions: readonly SessionActivity[], now: Date): Deflection {
  let counted = 0;
  let deflected = 0;
  for (const s of sessions) {
    const closesAt = s.firstViewAt.getTime() + deflectionWindowMs;
    const contacted =
      s.contactAt !== null &&
      s.contactAt.getTime() >= s.firstViewAt.getTime() &&
      s.contactAt.getTime() < closesAt;
    // A contact inside the window settles it early; otherwise wait for the window to close.
    if (!contacted && closesAt > now.getTime()) continue;
    counted++;
    if (!contacted) deflected++;
  }
  return { sessions: counted, deflected, rate: counted ? deflected / counted : null };
}
