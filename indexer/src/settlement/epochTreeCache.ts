import { asc, eq } from "drizzle-orm";
import type { Address } from "viem";
import type { Db } from "../db/client.js";
import { epochLeaves } from "../db/schema.js";
import { buildEpochTree, type EpochTree } from "./buildEpochTree.js";

const caches = new WeakMap<Db, Map<bigint, Promise<EpochTree>>>();

/** The tree of a stored epoch, rebuilt from its leaves once and kept for proofs (last two epochs). */
export function epochTree(db: Db, epochId: bigint): Promise<EpochTree> {
  const cache = caches.get(db) ?? new Map<bigint, Promise<EpochTree>>();
  caches.set(db, cache);
  let tree = cache.get(epochId);
  if (!tree) {
    tree = db
      .select()
      .from(epochLeaves)
      .where(eq(epochLeaves.epochId, epochId))
      .orderBy(asc(epochLeaves.account))
      .then((rows) =>
        buildEpochTree(
          rows.map((r) => ({ account: r.account as Address, cumulative: BigInt(r.cumulative) })),
        ),
      );
    tree.catch(() => cache.delete(epochId));
    cache.set(epochId, tree);
    while (cache.size > 2) cache.delete(cache.keys().next().value as bigint);
  }
  return tree;
}
