import { sessionTypedData } from "@hexads/protocol";
import { createPublicClient, http, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { verifySession } from "./verifySession.js";

const viewer = privateKeyToAccount(`0x${"01".repeat(32)}`);
const other = privateKeyToAccount(`0x${"02".repeat(32)}`);
const adMarket = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const message = {
  viewer: viewer.address,
  sessionKey: `0x04${"ab".repeat(64)}` as const,
  expiresAt: 2_000_000_000n,
};
// A client with no chain behind it: EOA signatures must verify without any RPC call.
const offline = createPublicClient({
  transport: http("http://127.0.0.1:1", { retryCount: 0 }),
}) as PublicClient;

describe("verifySession", () => {
  it("accepts the viewer's EOA signature without asking the chain", async () => {
    const signature = await viewer.signTypedData(sessionTypedData(31337, adMarket, message));
    expect(await verifySession(offline, { chainId: 31337, adMarket, message, signature })).toBe(true);
  });
  it("rejects a signature by someone else", async () => {
    const signature = await other.signTypedData(sessionTypedData(31337, adMarket, message));
    expect(await verifySession(offline, { chainId: 31337, adMarket, message, signature })).toBe(false);
  });
  it("rejects a signature made for another chain or another session key", async () => {
    const signature = await viewer.signTypedData(sessionTypedData(1, adMarket, message));
    expect(await verifySession(offline, { chainId: 31337, adMarket, message, signature })).toBe(false);
    const sig2 = await viewer.signTypedData(sessionTypedData(31337, adMarket, message));
    const changed = { ...message, sessionKey: `0x04${"cd".repeat(64)}` as const };
    expect(
      await verifySession(offline, { chainId: 31337, adMarket, message: changed, signature: sig2 }),
    ).toBe(false);
  });
});
