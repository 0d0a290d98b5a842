// A browser wallet for tests: an EIP-1193 provider announced through EIP-6963, as extensions do.
// It answers chain id and accounts itself (starting on another chain, to meet the wrong-network
// prompt) and forwards everything else to anvil, which signs for its unlocked test accounts.
import type { Page } from "playwright-core";

export async function installInjectedWallet(
  page: Page,
  rpcUrl: string,
  account: string,
  startChainId: number,
) {
  await page.addInitScript(
    ({ rpcUrl, account, startChainId }) => {
      let chainId = `0x${startChainId.toString(16)}`;
      let authorized = false;
      const listeners: Record<string, ((arg: unknown) => void)[]> = {};
      const emit = (event: string, arg: unknown) => {
        for (const f of listeners[event] ?? []) f(arg);
      };
      let id = 0;
      const provider = {
        async request({ method, params }: { method: string; params?: unknown[] }) {
          if (method === "eth_chainId") return chainId;
          // Like an extension: no accounts for a site until the user approves it once.
          if (method === "eth_accounts") return authorized ? [account] : [];
          if (method === "eth_requestAccounts" || method === "wallet_requestPermissions") {
            authorized = true;
            return method === "eth_requestAccounts" ? [account] : [{ parentCapability: "eth_accounts" }];
          }
          if (method === "wallet_switchEthereumChain") {
            chainId = ((params ?? [])[0] as { chainId: string }).chainId;
            emit("chainChanged", chainId);
            return null;
          }
          const res = await fetch(rpcUrl, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: params ?? [] }),
          });
          const body = (await res.json()) as {
            result?: unknown;
            error?: { code: number; message: string; data?: unknown };
          };
          if (body.error) throw Object.assign(new Error(body.error.message), body.error);
          return body.result;
        },
        on(event: string, f: (arg: unknown) => void) {
          listeners[event] = [...(listeners[event] ?? []), f];
        },
        removeListener(event: string, f: (arg: unknown) => void) {
          listeners[event] = (listeners[event] ?? []).filter((g) => g !== f);
        },
      };
      const info = {
        uuid: "6c1f6b3e-0000-4000-8000-000000000001",
        name: "Test Wallet",
        icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E",
        rdns: "test.wallet",
      };
      const announce = () =>
        window.dispatchEvent(
          new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }),
        );
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
    },
    { rpcUrl, account, startChainId },
  );
}
