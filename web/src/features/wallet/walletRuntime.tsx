// The wallet code proper (wagmi, viem, connectors), in its own chunk that WalletProvider loads
// once the first view is up. It reconnects the last wallet and publishes the account to the store.
import { useEffect } from "react";
import { Hydrate, useAccount, useBalance } from "wagmi";
import { useReadHexTokenBalanceOf } from "../../generated";
import { config, deployment } from "../../lib/config";
import { wagmiConfig } from "../../lib/wagmi";
import { publishWallet } from "./useWallet";

export { wagmiConfig };

function Publisher() {
  const { address, chainId, connector, isConnected } = useAccount();
  const hxa = useReadHexTokenBalanceOf({
    address: deployment().HexToken,
    args: address ? [address] : undefined,
    // Polled: HXA also arrives from outside the app (transfers, other tabs).
    query: { enabled: !!address, refetchInterval: 5000 },
  });
  const eth = useBalance({ address, query: { enabled: !!address, refetchInterval: 5000 } });
  useEffect(
    () =>
      publishWallet({
        loaded: true,
        address: address?.toLowerCase(),
        checksummed: address,
        isConnected,
        wrongNetwork: isConnected && chainId !== config.chainId,
        connectorName: connector?.name,
        hxa: hxa.data,
        eth: eth.data?.value,
      }),
    [address, chainId, connector?.name, isConnected, hxa.data, eth.data?.value],
  );
  return null;
}

/** Restores the last connection (as WagmiProvider does) and keeps the wallet store current. */
export function WalletBridge() {
  return (
    <Hydrate config={wagmiConfig}>
      <Publisher />
    </Hydrate>
  );
}
