import { describe, expect, it } from "vitest";
import { projectEarnings } from "./projection";

const now = 1_000_000;
const paid = (at: number, earned: string) => ({ status: "accepted", earned, at });

describe("projectEarnings", () => {
  it("extrapolates the last 24 hours' paid shares; refused and older clicks do not count", () => {
    const p = projectEarnings(
      [
        paid(now - 60, "600"),
        { status: "rejected", earned: null, at: now - 120 },
        paid(now - 3600, "400"),
        paid(now - 86_400, "999"),
      ],
      now,
      200,
    );
    expect(p).toEqual({ perDay: 1000n, perWeek: 7000n, perMonth: 30_000n, atLeast: false });
  });
  it("nothing paid lately: no projection; a full list inside the day is a lower bound", () => {
    expect(projectEarnings([paid(now - 90_000, "5")], now, 200)).toBeUndefined();
    expect(projectEarnings([paid(now - 1, "5"), paid(now - 2, "5")], now, 2)?.atLeast).toBe(true);
  });
});
