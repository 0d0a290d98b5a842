import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { checkAmount, supplyBound } from "./amount";

describe("checkAmount", () => {
  const supply = supplyBound(parseEther("1000000000"));
  it("accepts plain amounts within the bounds", () => {
    expect(checkAmount(" 25 ", { max: supply })).toEqual({ value: parseEther("25") });
    expect(checkAmount("0.5")).toEqual({ value: parseEther("0.5") });
  });
  it("says why other text cannot be used", () => {
    expect(checkAmount("").problem).toMatch(/^Enter an amount/);
    expect(checkAmount("1e30").problem).toMatch(/plain number of HXA.*"1e30"/);
    expect(checkAmount("0").problem).toBe("Enter an amount above zero.");
    expect(checkAmount("0.1234567890123456789").problem).toMatch(/18 decimals/);
    expect(checkAmount("79000000000", { max: supply }).problem).toBe(
      "That is more than all the HXA there is (1,000,000,000 HXA).",
    );
    expect(checkAmount("0.1", { min: { wei: parseEther("1"), why: "too low" } }).problem).toBe("too low");
  });
});
