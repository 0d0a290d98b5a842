import { type ReactNode, useEffect, useState } from "react";
import { WagmiContext } from "wagmi";
import { useWallet } from "./useWallet";

type Runtime = typeof import("./walletRuntime");

/**
 * Provides wagmi's context once the wallet code has loaded. It is fetched after the first paint
 * (idle time), so the map's first view does not wait for ~100 kB of wallet code it does not need;
 * the context object stays the same element throughout, so nothing below remounts when it arrives.
 */
export function WalletProvider({ children }: { children: ReactNode }) {
  const [runtime, setRuntime] = useState<Runtime>();
  useEffect(() => {
    const load = () => void import("./walletRuntime").then(setRuntime);
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(load, { timeout: 1000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(load, 100);
    return () => clearTimeout(id);
  }, []);
  return (
    <WagmiContext.Provider value={runtime?.wagmiConfig}>
      {children}
      {runtime && <runtime.WalletBridge />}
    </WagmiContext.Provider>
  );
}

/** Renders `children` (which may use wagmi hooks) once the wallet code has loaded, `fallback` until then. */
export function WalletGate({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  return useWallet().loaded ? children : fallback;
}
