import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { feePercent, saleSplit } from "./fees";

describe("saleSplit", () => {
  it("takes the fee from the price, rounding the fee down as the contract does", () => {
    expect(saleSplit(parseEther("25"), 250)).toEqual({
      fee: parseEther("0.625"),
      proceeds: parseEther("24.375"),
    });
    expect(saleSplit(39n, 250n)).toEqual({ fee: 0n, proceeds: 39n });
  });
  it("writes basis points as a percentage", () => {
    expect(feePercent(250n)).toBe("2.5 %");
  });
});
