import { BaseError, ContractFunctionRevertedError, encodeErrorResult, UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { plotsAbi } from "../generated";
import { describeError } from "./errors";

const ADDR = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
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
  it("has a sentence for the errors the issue found without one", () => {
    const e = describeError(revert("NotPlotOwner", [1n, ADDR, ADDR]));
    expect(e.message).toBe("Only the plot's owner can do that.");
    expect(describeError(revert("ERC721NonexistentToken", [5n])).message).toBe(
      "Nobody has bought this plot yet.",
    );
  });
  it("keeps the name of a revert no ABI declares, never raw hex", () => {
    const unknown = new BaseError("call failed", {
      cause: new ContractFunctionRevertedError({ abi: plotsAbi, functionName: "buy", data: "0xdeadbeef" }),
    });
    expect(describeError(unknown).name).toBe("ContractReverted");
    expect(describeError(unknown).message).not.toMatch(/0x/);
  });
  it("recognises a rejection in the wallet", () => {
    const e = describeError(new BaseError("x", { cause: new UserRejectedRequestError(new Error("no")) }));
    expect(e.message).toBe("You declined the request in your wallet.");
  });
  it("says that no browser wallet is installed instead of wagmi's provider error", () => {
    const e = describeError(
      Object.assign(new Error("Provider not found."), { name: "ProviderNotFoundError" }),
    );
    expect(e.message).toMatch(/^No browser wallet was found\. Install a wallet extension/);
  });
});
