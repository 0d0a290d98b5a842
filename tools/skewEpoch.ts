// Test chains only: posts an epoch whose total grew by `extra` more than campaigns spent, so the
// conservation check has a bad epoch to find. AdMarket refuses such a total, so this first raises
// its stored settledTotal with anvil_setStorageAt (as a contract bug would), then posts from the
// settler (impersonated) an epoch that settles no spend. Returns the skewed epoch's id.

import type { Deployment } from "@hexads/protocol";
import { createTestClient, type Hex, http, keccak256, publicActions, toHex, walletActions } from "viem";
import { foundry } from "viem/chains";
import { adMarketAbi } from "../indexer/src/chain/abis.js";

const LOW_128 = (1n << 128n) - 1n;

export async function skewEpoch(rpcUrl: string, d: Deployment, extra: bigint): Promise<bigint> {
  const client = createTestClient({ chain: foundry, mode: "anvil", transport: http(rpcUrl) })
    .extend(publicActions)
    .extend(walletActions);
  const read = <N extends "settledTotal" | "goodEpochId" | "lastEpochId">(functionName: N) =>
    client.readContract({ address: d.AdMarket, abi: adMarketAbi, functionName });
  const [settled, good, last] = await Promise.all([
    read("settledTotal"),
    read("goodEpochId"),
    read("lastEpochId"),
  ]);
  if (settled === 0n) throw new Error("skewEpoch needs an epoch with a non-zero total first");
  // settledTotal is the total of the newest good epoch's ring entry: the low 128 bits of its packed
  // word (total | cutoff << 128 | activatesAt << 168 | parent << 208 | status << 240). Find that
  // word by its whole value, which no other slot holds.
  const e = await client.readContract({
    address: d.AdMarket,
    abi: adMarketAbi,
    functionName: "getEpoch",
    args: [good],
  });
  const packed =
    e.total |
    (BigInt(e.cutoff) << 128n) |
    (BigInt(e.activatesAt) << 168n) |
    (BigInt(e.parent) << 208n) |
    (BigInt(e.status) << 240n);
  let slot: Hex | undefined;
  for (let i = 0; i < 64 + 3 * 256 && !slot; i++) {
    const word = BigInt(
      (await client.getStorageAt({ address: d.AdMarket, slot: toHex(i, { size: 32 }) })) ?? "0x0",
    );
    if (word === packed) slot = toHex(i, { size: 32 });
  }
  if (!slot) throw new Error("settledTotal's storage slot not found");
  const word = BigInt((await client.getStorageAt({ address: d.AdMarket, slot })) ?? "0x0");
  const skewed = (word & ~LOW_128) | ((word & LOW_128) + extra);
  await client.setStorageAt({ address: d.AdMarket, index: slot, value: toHex(skewed, { size: 32 }) });

  const { timestamp } = await client.getBlock();
  await client.impersonateAccount({ address: d.settler });
  const hash = await client.writeContract({
    account: d.settler,
    address: d.AdMarket,
    abi: adMarketAbi,
    functionName: "postEpoch",
    args: [
      last + 1n,
      keccak256(toHex("skewed epoch")),
      settled + extra,
      Number(timestamp),
      keccak256(toHex("no leaf file")),
      [],
      [],
    ],
  });
  await client.stopImpersonatingAccount({ address: d.settler });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`skewed postEpoch reverted (${hash})`);
  return last + 1n;
}
