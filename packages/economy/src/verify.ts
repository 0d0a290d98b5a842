import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { erc20Abi, type Hex, type PublicClient } from "viem";
import { checkConservation, type Leaf, type Verdict } from "./check.js";
import { type EconomyContracts, type ReadOptions, readEconomyLogs } from "./readLogs.js";

/** Where an epoch's published leaves can be had (an indexer, a file); undefined when unknown. */
export type LeafSource = (epochId: bigint, root: Hex) => Promise<readonly Leaf[] | undefined>;

export interface VerifyOptions extends ReadOptions {
  leaves?: LeafSource;
  /** Called once the logs are read, before leaves are fetched and checked. */
  onChecking?: (epochs: number) => void;
}

export interface VerifyResult extends Verdict {
  fromBlock: bigint;
  toBlock: bigint;
  logs: number;
}

/** The root of an OpenZeppelin StandardMerkleTree of [address, uint256] leaves, as the settler builds it. */
export const leavesRoot = (leaves: readonly Leaf[]) =>
  StandardMerkleTree.of(
    leaves.map(([a, c]) => [a, c.toString()]),
    ["address", "uint256"],
  ).root as Hex;

/**
 * Reads the chain's logs and checks conservation. Published leaves count only when they rebuild the
 * posted root: whoever serves them cannot make a bad epoch pass, only leave it to the claims check.
 */
export async function verifyEconomy(
  client: PublicClient,
  contracts: EconomyContracts,
  opts: VerifyOptions = {},
): Promise<VerifyResult> {
  const { events, toBlock } = await readEconomyLogs(client, contracts, opts);
  const posted = events.filter((e) => e.kind === "EpochPosted");
  opts.onChecking?.(posted.length);
  const leaves = new Map<bigint, readonly Leaf[]>();
  const unmatched: bigint[] = [];
  if (opts.leaves) {
    for (const e of posted) {
      opts.signal?.throwIfAborted();
      const got = await opts.leaves(e.epochId, e.root).catch(() => undefined);
      if (got && got.length > 0 && leavesRoot(got) === e.root) leaves.set(e.epochId, got);
      else unmatched.push(e.epochId);
    }
  }
  const balance = await client.readContract({
    address: contracts.HexToken,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [contracts.AdMarket],
    blockNumber: toBlock,
  });
  const verdict = checkConservation({
    events,
    adMarket: contracts.AdMarket,
    leaves,
    finalBalance: { block: toBlock, balance },
  });
  if (unmatched.length > 0) {
    verdict.notes.push(
      `no published leaves rebuilt the root of epoch${unmatched.length > 1 ? "s" : ""} ${unmatched.join(", ")}: their cumulative amounts were checked from claims only`,
    );
  }
  return { ...verdict, fromBlock: BigInt(contracts.deployBlock), toBlock, logs: events.length };
}

/** Leaves served by a HexAds indexer's `GET /epochs/{id}`, page by page. */
export function indexerLeaves(indexerUrl: string, pageSize = 500): LeafSource {
  return async (epochId) => {
    const out: Leaf[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const res = await fetch(`${indexerUrl}/epochs/${epochId}?limit=${pageSize}&offset=${offset}`);
      if (!res.ok) return undefined;
      const body = (await res.json()) as { leaves: { account: Hex; cumulative: string }[] };
      for (const l of body.leaves) out.push([l.account, BigInt(l.cumulative)]);
      if (body.leaves.length < pageSize) return out;
    }
  };
}
