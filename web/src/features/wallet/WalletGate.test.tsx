import { act, render, screen } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { publishWallet, useWallet } from "./useWallet";
import { WalletGate } from "./WalletProvider";

function Address() {
  return <span>{useWallet().address ?? "nobody"}</span>;
}

describe("WalletGate and the wallet store", () => {
  it("shows the fallback until the wallet runtime publishes, then the wallet's views with its state", () => {
    render(
      <WalletGate fallback={<span>Loading wallet…</span>}>
        <Address />
      </WalletGate>,
    );
    expect(screen.getByText("Loading wallet…")).toBeTruthy();
    act(() => publishWallet({ loaded: true, address: "0xabc", isConnected: true, wrongNetwork: false }));
    expect(screen.queryByText("Loading wallet…")).toBeNull();
    expect(screen.getByText("0xabc")).toBeTruthy();
    act(() => publishWallet({ loaded: true, isConnected: false, wrongNetwork: false }));
    expect(screen.getByText("nobody")).toBeTruthy();
  });
});
