// The wallet as the rest of the app sees it: a small store that the wallet runtime (wagmi + viem,
// loaded after the first view has painted) publishes into. Reading it needs no wallet code, so the
// map can draw "mine" without waiting for the wallet bundle.
import { useSyncExternalStore } from "react";
import type { Address } from "viem";

export interface WalletState {
  /** False until the wallet code has loaded; wallet-dependent views wait for it (WalletGate). */
  loaded: boolean;
  /** Lower-case address, for comparing with the indexer's. */
  address?: string;
  checksummed?: Address;
  isConnected: boolean;
  /** Connected, but to another chain than the app's. */
  wrongNetwork: boolean;
  connectorName?: string;
  hxa?: bigint;
  eth?: bigint;
}

let state: WalletState = { loaded: false, isConnected: false, wrongNetwork: false };
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

/** Called by the wallet runtime whenever the account, chain or balances change. */
export function publishWallet(next: WalletState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** The connected account with its balances and whether it is on the app's chain. */
export const useWallet = (): WalletState => useSyncExternalStore(subscribe, () => state);
