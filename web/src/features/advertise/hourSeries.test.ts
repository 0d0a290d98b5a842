import { describe, expect, it } from "vitest";
import { hourSeries } from "./hourSeries";

const H = 3600;
const NOW = 1_000 * H + 1234;

describe("hourSeries", () => {
  it("fills the hours around one busy hour with zeros, back to a minimum window", () => {
    const [hours, impressions, clicks] = hourSeries([{ hour: 998 * H, impressions: 3, clicks: 1 }], NOW, 4);
    expect(hours).toEqual([997 * H, 998 * H, 999 * H, 1000 * H]);
    expect(impressions).toEqual([0, 3, 0, 0]);
    expect(clicks).toEqual([0, 1, 0, 0]);
  });
  it("starts at the first active hour when it is older than the window", () => {
    const [hours] = hourSeries(
      [
        { hour: 990 * H, impressions: 1, clicks: 0 },
        { hour: 1000 * H, impressions: 2, clicks: 2 },
      ],
      NOW,
      4,
    );
    expect(hours[0]).toBe(990 * H);
    expect(hours).toHaveLength(11);
  });
});
