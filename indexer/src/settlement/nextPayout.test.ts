import { describe, expect, it } from "vitest";
import { nextPayout } from "./nextPayout.js";

const base = {
  now: 1_000_010,
  threshold: 100n,
  intervalSeconds: 60,
  claimable: 0n,
  waiting: null,
  unclaimed: 0n,
  nextSettlementAt: 1_000_100,
  challengePeriod: 86_400,
};

describe("nextPayout", () => {
  it("claimable over the threshold: the next round", () => {
    expect(nextPayout({ ...base, claimable: 100n, unclaimed: 100n })).toEqual({
      threshold: "100",
      waitingFor: "round",
      at: 1_000_020,
    });
  });
  it("in an epoch still in its challenge period: the first round after it activates", () => {
    const p = nextPayout({ ...base, waiting: { amount: 150n, activatesAt: 1_050_001 }, unclaimed: 150n });
    expect(p).toMatchObject({ waitingFor: "challenge", at: 1_050_060 });
  });
  it("credited, not settled: the next epoch plus the challenge period", () => {
    const p = nextPayout({ ...base, unclaimed: 500n });
    expect(p).toMatchObject({ waitingFor: "settlement", at: 1_086_540 });
  });
  it("claimable under the threshold, even with more pending: waits for the settlement", () => {
    expect(nextPayout({ ...base, claimable: 40n, unclaimed: 140n }).waitingFor).toBe("settlement");
  });
  it("under the threshold altogether: no time", () => {
    expect(nextPayout({ ...base, claimable: 40n, unclaimed: 40n })).toMatchObject({
      waitingFor: "threshold",
      at: null,
    });
  });
});
