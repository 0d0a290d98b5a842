import { z } from "@hono/zod-openapi";
import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { campaigns, epochs, events } from "../db/schema.js";
import { NotFoundError } from "../errors.js";
import { activeCampaignsForCells } from "../queries/activeCampaignsForCells.js";
import { spentToday } from "../queries/spentToday.js";
import type { ApiDeps } from "./deps.js";
import { api, error, json, route } from "./route.js";
import { CampaignDetail, CampaignStatus, Campaigns, Epochs } from "./schemas/campaigns.js";
import { activeEpochId, campaignJson, epochJson } from "./serialize.js";
import { address, id, page, plotCell } from "./validation.js";

const campaignsRoute = route({
  method: "get",
  path: "/campaigns",
  summary: "Campaigns, newest first, filtered by advertiser, status or a targeted cell",
  request: {
    query: z.object({
      advertiser: address.optional(),
      status: CampaignStatus.optional(),
      cell: plotCell.optional().openapi({ description: "res-7 cell: running campaigns that target it" }),
      ...page,
    }),
  },
  responses: { 200: json(Campaigns, "the campaigns") },
});
const campaignRoute = route({
  method: "get",
  path: "/campaigns/{id}",
  summary: "One campaign with its on-chain history",
  request: { params: z.object({ id }) },
  responses: { 200: json(CampaignDetail, "the campaign"), 404: error("unknown campaign") },
});
const epochsRoute = route({
  method: "get",
  path: "/epochs",
  summary: "Settlement epochs posted on-chain, newest first",
  request: { query: z.object(page) },
  responses: { 200: json(Epochs, "the epochs") },
});

export function campaignsApi(deps: ApiDeps) {
  return api()
    .openapi(campaignsRoute, async (c) => {
      const q = c.req.valid("query");
      const now = deps.now();
      const where: SQL[] = [];
      if (q.advertiser) where.push(eq(campaigns.advertiser, q.advertiser));
      if (q.cell !== undefined) {
        const ids = (await activeCampaignsForCells(deps.db, [q.cell], now)).get(q.cell) ?? [];
        if (ids.length === 0) return c.json({ campaigns: [] }, 200);
        where.push(inArray(campaigns.id, ids));
      }
      const rows = await deps.db
        .select()
        .from(campaigns)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(campaigns.id));
      // Status depends on the clock, so it is filtered after computing it.
      const list = rows.map((r) => campaignJson(r, now)).filter((r) => !q.status || r.status === q.status);
      return c.json({ campaigns: list.slice(q.offset, q.offset + q.limit) }, 200);
    })
    .openapi(campaignRoute, async (c) => {
      const { id: campaignId } = c.req.valid("param");
      const [row] = await deps.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
      if (!row) throw new NotFoundError(`campaign ${campaignId} does not exist`);
      const now = deps.now();
      const [history, today] = await Promise.all([
        deps.db
          .select()
          .from(events)
          .where(eq(events.campaignId, campaignId))
          .orderBy(asc(events.blockNumber), asc(events.logIndex)),
        spentToday(deps.db, [campaignId], now),
      ]);
      const detail: CampaignDetail = {
        ...campaignJson(row, now),
        spentToday: (today.get(campaignId) ?? 0n).toString(),
        history: history.map((e) => ({
          event: e.name,
          block: e.blockNumber.toString(),
          timestamp: e.blockTimestamp,
          txHash: e.txHash,
          args: e.args,
        })),
      };
      return c.json(detail, 200);
    })
    .openapi(epochsRoute, async (c) => {
      const { limit, offset } = c.req.valid("query");
      const [rows, activeId] = await Promise.all([
        deps.db.select().from(epochs).orderBy(desc(epochs.id)).limit(limit).offset(offset),
        activeEpochId(deps.db),
      ]);
      return c.json({ epochs: rows.map((e) => epochJson(e, activeId)) }, 200);
    });
}
