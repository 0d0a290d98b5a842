import { describe, expect, it } from "vitest";
import { type EarningsResponse, earningsState } from "./earningsState";

const r = (p: Partial<EarningsResponse>): EarningsResponse => ({
  account: "0x1",
  pending: "0",
  pendingByRole: {},
  settled: "0",
  settledEpochId: null,
  claimed: "0",
  claimable: "0",
  claim: null,
  payout: null,
  ...p,
});

describe("earningsState", () => {
  it("walks pending → claimable → claimed", () => {
    expect(earningsState(r({})).step).toBe("nothing");
    expect(earningsState(r({ pending: "6" }))).toMatchObject({ step: "pending", pending: 6n, total: 6n });
    expect(earningsState(r({ settled: "6", claimable: "6" }))).toMatchObject({
      step: "claimable",
      claimable: 6n,
      total: 6n,
    });
    expect(earningsState(r({ settled: "6", claimed: "6" }))).toMatchObject({
      step: "claimed",
      claimed: 6n,
      total: 6n,
    });
  });
  it("counts settled amounts waiting for their root as settling, and new clicks on top", () => {
    const e = earningsState(r({ pending: "2", settled: "10", claimed: "4", claimable: "0" }));
    expect(e).toMatchObject({ settling: 6n, pending: 2n, total: 12n, step: "pending" });
  });
});
