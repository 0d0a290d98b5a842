import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { parseEther } from "viem";
import { useAccount, useConnect, useDisconnect, usePublicClient, useSwitchChain } from "wagmi";
import { faucetAbi } from "../../generated";
import { config, deployment, isLocalChain } from "../../lib/config";
import { send } from "../../lib/contracts";
import { describeError } from "../../lib/errors";
import { formatHxa, shortAddress } from "../../lib/format";
import { useMenu } from "../../lib/useMenu";
import { chain } from "../../lib/wagmi";
import { AddHxaButton, NetworkHelp } from "./NetworkHelp";
import { useWallet } from "./useWallet";

/** Funds a fresh local burner once: ETH from anvil, HXA from the dev faucet. */
function useBurnerFunding() {
  const w = useWallet();
  const client = usePublicClient();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string>();
  useEffect(() => {
    const address = w.checksummed;
    if (!isLocalChain || w.connectorName !== "Local burner" || !address || !client) return;
    let cancelled = false;
    (async () => {
      if ((await client.getBalance({ address })) > 0n || cancelled) return;
      setStatus("Funding your local burner with test ETH and HXA…");
      await client.request({
        method: "anvil_setBalance" as never,
        params: [address, `0x${parseEther("100").toString(16)}`] as never,
      });
      const hash = await send({
        address: deployment().Faucet,
        abi: faucetAbi,
        functionName: "drip",
        args: [address],
      });
      await client.waitForTransactionReceipt({ hash });
      await queryClient.invalidateQueries();
      setStatus(undefined);
    })().catch((e) => setStatus(describeError(e).message));
    return () => {
      cancelled = true;
    };
  }, [w.connectorName, w.checksummed, client, queryClient]);
  return status;
}

export function WalletButton() {
  const w = useWallet();
  const { connectors, connect, error } = useConnect();
  const { disconnect } = useDisconnect();
  const { switchChain } = useSwitchChain();
  const funding = useBurnerFunding();
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(() => setNotice(undefined), 6000);
    return () => clearTimeout(id);
  }, [notice]);
  const { open, setOpen, buttonProps, menuProps } = useMenu();
  const { status } = useAccount();

  if (status === "reconnecting" || status === "connecting") {
    return (
      <button type="button" className="btn" disabled>
        Connecting…
      </button>
    );
  }
  if (w.wrongNetwork) {
    return (
      <button type="button" className="btn warn" onClick={() => switchChain({ chainId: config.chainId })}>
        Wrong network: switch to chain {chain.id} ({chain.name})
      </button>
    );
  }
  if (!w.isConnected) {
    return (
      <div className="wallet">
        <button type="button" className="btn primary" {...buttonProps}>
          Connect wallet
        </button>
        {open && (
          <div className="menu" {...menuProps}>
            {connectors.map((c) => (
              <button
                key={c.uid}
                type="button"
                role="menuitem"
                onClick={() => {
                  connect({ connector: c });
                  setOpen(false);
                }}
              >
                {c.name === "Injected" ? "Browser wallet" : c.name}
                {c.name === "Local burner" && <span className="muted"> · no extension needed</span>}
              </button>
            ))}
            {!isLocalChain && <NetworkHelp />}
          </div>
        )}
        {error && <div className="tx-error">{describeError(error).message}</div>}
      </div>
    );
  }
  return (
    <div className="wallet connected">
      <span className="balance" data-testid="hxa-balance">
        {formatHxa(w.hxa ?? 0n)}
      </span>
      <button type="button" className="btn" {...buttonProps}>
        <span className="dot" />{" "}
        {w.connectorName === "Local burner" && <span className="burner-label">Local burner </span>}
        {shortAddress(w.address)}
      </button>
      {open && (
        <div className="menu" {...menuProps}>
          <div className="menu-note">
            {formatHxa(w.hxa ?? 0n)} ·{" "}
            {w.eth !== undefined
              ? `${(Number(w.eth) / 1e18).toFixed(3)} ${chain.nativeCurrency.symbol}`
              : "…"}
          </div>
          {!isLocalChain && <NetworkHelp />}
          {w.connectorName !== "Local burner" && (
            <AddHxaButton
              onDone={(message) => {
                setNotice(message);
                setOpen(false);
              }}
            />
          )}
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              disconnect();
              setOpen(false);
            }}
          >
            Disconnect
          </button>
        </div>
      )}
      {(funding ?? notice) && (
        <div className="toast" role="status">
          {funding ?? notice}
        </div>
      )}
    </div>
  );
}
