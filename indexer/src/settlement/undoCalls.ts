import { type Address, encodeAbiParameters, type Hex, keccak256, type PublicClient } from "viem";
import { adMarketAbi } from "../chain/abis.js";

const ZERO_HASH: Hex = `0x${"0".repeat(64)}`;
const CHANGE = [
  { type: "bytes32" },
  { type: "uint256" },
  { type: "uint256" },
  { type: "uint256" },
  { type: "uint256" },
] as const;

export interface SpendChange {
  campaignId: bigint;
  previous: bigint;
  previousEpoch: bigint;
  spent: bigint;
}

/**
 * The `undoVetoedSpend(epochId, hashBefore, changes)` calls that undo every spend change of vetoed
 * epoch `epochId`, last chunk first, at most `chunkSize` changes a call, replayed from the chain's
 * own CampaignSpendSettled logs. Anyone may send them; an epoch without changes takes one empty call.
 */
export async function undoCalls(
  client: PublicClient,
  d: { AdMarket: Address; deployBlock: number | bigint },
  epochId: bigint,
  chunkSize: number,
): Promise<[bigint, Hex, SpendChange[]][]> {
  const logs = await client.getContractEvents({
    address: d.AdMarket,
    abi: adMarketAbi,
    eventName: "CampaignSpendSettled",
    args: { epochId },
    fromBlock: BigInt(d.deployBlock),
    strict: true,
  });
  const changes = logs.map((l) => ({
    campaignId: l.args.campaignId,
    previous: l.args.previous,
    previousEpoch: l.args.previousEpoch,
    spent: l.args.spent,
  }));
  // hashes[i] = the epoch's rolling spend hash before change i (what the contract replays from).
  const hashes: Hex[] = [ZERO_HASH];
  for (const c of changes) {
    const before = hashes[hashes.length - 1] as Hex;
    hashes.push(
      keccak256(encodeAbiParameters(CHANGE, [before, c.campaignId, c.previous, c.previousEpoch, c.spent])),
    );
  }
  const calls: [bigint, Hex, SpendChange[]][] = [];
  for (let to = changes.length; to > 0; to -= chunkSize) {
    const from = Math.max(0, to - chunkSize);
    calls.push([epochId, hashes[from] as Hex, changes.slice(from, to)]);
  }
  return calls.length > 0 ? calls : [[epochId, ZERO_HASH, []]];
}
