import type { CheckResult } from "./checkResult.js";

/** `count` is the number of click requests from one IP in the current window, this one included. */
export function checkRateLimit(count: number, limit: number): CheckResult {
  return count > limit ? "ip_rate_limited" : null;
}
