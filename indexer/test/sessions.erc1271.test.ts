import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sessionTypedData } from "@hexads/protocol";
import type { Abi, Address, Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../tools/localChain.js";
import { verifySession } from "../src/sessions/verifySession.js";
import { type LocalChain, localChain } from "./support/chain.js";

// The test-only wallet from contracts/test/mocks, as built by forge (npm test runs forge build first).
const artifact = JSON.parse(
  readFileSync(join(repoRoot, "out", "SessionWallet1271.sol", "SessionWallet1271.json"), "utf8"),
) as { abi: Abi; bytecode: { object: Hex } };

let chain: LocalChain;
let wallet: Address;
const owner = privateKeyToAccount(generatePrivateKey());
const sessionKey = `0x04${"ab".repeat(64)}` as Hex;

beforeAll(async () => {
  chain = await localChain();
  const hash = await chain.deployer.deployContract({
    abi: artifact.abi,
    bytecode: artifact.bytecode.object,
    args: [owner.address],
  });
  wallet = (await chain.publicClient.waitForTransactionReceipt({ hash })).contractAddress as Address;
}, 120_000);
afterAll(() => chain?.stop());

describe("sessions of contract wallets (ERC-1271, via viem verifyTypedData on the chain)", () => {
  const typed = () =>
    sessionTypedData(chain.deployment.chainId, chain.deployment.AdMarket, {
      viewer: wallet,
      sessionKey,
      expiresAt: 2_000_000_000n,
    });
  const verify = (signature: Hex) =>
    verifySession(chain.publicClient, {
      chainId: chain.deployment.chainId,
      adMarket: chain.deployment.AdMarket,
      message: typed().message,
      signature,
    });

  it("accepts a session the wallet's owner signed for the wallet", async () => {
    expect(await verify(await owner.signTypedData(typed()))).toBe(true);
  });

  it("rejects a session signed by someone else for the wallet", async () => {
    const stranger = privateKeyToAccount(generatePrivateKey());
    expect(await verify(await stranger.signTypedData(typed()))).toBe(false);
  });
});
