import { and, count, eq, gte } from "drizzle-orm";
import { cellToParent, getResolution } from "h3-js";
import { Hono } from "hono";
import { z } from "zod";
import { clicks, impressions } from "../db/schema.js";
import type { ApiDeps } from "./deps.js";
import { cellHex } from "./serialize.js";
import type { AreaActivity } from "./types.js";
import { anyCell, validate } from "./validation.js";

const activityQuery = z.object({
  cells: z
    .string()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(anyCell).min(1).max(1000, "at most 1000 cells")),
  days: z.coerce.number().int().min(1).max(90).default(7),
});

/**
 * GET /areas/activity: impressions served and clicks paid over the last days inside an area given
 * as (compacted) cells of resolution 0-7, for the advertiser's estimate. Counts are grouped per
 * res-7 cell in the database, then matched to the area by ancestor, so a large area costs no more
 * than the number of cells that saw any activity.
 */
export function areaActivityApi(deps: ApiDeps) {
  return new Hono().get("/areas/activity", validate("query", activityQuery), async (c) => {
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
    return c.json({ days, impressions: total(served), clicks: total(paid) } satisfies AreaActivity);
  });
}
