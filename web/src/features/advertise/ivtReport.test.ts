import { REJECT_REASONS } from "@hexads/protocol";
import { describe, expect, it } from "vitest";
import { ivtReport, REASON_NOTES } from "./ivtReport";

describe("ivtReport", () => {
  it("lists refused clicks by reason, most first, and totals invalid traffic apart from clicks outside the terms", () => {
    const report = ivtReport({ campaign_paused: 2, viewer_velocity: 5, subnet_crowded: 2, token_used: 0 });
    expect(report.rows.map((r) => [r.reason, r.clicks, r.kind])).toEqual([
      ["viewer_velocity", 5, "invalid"],
      ["campaign_paused", 2, "terms"],
      ["subnet_crowded", 2, "invalid"],
    ]);
    expect(report).toMatchObject({ invalid: 7, terms: 2, total: 9 });
  });
  it("explains every reason, and one it does not know", () => {
    for (const reason of REJECT_REASONS) expect(REASON_NOTES[reason].why).toMatch(/^[A-Z].+\.$/);
    expect(ivtReport({ from_the_future: 1 }).rows[0]).toMatchObject({
      kind: "invalid",
      why: "Refused by the indexer.",
    });
  });
  it("is empty when every click was paid", () => {
    expect(ivtReport({})).toEqual({ rows: [], invalid: 0, terms: 0, total: 0 });
  });
});
