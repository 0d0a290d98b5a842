import { type Chain, defineChain } from "viem";
import {
  arbitrum,
  arbitrumSepolia,
  base,
  baseSepolia,
  foundry,
  mainnet,
  optimism,
  sepolia,
} from "viem/chains";
import { createConfig, http, injected } from "wagmi";
import { burner } from "./burner";
import { config, isLocalChain } from "./config";

/** Chains known by name (and currency), so the app can say which network it expects. */
const known: Chain[] = [foundry, mainnet, sepolia, base, baseSepolia, optimism, arbitrum, arbitrumSepolia];
const named = known.find((c) => c.id === config.chainId);

/**
 * The chain the app runs on: anvil locally, or any EVM chain given by VITE_CHAIN_ID/VITE_RPC_URL.
 * Only a known chain's name and currency are taken: its contracts (multicall3) need not exist on
 * the RPC the app is given (a rehearsal on anvil has none).
 */
export const chain: Chain = defineChain({
  id: config.chainId,
  name: named?.name ?? `Chain ${config.chainId}`,
  nativeCurrency: named?.nativeCurrency ?? { name: "Ether", symbol: "ETH", decimals: 18 },
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
