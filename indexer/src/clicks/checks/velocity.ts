import type { RejectReason } from "@hexads/protocol";
import type { CheckResult } from "./checkResult.js";

export interface VelocityLimit {
  clicks: number;
  seconds: number;
}

/** A person does not click ads on many campaigns within seconds (the issue saw 20 in 151 ms). */
export const DEFAULT_VELOCITY: VelocityLimit = { clicks: 5, seconds: 10 };

/**
 * Reasons decided before the session key's signature was verified. Such rows prove nothing about
 * the viewer (anyone holding its token can post them), so they never count against its velocity.
 */
export const UNSIGNED_REASONS: readonly RejectReason[] = [
  "ip_rate_limited",
  "token_forged",
  "session_unknown",
  "session_expired",
  "session_revoked",
  "bad_signature",
];

/** `recent` counts the viewer's signed clicks, paid or not, in the last `seconds`, before this one. */
export function checkVelocity(recent: number, limit: VelocityLimit = DEFAULT_VELOCITY): CheckResult {
  return recent >= limit.clicks ? "viewer_velocity" : null;
}
