import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { campaigns, epochs, events } from "../db/schema.js";
import { NotFoundError } from "../errors.js";
import { activeCampaignsForCells } from "../queries/activeCampaignsForCells.js";
import type { ApiDeps } from "./deps.js";
import { activeEpochId, campaignJson, epochJson } from "./serialize.js";
import type { CampaignDetail } from "./types.js";
import { address, id, page, plotCell, validate } from "./validation.js";

const STATUSES = ["scheduled", "active", "paused", "exhausted", "ended", "withdrawn"] as const;

export function campaignsApi(deps: ApiDeps) {
  return new Hono()
    .get(
      "/campaigns",
      validate(
        "query",
        z.object({
          advertiser: address.optional(),
          status: z.enum(STATUSES).optional(),
          cell: plotCell.optional(),
          ...page,
        }),
      ),
      async (c) => {
        const q = c.req.valid("query");
        const now = deps.now();
        const where: SQL[] = [];
        if (q.advertiser) where.push(eq(campaigns.advertiser, q.advertiser));
        if (q.cell !== undefined) {
          const ids = (await activeCampaignsForCells(deps.db, [q.cell], now)).get(q.cell) ?? [];
          if (ids.length === 0) return c.json({ campaigns: [] });
          where.push(inArray(campaigns.id, ids));
        }
        const rows = await deps.db
          .select()
          .from(campaigns)
          .where(where.length ? and(...where) : undefined)
          .orderBy(desc(campaigns.id));
        // Status depends on the clock, so it is filtered after computing it.
        const list = rows.map((r) => campaignJson(r, now)).filter((r) => !q.status || r.status === q.status);
        return c.json({ campaigns: list.slice(q.offset, q.offset + q.limit) });
      },
    )
    .get("/campaigns/:id", validate("param", z.object({ id })), async (c) => {
      const { id: campaignId } = c.req.valid("param");
      const [row] = await deps.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
      if (!row) throw new NotFoundError(`campaign ${campaignId} does not exist`);
      const history = await deps.db
        .select()
        .from(events)
        .where(eq(events.campaignId, campaignId))
        .orderBy(asc(events.blockNumber), asc(events.logIndex));
      const detail: CampaignDetail = {
        ...campaignJson(row, deps.now()),
        history: history.map((e) => ({
          event: e.name,
          block: e.blockNumber.toString(),
          timestamp: e.blockTimestamp,
          txHash: e.txHash,
          args: e.args,
        })),
      };
      return c.json(detail);
    })
    .get("/epochs", validate("query", z.object(page)), async (c) => {
      const { limit, offset } = c.req.valid("query");
      const [rows, activeId] = await Promise.all([
        deps.db.select().from(epochs).orderBy(desc(epochs.id)).limit(limit).offset(offset),
        activeEpochId(deps.db),
      ]);
      return c.json({ epochs: rows.map((e) => epochJson(e, activeId)) });
    });
}
