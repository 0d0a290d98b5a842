import type { CheckResult } from "./checkResult.js";

export interface SessionState {
  expiresAt: number;
  revokedAt: number | null;
}

/** A click needs a known session that is neither expired nor revoked at `now` (unix seconds). */
export function checkSession(session: SessionState | undefined, now: number): CheckResult {
  if (!session) return "session_unknown";
  if (session.revokedAt !== null && session.revokedAt <= now) return "session_revoked";
  if (session.expiresAt <= now) return "session_expired";
  return null;
}
