import type { CheckResult } from "./checkResult.js";

/** An impression token is honoured for 10 minutes after it was issued. */
export const TOKEN_MAX_AGE_SECONDS = 600;

/**
 * `issuedAt` is undefined when the token's server signature did not verify (forged or altered).
 * A token issued "in the future" beyond a small clock skew is also treated as forged.
 */
export function checkToken(
  token: { issuedAt: number; alreadyUsed: boolean } | undefined,
  now: number,
  maxAge = TOKEN_MAX_AGE_SECONDS,
): CheckResult {
  if (!token || token.issuedAt > now + 60) return "token_forged";
  if (now - token.issuedAt > maxAge) return "token_expired";
  if (token.alreadyUsed) return "token_used";
  return null;
}
