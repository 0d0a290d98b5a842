import { leafFile } from "@hexads/protocol";
import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { epochLeaves, epochs, settlementEpochs } from "../db/schema.js";
import { NotFoundError } from "../errors.js";
import type { ApiDeps } from "./deps.js";
import { activeEpochId, epochState } from "./serialize.js";
import type { EpochDetail } from "./types.js";
import { id, page, validate } from "./validation.js";

export function epochDetailApi(deps: ApiDeps) {
  return new Hono()
    .get("/epochs/:id/leaves.csv", validate("param", z.object({ id })), async (c) => {
      // The full leaf file whose keccak256 the epoch posted as leavesHash (a watcher rebuilds the root).
      const epochId = c.req.valid("param").id;
      const [built] = await deps.db.select().from(settlementEpochs).where(eq(settlementEpochs.id, epochId));
      if (!built) throw new NotFoundError(`no epoch ${epochId}`);
      const leaves = await deps.db
        .select({ account: epochLeaves.account, cumulative: epochLeaves.cumulative })
        .from(epochLeaves)
        .where(eq(epochLeaves.epochId, epochId));
      return c.body(leafFile(leaves), 200, { "content-type": "text/csv; charset=utf-8" });
    })
    .get("/epochs/:id", validate("param", z.object({ id })), validate("query", z.object(page)), async (c) => {
      const epochId = c.req.valid("param").id;
      const { limit, offset } = c.req.valid("query");
      const [built] = await deps.db.select().from(settlementEpochs).where(eq(settlementEpochs.id, epochId));
      const [onChain] = await deps.db.select().from(epochs).where(eq(epochs.id, epochId));
      if (!built && !onChain) throw new NotFoundError(`no epoch ${epochId}`);
      const leaves = await deps.db
        .select({ account: epochLeaves.account, cumulative: epochLeaves.cumulative })
        .from(epochLeaves)
        .where(eq(epochLeaves.epochId, epochId))
        .orderBy(asc(epochLeaves.account))
        .limit(limit)
        .offset(offset);
      return c.json({
        id: epochId.toString(),
        root: onChain?.root ?? built?.root,
        total: onChain?.total ?? built?.total,
        cutoff: onChain?.cutoff ?? built?.cutoff,
        status: onChain ? epochState(onChain, await activeEpochId(deps.db)) : "built",
        activatesAt: onChain?.activatesAt ?? null,
        txHash: onChain?.txHash ?? built?.txHash ?? null,
        campaignSpends: (built?.spends ?? []).map(([campaignId, cumulative]) => ({ campaignId, cumulative })),
        leafCount: built?.leafCount ?? null,
        leaves,
        limit,
        offset,
      } satisfies EpochDetail);
    });
}
