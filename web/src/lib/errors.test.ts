import { BaseError, ContractFunctionRevertedError, encodeErrorResult, UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { plotsAbi } from "../generated";
import { describeError } from "./errors";

const revert = (errorName: string, args: unknown[]) =>
  new BaseError("call failed", {
    cause: new ContractFunctionRevertedError({
      abi: plotsAbi,
      functionName: "buy",
      data: encodeErrorResult({ abi: plotsAbi, errorName: errorName as never, args: args as never }),
    }),
  });

describe("describeError", () => {
  it("turns a known custom error into a sentence with the next step", () => {
    const e = describeError(revert("PlotAlreadyOwned", [1n, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]));
    expect(e.name).toBe("PlotAlreadyOwned");
    expect(e.message).toMatch(/already owns this plot/);
  });
  it("keeps an unknown error's name and arguments", () => {
    const e = describeError(revert("FeeTooHigh", [2000n, 1000n]));
    expect(e).toEqual({ name: "FeeTooHigh", message: "FeeTooHigh(2000, 1000)" });
  });
  it("recognises a rejection in the wallet", () => {
    const e = describeError(new BaseError("x", { cause: new UserRejectedRequestError(new Error("no")) }));
    expect(e.message).toBe("You declined the request in your wallet.");
  });
});
