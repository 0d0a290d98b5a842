import { z } from "@hono/zod-openapi";
import { EpochState } from "./campaigns.js";
import { bigString, hexAddress, wei } from "./common.js";

/** GET /epochs/{id}: the epoch and a page of its leaves, for public audit. */
export const EpochDetail = z
  .object({
    id: bigString,
    root: z.string(),
    total: wei,
    cutoff: z.number(),
    status: z.enum(["built", ...EpochState.options]).openapi({
      description: "built while the settler has not posted it yet; else as Epoch.status",
    }),
    activatesAt: z.number().nullable(),
    txHash: z.string().nullable(),
    campaignSpends: z.array(z.object({ campaignId: bigString, cumulative: wei })),
    leafCount: z.number().nullable(),
    leaves: z.array(z.object({ account: hexAddress, cumulative: wei })),
    limit: z.number(),
    offset: z.number(),
  })
  .openapi("EpochDetail");
export type EpochDetail = z.infer<typeof EpochDetail>;
