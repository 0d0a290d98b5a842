// Opening a viewing session: the wallet signs one EIP-712 Session{viewer, sessionKey, expiresAt}
// bound to this chain and AdMarket; later requests are signed by the session key alone.
import { sessionTypedData } from "@hexads/protocol";
import type { Address } from "viem";
import { signTypedData } from "wagmi/actions";
import { api } from "../api";
import { deployment } from "../config";
import { wagmiConfig } from "../wagmi";
import { publicKeyHex, sessionKeyPair } from "./sessionKey";

const SESSION_DAYS = 7;

export interface Session {
  id: string;
  viewer: string;
  expiresAt: number;
}

const storageKey = (viewer: string) => `hexads.session:${viewer.toLowerCase()}`;

export function savedSession(viewer: string): Session | undefined {
  const raw = localStorage.getItem(storageKey(viewer));
  const s = raw ? (JSON.parse(raw) as Session) : undefined;
  return s && s.expiresAt > Date.now() / 1000 + 60 ? s : undefined;
}

/** Forgets a session the indexer no longer knows (reset, expired or revoked), so a new one is signed. */
export function forgetSession(viewer: string) {
  localStorage.removeItem(storageKey(viewer));
}

export async function openSession(viewer: Address): Promise<Session> {
  const pair = await sessionKeyPair(viewer);
  const sessionKey = await publicKeyHex(pair);
  const expiresAt = Math.floor(Date.now() / 1000) + SESSION_DAYS * 86400;
  const d = deployment();
  const signature = await signTypedData(
    wagmiConfig,
    sessionTypedData(d.chainId, d.AdMarket, { viewer, sessionKey, expiresAt: BigInt(expiresAt) }),
  );
  const { id } = await api.openSession({ viewer, sessionKey, expiresAt, signature });
  const session = { id, viewer: viewer.toLowerCase(), expiresAt };
  localStorage.setItem(storageKey(viewer), JSON.stringify(session));
  return session;
}
