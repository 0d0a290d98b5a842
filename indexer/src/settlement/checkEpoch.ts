import { parseLeafFile, type SplitBps, splitClick } from "@hexads/protocol";
import { formatEther, type Hex } from "viem";
import { buildEpochTree } from "./buildEpochTree.js";

/** What the chain says about one posted epoch (its EpochPosted log and what it settled). */
export interface PostedEpoch {
  epochId: bigint;
  root: Hex;
  total: bigint;
  /** Total of the epoch it builds on (0 for the first). */
  parentTotal: bigint;
  /** Spend it settled per campaign (cumulative minus previous) and that campaign's cpc. */
  spends: readonly { campaignId: bigint; added: bigint; cpc: bigint }[];
  /**
   * Every AdMarket split in force while its clicks were credited (since its parent was posted):
   * the protocol's share of a click is checked against the least of them, so a `setSplit` between
   * two posts does not make an honest epoch look short.
   */
  splits: readonly SplitBps[];
  /** AdMarket.treasury() when it was posted. */
  treasury: Hex;
}

export type EpochVerdict = { ok: true; leaves: Map<Hex, bigint> } | { ok: false; reason: string };

const hxa = (v: bigint) => `${formatEther(v)} HXA`;

/**
 * Checks an epoch's leaf file (already matched to its posted leavesHash) against the chain: the
 * file is well formed with each account once; its StandardMerkleTree root is the posted root; its
 * leaves add up to the posted total; no account's cumulative falls below its leaf in the parent
 * epoch; and the leaves grow by exactly the new spend, in whole clicks of each campaign's cpc,
 * with at least the protocol's share of every click going to the treasury (the owner share of an
 * unowned plot goes there too, so it may get more). Who clicked is not on-chain: moving viewer or
 * owner shares between other accounts is beyond what any outside check can see.
 */
export async function checkEpoch(
  epoch: PostedEpoch,
  file: string,
  parentLeaves: ReadonlyMap<Hex, bigint>,
): Promise<EpochVerdict> {
  const bad = (reason: string): EpochVerdict => ({ ok: false, reason });
  let parsed: { account: Hex; cumulative: bigint }[];
  try {
    parsed = parseLeafFile(file);
  } catch (e) {
    return bad(`its leaf file is malformed (${(e as Error).message})`);
  }
  if (parsed.length === 0) return bad("its leaf file has no leaves");
  for (let i = 1; i < parsed.length; i++) {
    const [a, b] = [parsed[i - 1]?.account as Hex, parsed[i]?.account as Hex];
    if (a >= b) return bad(`its leaf file lists ${b} ${a === b ? "twice" : "out of order"}`);
  }
  const { root } = await buildEpochTree(parsed);
  if (root !== epoch.root) return bad(`its leaf file builds root ${root}, not the posted ${epoch.root}`);
  const leaves = new Map(parsed.map((l) => [l.account, l.cumulative]));
  const sum = parsed.reduce((s, l) => s + l.cumulative, 0n);
  if (sum !== epoch.total) return bad(`its leaves add up to ${hxa(sum)}, not the posted ${hxa(epoch.total)}`);
  for (const [account, before] of parentLeaves) {
    const after = leaves.get(account) ?? 0n;
    if (after < before) return bad(`${account}'s cumulative fell from ${hxa(before)} to ${hxa(after)}`);
  }
  const grew = sum - [...parentLeaves.values()].reduce((s, c) => s + c, 0n);
  const spent = epoch.spends.reduce((s, c) => s + c.added, 0n);
  if (grew !== spent) return bad(`its leaves grew by ${hxa(grew)} but campaigns spent ${hxa(spent)}`);
  let protocol = 0n;
  for (const { campaignId, added, cpc } of epoch.spends) {
    if (cpc === 0n || added % cpc !== 0n) {
      return bad(
        `campaign ${campaignId}'s spend grew by ${hxa(added)}, not a whole number of ${hxa(cpc)} clicks`,
      );
    }
    const [least] = epoch.splits
      .map((split) => splitClick(cpc, split).protocol)
      .sort((a, b) => (a < b ? -1 : 1));
    protocol += (added / cpc) * (least ?? 0n);
  }
  const treasury = epoch.treasury.toLowerCase() as Hex;
  const toTreasury = (leaves.get(treasury) ?? 0n) - (parentLeaves.get(treasury) ?? 0n);
  if (toTreasury < protocol) {
    return bad(
      `the treasury's leaf grew by ${hxa(toTreasury)}, less than the protocol's share ${hxa(protocol)}`,
    );
  }
  return { ok: true, leaves };
}
