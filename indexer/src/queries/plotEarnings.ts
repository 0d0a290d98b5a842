import { and, eq, inArray, sql } from "drizzle-orm";
import type { PlotEarnings } from "../api/schemas/plots.js";
import type { Db } from "../db/client.js";
import { clicks, credits } from "../db/schema.js";

/**
 * What the owner share of paid clicks in each cell came to: all of it (whoever owned the plot at
 * the time, or only `account` when given) and the part no epoch has settled yet. Returns a lookup that
 * answers zeros for cells without paid clicks.
 */
export async function plotEarnings(
  db: Db,
  cells: bigint[],
  account?: string,
): Promise<(cell: bigint) => PlotEarnings> {
  const found = new Map<bigint, PlotEarnings>();
  const lookup = (cell: bigint) => found.get(cell) ?? { earned: "0", pending: "0", clicks: 0 };
  if (cells.length === 0) return lookup;
  const rows = await db
    .select({
      cell: clicks.cell,
      earned: sql<string>`sum(${credits.amount})::text`,
      pending: sql<string>`coalesce(sum(${credits.amount}) filter (where ${credits.epochId} is null), 0)::text`,
      clicks: sql<number>`count(*)::int`,
    })
    .from(credits)
    .innerJoin(clicks, eq(clicks.id, credits.clickId))
    .where(
      and(
        eq(credits.role, "owner"),
        inArray(clicks.cell, cells),
        account === undefined ? undefined : eq(credits.account, account),
      ),
    )
    .groupBy(clicks.cell);
  for (const r of rows) {
    if (r.cell !== null) found.set(r.cell, { earned: r.earned, pending: r.pending, clicks: r.clicks });
  }
  return lookup;
}
