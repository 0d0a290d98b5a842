import type { Address, Hex } from "viem";

/** EIP-712 types of the session a viewer's wallet signs once. */
export const sessionTypes = {
  Session: [
    { name: "viewer", type: "address" },
    { name: "sessionKey", type: "bytes" },
    { name: "expiresAt", type: "uint64" },
  ],
} as const;

export type SessionMessage = {
  viewer: Address;
  /** Uncompressed P-256 public key (0x04 || x || y) of the browser's session key. */
  sessionKey: Hex;
  /** Unix seconds after which the session is void. */
  expiresAt: bigint;
};

/**
 * The typed data a wallet signs to open a session. The domain binds it to one chain and one
 * AdMarket deployment, so a signature cannot be replayed elsewhere.
 */
export function sessionTypedData(chainId: number, adMarket: Address, message: SessionMessage) {
  return {
    domain: { name: "HexAds", version: "1", chainId, verifyingContract: adMarket },
    types: sessionTypes,
    primaryType: "Session" as const,
    message,
  };
}

/** The message a session key signs (P-256, IEEE P1363) to click an impression token. */
export const clickMessage = (token: string) => `hexads-click:${token}`;

/** The message a session key signs to revoke its own session. */
export const revokeMessage = (sessionId: string) => `hexads-revoke:${sessionId}`;
