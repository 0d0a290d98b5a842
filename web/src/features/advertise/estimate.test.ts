import { describe, expect, it } from "vitest";
import { checkAmount } from "../../lib/amount";
import { estimate, minCpcRule, pace } from "./estimate";

const split = { viewerBps: 6000, ownerBps: 3000, protocolBps: 1000 };

describe("estimate", () => {
  it("counts whole clicks and the remainder", () => {
    expect(estimate(105n, 10n, split)).toEqual({
      clicks: 10n,
      remainder: 5n,
      perClick: { viewer: 6n, owner: 3n, protocol: 1n },
    });
  });
  it("shares one click by the split it is given", () => {
    const est = estimate(100n, 10n, { viewerBps: 7000, ownerBps: 2500, protocolBps: 500 });
    expect(est?.perClick).toEqual({ viewer: 7n, owner: 2n, protocol: 1n });
  });
  it("refuses a budget below one click or a zero price", () => {
    expect(estimate(5n, 10n, split)).toBeUndefined();
    expect(estimate(5n, 0n, split)).toBeUndefined();
  });
  it("turns the area's recent clicks into how long the budget lasts", () => {
    const est = estimate(100n, 1n, split) as NonNullable<ReturnType<typeof estimate>>;
    expect(pace(est, { days: 7, impressions: 700, clicks: 14 })).toEqual({
      impressionsPerDay: 100,
      clicksPerDay: 2,
      daysToSpend: 50,
    });
    expect(pace(est, { days: 7, impressions: 70, clicks: 0 }).daysToSpend).toBeUndefined();
  });
});

describe("minCpcRule", () => {
  const rule = minCpcRule(10n ** 16n);
  it("states the chain's minimum in HXA", () => {
    expect(rule.hint).toBe("Minimum 0.01 HXA per click");
  });
  it("refuses a lower price and accepts the minimum itself", () => {
    expect(checkAmount("0.009", { min: rule.bound }).problem).toBe(
      "The price per click must be at least 0.01 HXA (the minimum on-chain).",
    );
    expect(checkAmount("0.01", { min: rule.bound }).value).toBe(10n ** 16n);
  });
});
