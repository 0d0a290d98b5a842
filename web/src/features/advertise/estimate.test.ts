import { describe, expect, it } from "vitest";
import { estimate, pace } from "./estimate";

describe("estimate", () => {
  it("counts whole clicks and the remainder", () => {
    expect(estimate(105n, 10n)).toEqual({ clicks: 10n, remainder: 5n, viewerPerClick: 6n });
  });
  it("refuses a budget below one click or a zero price", () => {
    expect(estimate(5n, 10n)).toBeUndefined();
    expect(estimate(5n, 0n)).toBeUndefined();
  });
  it("turns the area's recent clicks into how long the budget lasts", () => {
    const est = estimate(100n, 1n) as NonNullable<ReturnType<typeof estimate>>;
    expect(pace(est, { days: 7, impressions: 700, clicks: 14 })).toEqual({
      impressionsPerDay: 100,
      clicksPerDay: 2,
      daysToSpend: 50,
    });
    expect(pace(est, { days: 7, impressions: 70, clicks: 0 }).daysToSpend).toBeUndefined();
  });
});
