// What a budget buys: whole clicks at the chosen price, and the share each party gets of one
// under the split AdMarket holds on-chain.
import { type SplitBps, splitClick } from "@hexads/protocol";
import type { Bound } from "../../lib/amount";
import { formatHxa } from "../../lib/format";

export interface Estimate {
  clicks: bigint;
  /** Left over after the last whole click; withdrawable when the campaign ends. */
  remainder: bigint;
  /** One click's cpc split between the viewer, the plot's owner and the protocol. */
  perClick: ReturnType<typeof splitClick>;
}

export function estimate(budget: bigint, cpc: bigint, split: SplitBps): Estimate | undefined {
  if (cpc <= 0n || budget < cpc) return undefined;
  return { clicks: budget / cpc, remainder: budget % cpc, perClick: splitClick(cpc, split) };
}

/** AdMarket's minimum price per click: the line shown by the field, and the bound that refuses less. */
export function minCpcRule(minCpc: bigint): { hint: string; bound: Bound } {
  const min = formatHxa(minCpc, 6);
  return {
    hint: `Minimum ${min} per click`,
    bound: { wei: minCpc, why: `The price per click must be at least ${min} (the minimum on-chain).` },
  };
}

export interface Pace {
  /** Ads served in the area per day lately (all campaigns). */
  impressionsPerDay: number;
  /** Paid clicks in the area per day lately (all campaigns). */
  clicksPerDay: number;
  /** Days the budget would last if this campaign got every recent click; undefined without clicks. */
  daysToSpend: number | undefined;
}

/** How fast the area has been clicking lately, and what that means for the budget. */
export function pace(est: Estimate, activity: { days: number; impressions: number; clicks: number }): Pace {
  const clicksPerDay = activity.clicks / activity.days;
  return {
    impressionsPerDay: activity.impressions / activity.days,
    clicksPerDay,
    daysToSpend: clicksPerDay > 0 ? Number(est.clicks) / clicksPerDay : undefined,
  };
}
