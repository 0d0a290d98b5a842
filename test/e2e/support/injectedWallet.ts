// A browser wallet for tests: an EIP-1193 provider announced through EIP-6963, as extensions do.
// It answers chain id and accounts itself (starting on another chain, to meet the wrong-network
// prompt) and forwards everything else to anvil, which signs for its unlocked test accounts. Given
// a private key instead of an address, it signs itself (in the test process), like a real wallet
// of a fresh account: then the account has only what the test gives it (e.g. no ETH at all).
// `wallet_watchAsset` requests are recorded in `window.__watchedAssets`.
import type { Page } from "playwright-core";
import { createWalletClient, type Hex, http, type PrivateKeyAccount } from "viem";

type Tx = { to?: Hex; data?: Hex; value?: Hex; gas?: Hex };

/** Signs in the test process what the page's wallet is asked to sign, with `account`'s key. */
async function exposeSigner(page: Page, rpcUrl: string, account: PrivateKeyAccount) {
  const wallet = createWalletClient({ account, transport: http(rpcUrl) });
  await page.exposeFunction("__testWalletSign", async (method: string, params: unknown[]) => {
    if (method === "eth_sendTransaction") {
      const tx = params[0] as Tx;
      return wallet.sendTransaction({
        chain: null,
        to: tx.to,
        data: tx.data,
        value: tx.value ? BigInt(tx.value) : undefined,
        gas: tx.gas ? BigInt(tx.gas) : undefined,
      });
    }
    if (method === "eth_signTypedData_v4") return account.signTypedData(JSON.parse(params[1] as string));
    if (method === "personal_sign") return account.signMessage({ message: { raw: params[0] as Hex } });
    throw new Error(`the test wallet cannot ${method}`);
  });
}

export async function installInjectedWallet(
  page: Page,
  rpcUrl: string,
  wallet: string | PrivateKeyAccount,
  startChainId: number,
) {
  const account = typeof wallet === "string" ? wallet : wallet.address;
  const signsItself = typeof wallet !== "string";
  if (signsItself) await exposeSigner(page, rpcUrl, wallet);
  await page.addInitScript(
    ({ rpcUrl, account, startChainId, signsItself }) => {
      const w = window as unknown as {
        __watchedAssets: unknown[];
        __testWalletSign: (method: string, params: unknown[]) => Promise<unknown>;
      };
      w.__watchedAssets = [];
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
          if (method === "wallet_watchAsset") {
            w.__watchedAssets.push(params);
            return true;
          }
          if (
            signsItself &&
            ["eth_sendTransaction", "eth_signTypedData_v4", "personal_sign"].includes(method)
          ) {
            return w.__testWalletSign(method, params ?? []);
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
    { rpcUrl, account, startChainId, signsItself },
  );
}
