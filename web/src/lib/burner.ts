// "Local burner": a wallet whose key lives in this browser's localStorage, for the local chain only.
// It needs no extension, so a newcomer can use the app at once; never use it with real funds.

import {
  type Address,
  createPublicClient,
  createWalletClient,
  type EIP1193RequestFn,
  getAddress,
  type Hex,
  hexToBigInt,
  http,
  numberToHex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { createConnector } from "wagmi";

const STORAGE_KEY = "hexads.burnerKey";

export function burnerKey(): Hex {
  let key = localStorage.getItem(STORAGE_KEY) as Hex | null;
  if (!key) {
    key = generatePrivateKey();
    localStorage.setItem(STORAGE_KEY, key);
  }
  return key;
}

interface TxParams {
  to?: Address;
  data?: Hex;
  value?: Hex;
  gas?: Hex;
}

export function burner(rpcUrl: string) {
  let connected = false;
  return createConnector((config) => {
    const account = () => privateKeyToAccount(burnerKey());
    const transport = http(rpcUrl);
    const publicClient = createPublicClient({ chain: foundry, transport });
    const request = (async ({ method, params }: { method: string; params?: unknown[] }) => {
      const wallet = createWalletClient({ chain: foundry, transport, account: account() });
      switch (method) {
        case "eth_chainId":
          return numberToHex(foundry.id);
        case "eth_accounts":
        case "eth_requestAccounts":
          return [account().address];
        case "eth_sendTransaction": {
          const tx = (params?.[0] ?? {}) as TxParams;
          return wallet.sendTransaction({
            to: tx.to,
            data: tx.data,
            value: tx.value ? hexToBigInt(tx.value) : undefined,
            gas: tx.gas ? hexToBigInt(tx.gas) : undefined,
          });
        }
        case "eth_signTypedData_v4":
          return account().signTypedData(JSON.parse(params?.[1] as string));
        case "personal_sign":
          return account().signMessage({ message: { raw: params?.[0] as Hex } });
        case "wallet_switchEthereumChain":
          return null;
        default:
          return publicClient.request({ method, params } as never);
      }
    }) as EIP1193RequestFn;

    return {
      id: "burner",
      name: "Local burner",
      type: "burner",
      async connect({ withCapabilities } = {}) {
        connected = true;
        const address = account().address;
        return {
          accounts: (withCapabilities ? [{ address, capabilities: {} }] : [address]) as never,
          chainId: foundry.id,
        };
      },
      async disconnect() {
        connected = false;
      },
      async getAccounts() {
        return [getAddress(account().address)];
      },
      async getChainId() {
        return foundry.id;
      },
      async getProvider() {
        return { request };
      },
      async isAuthorized() {
        return connected || localStorage.getItem(STORAGE_KEY) !== null;
      },
      async switchChain({ chainId }) {
        const chain = config.chains.find((c) => c.id === chainId);
        if (!chain) throw new Error(`The local burner only works on the local chain (${foundry.id}).`);
        return chain;
      },
      onAccountsChanged() {},
      onChainChanged() {},
      onDisconnect() {
        connected = false;
        config.emitter.emit("disconnect");
      },
    };
  });
}
