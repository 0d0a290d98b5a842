import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { adReward, cappedUntil, when } from "./adReward";

describe("adReward", () => {
  it("promises the viewer's share from the split, not the cpc", () => {
    expect(adReward(parseEther("2"), 6000, {}, 0)).toBe("you earn 1.2 HXA for a click");
    expect(adReward(parseEther("1"), 5000, {}, 0)).toBe("you earn 0.5 HXA for a click");
  });
  it("says when a cap means a click would not be paid", () => {
    expect(adReward(parseEther("1"), 6000, { campaignUntil: 1_000 }, 500)).toMatch(
      /^you were paid for this ad in the last 24 h: it pays you again from \d\d:\d\d( tomorrow)?$/,
    );
    expect(adReward(parseEther("1"), 6000, { campaignUntil: 1_000, dailyUntil: 2_000 }, 500)).toMatch(
      /^today's limit of paid clicks reached/,
    );
  });
  it("says tomorrow when the time is on the next day", () => {
    const noon = new Date(2026, 11, 7, 12, 0).getTime() / 1000;
    expect(when(noon + 3600, noon)).toBe("13:00");
    expect(when(noon + 23 * 3600, noon)).toBe("11:00 tomorrow");
  });
  it("caps a campaign for 24 h after the viewer's last paid click on it", () => {
    const now = 100_000;
    const caps = cappedUntil(
      [
        { campaignId: "1", role: "viewer", at: now - 50 },
        { campaignId: "1", role: "viewer", at: now - 500 },
        { campaignId: "2", role: "owner", at: now - 50 },
        { campaignId: "3", role: "viewer", at: now - 86_400 },
      ],
      now,
    );
    expect([...caps]).toEqual([["1", now - 50 + 86_400]]);
  });
});
