import type { CheckResult } from "./checkResult.js";

/**
 * The budget must still hold one more click after the spend already settled on-chain and the
 * spend credited off-chain but not yet settled.
 */
export function checkBudget(c: {
  budget: bigint;
  settled: bigint;
  pending: bigint;
  cpc: bigint;
}): CheckResult {
  return c.budget - c.settled - c.pending >= c.cpc ? null : "budget_exhausted";
}
