import { defineChain } from "viem";
import { foundry } from "viem/chains";
import { createConfig, http, injected } from "wagmi";
import { burner } from "./burner";
import { config, isLocalChain } from "./config";

/** The chain the app runs on: anvil locally, or any EVM chain given by VITE_CHAIN_ID/VITE_RPC_URL. */
export const chain = isLocalChain
  ? { ...foundry, rpcUrls: { default: { http: [config.rpcUrl] } } }
  : defineChain({
      id: config.chainId,
      name: `Chain ${config.chainId}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [config.rpcUrl] } },
    });

export const wagmiConfig = createConfig({
  chains: [chain],
  // Injected wallets are discovered through EIP-6963; the burner exists only on the local chain.
  connectors: isLocalChain ? [burner(config.rpcUrl), injected()] : [injected()],
  transports: { [chain.id]: http(config.rpcUrl) },
});

declare module "wagmi" {
  interface Register {
    config: typeof wagmiConfig;
  }
}
