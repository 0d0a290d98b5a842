import { z } from "@hono/zod-openapi";
import { and, count, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { campaigns, clicks, credits, impressions } from "../db/schema.js";
import { NotFoundError } from "../errors.js";
import type { ApiDeps } from "./deps.js";
import { api, error, json, route } from "./route.js";
import { CampaignStats } from "./schemas/campaigns.js";
import { id } from "./validation.js";

const statsRoute = route({
  method: "get",
  path: "/campaigns/{id}/stats",
  summary:
    "Impressions, clicks accepted and rejected by reason, CTR, spend pending/settled, by cell and hour",
  request: { params: z.object({ id }) },
  responses: { 200: json(CampaignStats, "the campaign's numbers"), 404: error("unknown campaign") },
});

export function campaignStatsApi(deps: ApiDeps) {
  return api().openapi(statsRoute, async (c) => {
    const campaignId = c.req.valid("param").id;
    const db = deps.db;
    const [campaign] = await db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId));
    if (!campaign) throw new NotFoundError(`no campaign ${campaignId}`);
    const [imp] = await db
      .select({ n: count() })
      .from(impressions)
      .where(eq(impressions.campaignId, campaignId));
    const byStatus = await db
      .select({ status: clicks.status, reason: clicks.reason, n: count() })
      .from(clicks)
      .where(eq(clicks.campaignId, campaignId))
      .groupBy(clicks.status, clicks.reason);
    const accepted = byStatus.filter((r) => r.status === "accepted").reduce((a, r) => a + r.n, 0);
    const rejected = Object.fromEntries(
      byStatus.filter((r) => r.status === "rejected").map((r) => [r.reason, r.n]),
    );
    const spend = async (settled: boolean) => {
      const [r] = await db
        .select({ total: sql<string>`coalesce(sum(${credits.amount}), 0)::text` })
        .from(credits)
        .where(
          and(
            eq(credits.campaignId, campaignId),
            settled ? isNotNull(credits.epochId) : isNull(credits.epochId),
          ),
        );
      return r?.total ?? "0";
    };
    const cellImpressions = await db
      .select({ cell: impressions.cell, n: count() })
      .from(impressions)
      .where(eq(impressions.campaignId, campaignId))
      .groupBy(impressions.cell);
    const cellClicks = await db
      .select({ cell: clicks.cell, n: count() })
      .from(clicks)
      .where(and(eq(clicks.campaignId, campaignId), eq(clicks.status, "accepted")))
      .groupBy(clicks.cell);
    const cells = new Map<string, { cell: string; impressions: number; clicks: number }>();
    const cellRow = (cell: bigint | null) => {
      const key = (cell ?? 0n).toString(16);
      const row = cells.get(key) ?? { cell: key, impressions: 0, clicks: 0 };
      cells.set(key, row);
      return row;
    };
    for (const r of cellImpressions) cellRow(r.cell).impressions = r.n;
    for (const r of cellClicks) cellRow(r.cell).clicks = r.n;
    const hourOf = (col: typeof impressions.issuedAt | typeof clicks.createdAt) =>
      sql<number>`(${col} / 3600 * 3600)::bigint`.mapWith(Number);
    const hourImpressions = await db
      .select({ hour: hourOf(impressions.issuedAt), n: count() })
      .from(impressions)
      .where(eq(impressions.campaignId, campaignId))
      .groupBy(sql`1`);
    const hourClicks = await db
      .select({ hour: hourOf(clicks.createdAt), status: clicks.status, n: count() })
      .from(clicks)
      .where(eq(clicks.campaignId, campaignId))
      .groupBy(sql`1`, clicks.status);
    const hours = new Map<number, { hour: number; impressions: number; clicks: number; rejected: number }>();
    const hourRow = (hour: number) => {
      const row = hours.get(hour) ?? { hour, impressions: 0, clicks: 0, rejected: 0 };
      hours.set(hour, row);
      return row;
    };
    for (const r of hourImpressions) hourRow(r.hour).impressions = r.n;
    for (const r of hourClicks) {
      if (r.status === "accepted") hourRow(r.hour).clicks += r.n;
      else hourRow(r.hour).rejected += r.n;
    }
    const impressionsCount = imp?.n ?? 0;
    return c.json(
      {
        campaignId: campaignId.toString(),
        impressions: impressionsCount,
        clicks: { accepted, rejected },
        ctr: impressionsCount ? accepted / impressionsCount : 0,
        spend: { pending: await spend(false), settled: await spend(true) },
        byCell: [...cells.values()].sort((a, b) => b.clicks - a.clicks || b.impressions - a.impressions),
        byHour: [...hours.values()].sort((a, b) => a.hour - b.hour),
      },
      200,
    );
  });
}
