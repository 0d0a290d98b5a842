import { leafFile } from "@hexads/protocol";
import { z } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import { epochLeaves, epochs, settlementEpochs } from "../db/schema.js";
import { NotFoundError } from "../errors.js";
import type { ApiDeps } from "./deps.js";
import { api, error, json, route } from "./route.js";
import { EpochDetail } from "./schemas/epochs.js";
import { activeEpochId, epochState } from "./serialize.js";
import { id, page } from "./validation.js";

const idParam = z.object({ id });

const leavesRoute = route({
  method: "get",
  path: "/epochs/{id}/leaves.csv",
  summary:
    "An epoch's full leaf file (header 'account,cumulative', lower-case address, decimal wei, sorted by account, one line each ending in \\n); its keccak256 is the epoch's on-chain leavesHash",
  request: { params: idParam },
  responses: {
    200: { description: "the leaf file", content: { "text/csv": { schema: z.string() } } },
    404: error("unknown epoch"),
  },
});
const detailRoute = route({
  method: "get",
  path: "/epochs/{id}",
  summary:
    "One epoch: root, total, status (built/pending/active/superseded/vetoed), campaign spends, leaves (paged)",
  request: { params: idParam, query: z.object(page) },
  responses: { 200: json(EpochDetail, "the epoch"), 404: error("unknown epoch") },
});

export function epochDetailApi(deps: ApiDeps) {
  return api()
    .openapi(leavesRoute, async (c) => {
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
    .openapi(detailRoute, async (c) => {
      const epochId = c.req.valid("param").id;
      const { limit, offset } = c.req.valid("query");
      const [built] = await deps.db.select().from(settlementEpochs).where(eq(settlementEpochs.id, epochId));
      const [onChain] = await deps.db.select().from(epochs).where(eq(epochs.id, epochId));
      // The chain's record when posted, else the settler's.
      const epoch = onChain ?? built;
      if (!epoch) throw new NotFoundError(`no epoch ${epochId}`);
      const leaves = await deps.db
        .select({ account: epochLeaves.account, cumulative: epochLeaves.cumulative })
        .from(epochLeaves)
        .where(eq(epochLeaves.epochId, epochId))
        .orderBy(asc(epochLeaves.account))
        .limit(limit)
        .offset(offset);
      return c.json(
        {
          id: epochId.toString(),
          root: epoch.root,
          total: epoch.total,
          cutoff: epoch.cutoff,
          status: onChain ? epochState(onChain, await activeEpochId(deps.db)) : ("built" as const),
          activatesAt: onChain?.activatesAt ?? null,
          txHash: onChain?.txHash ?? built?.txHash ?? null,
          campaignSpends: (built?.spends ?? []).map(([campaignId, cumulative]) => ({
            campaignId,
            cumulative,
          })),
          leafCount: built?.leafCount ?? null,
          leaves,
          limit,
          offset,
        },
        200,
      );
    });
}
