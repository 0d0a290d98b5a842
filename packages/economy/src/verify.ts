import { leavesHash, parseLeafFile } from "@hexads/protocol";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { erc20Abi, type Hex, type PublicClient } from "viem";
import { checkConservation, type Leaf, type Verdict } from "./check.js";
import { type EconomyContracts, type ReadOptions, readEconomyLogs } from "./readLogs.js";

/** Where an epoch's published leaf file (see `leafFile`) can be had: an indexer, a disk; undefined when unknown. */
export type LeafSource = (epochId: bigint) => Promise<string | undefined>;

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
 * Reads the chain's logs and checks conservation. A published leaf file counts only when it hashes
 * to the posted leavesHash and rebuilds the posted root: whoever serves it cannot make a bad epoch
 * pass, only leave it to the claims check.
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
  const missing: bigint[] = [];
  const wrong: string[] = [];
  if (opts.leaves) {
    for (const e of posted) {
      opts.signal?.throwIfAborted();
      const file = await opts.leaves(e.epochId).catch(() => undefined);
      const got = file === undefined ? undefined : publishedLeaves(file, e);
      if (!got) missing.push(e.epochId);
      else if ("problem" in got) wrong.push(`epoch ${e.epochId}: ${got.problem}`);
      else leaves.set(e.epochId, got.leaves);
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
  if (missing.length > 0) {
    verdict.notes.push(
      `no leaf file was published for epoch${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: their cumulative amounts were checked from claims only`,
    );
  }
  for (const w of wrong) verdict.notes.push(`the published leaf file of ${w}; checked from claims only`);
  return { ...verdict, fromBlock: BigInt(contracts.deployBlock), toBlock, logs: events.length };
}

/**
 * The leaves of a published leaf file, or why they do not count: its keccak256 must be the epoch's
 * posted leavesHash and its Merkle tree must rebuild the posted root.
 */
export function publishedLeaves(
  file: string,
  posted: { root: Hex; leavesHash: Hex },
): { leaves: readonly Leaf[] } | { problem: string } {
  if (leavesHash(file) !== posted.leavesHash)
    return { problem: "its keccak256 is not the leavesHash posted on-chain" };
  let leaves: Leaf[];
  try {
    leaves = parseLeafFile(file).map((l) => [l.account, l.cumulative] as const);
  } catch (e) {
    return { problem: (e as Error).message };
  }
  if (leaves.length === 0 || leavesRoot(leaves) !== posted.root) {
    return { problem: "its leaves do not rebuild the posted root" };
  }
  return { leaves };
}

/** Leaf files served by a HexAds indexer's `GET /epochs/{id}/leaves.csv` (`get`: fetch, or a test's app). */
export function indexerLeaves(
  indexerUrl: string,
  get: (url: string) => Promise<Response> = (url) => fetch(url),
): LeafSource {
  return async (epochId) => {
    const res = await get(`${indexerUrl.replace(/\/$/, "")}/epochs/${epochId}/leaves.csv`);
    return res.ok ? await res.text() : undefined;
  };
}
