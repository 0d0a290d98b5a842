import type { CheckResult } from "./checkResult.js";

/**
 * Invalid traffic: one wallet earns at most `cap` (HXA wei, viewer shares) per 24 h, whatever the
 * campaigns' cpc. `earned` is what the viewer's paid clicks of the last 24 h credited it, before
 * this one; `share` is this click's viewer share.
 */
export function checkEarningCap(earned: bigint, share: bigint, cap: bigint): CheckResult {
  return earned + share > cap ? "earning_cap" : null;
}
