import { describe, expect, it } from "vitest";
import { EVERY_DAY_ALL_HOURS, limits, masks } from "./delivery";

describe("delivery form", () => {
  it("every day, all hours is no limit", () => {
    expect(masks(EVERY_DAY_ALL_HOURS)).toEqual({ daysMask: 0x7f, hoursMask: 0xffffff });
    expect(limits({ dailyBudget: 0n, ...masks(EVERY_DAY_ALL_HOURS) })).toBe(false);
    expect(limits({ dailyBudget: 1n, ...masks(EVERY_DAY_ALL_HOURS) })).toBe(true);
  });
  it("weekdays 9 to 17, and hours that wrap past midnight", () => {
    const weekdays = [false, true, true, true, true, true, false];
    expect(masks({ ...EVERY_DAY_ALL_HOURS, days: weekdays, from: 9, until: 17 })).toEqual({
      daysMask: 0b0111110,
      hoursMask: 0xff << 9,
    });
    expect(masks({ ...EVERY_DAY_ALL_HOURS, from: 22, until: 2 }).hoursMask).toBe(
      (1 << 22) | (1 << 23) | 1 | 2,
    );
    expect(masks({ ...EVERY_DAY_ALL_HOURS, from: 5, until: 5 }).hoursMask).toBe(0);
  });
});
