import { cleanup, render, screen } from "@testing-library/preact";
import { parseEther } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { ClaimButton } from "./ClaimButton";

const payout = { threshold: parseEther("0.5").toString(), waitingFor: "round" as const, at: 1 };
afterEach(cleanup);

describe("ClaimButton", () => {
  it("claims from a wallet that can pay gas", () => {
    render(<ClaimButton claimable={parseEther("0.6")} payout={payout} eth={1n} onClaim={() => {}} />);
    const button = screen.getByRole("button") as HTMLButtonElement;
    expect([button.textContent, button.disabled]).toEqual(["Claim 0.6 HXA", false]);
  });

  it("sends a wallet with no ETH to the sponsored payout instead of a transaction it cannot pay", () => {
    render(<ClaimButton claimable={parseEther("0.6")} payout={payout} eth={0n} onClaim={() => {}} />);
    const button = screen.getByRole("button") as HTMLButtonElement;
    expect([button.textContent, button.disabled]).toEqual(["0.6 HXA comes with the next payout", true]);
  });

  it("lets a wallet with no ETH try to claim where nobody pays out for it", () => {
    render(<ClaimButton claimable={parseEther("0.6")} payout={null} eth={0n} onClaim={() => {}} />);
    expect((screen.getByRole("button") as HTMLButtonElement).disabled).toBe(false);
  });
});
