import { describe, expect, it } from "vitest";
import { estimate } from "./estimate";

describe("estimate", () => {
  it("counts whole clicks and the remainder", () => {
    expect(estimate(105n, 10n)).toEqual({ clicks: 10n, remainder: 5n, viewerPerClick: 6n });
  });
  it("refuses a budget below one click or a zero price", () => {
    expect(estimate(5n, 10n)).toBeUndefined();
    expect(estimate(5n, 0n)).toBeUndefined();
  });
});
