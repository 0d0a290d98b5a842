import { z } from "@hono/zod-openapi";
import { and, count, eq, gte } from "drizzle-orm";
import { cellToParent, getResolution } from "h3-js";
import { clicks, impressions } from "../db/schema.js";
import type { ApiDeps } from "./deps.js";
import { api, json, route } from "./route.js";
import { AreaActivity } from "./schemas/campaigns.js";
import { cellHex } from "./serialize.js";
import { anyCell } from "./validation.js";

const activityQuery = z.object({
  cells: z
    .string()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(anyCell).min(1).max(1000, "at most 1000 cells"))
    .openapi({ description: "comma-separated H3 cells of resolution 0-7, at most 1000" }),
  days: z.coerce.number().int().min(1).max(90).default(7),
});
const activityRoute = route({
  method: "get",
  path: "/areas/activity",
  summary: "Impressions served and clicks paid in the last days inside an area of H3 cells (res 0-7)",
  request: { query: activityQuery },
  responses: { 200: json(AreaActivity, "the area's activity") },
});

/**
 * GET /areas/activity: impressions served and clicks paid over the last days inside an area given
 * as (compacted) cells of resolution 0-7, for the advertiser's estimate. Counts are grouped per
 * res-7 cell in the database, then matched to the area by ancestor, so a large area costs no more
 * than the number of cells that saw any activity.
 */
export function areaActivityApi(deps: ApiDeps) {
  return api().openapi(activityRoute, async (c) => {
    const { cells, days } = c.req.valid("query");
    const since = deps.now() - days * 86_400;
    const area = new Set(cells);
    const resolutions = [...new Set(cells.map(getResolution))];
    const inArea = (cell: bigint | null) =>
      cell !== null && resolutions.some((res) => area.has(cellToParent(cellHex(cell), res)));
    const served = await deps.db
      .select({ cell: impressions.cell, n: count() })
      .from(impressions)
      .where(gte(impressions.issuedAt, since))
      .groupBy(impressions.cell);
    const paid = await deps.db
      .select({ cell: clicks.cell, n: count() })
      .from(clicks)
      .where(and(eq(clicks.status, "accepted"), gte(clicks.createdAt, since)))
      .groupBy(clicks.cell);
    const total = (rows: { cell: bigint | null; n: number }[]) =>
      rows.reduce((sum, r) => (inArea(r.cell) ? sum + r.n : sum), 0);
    return c.json({ days, impressions: total(served), clicks: total(paid) }, 200);
  });
}
