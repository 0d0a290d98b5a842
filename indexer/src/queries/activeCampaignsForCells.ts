import { and, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { cellToParent } from "h3-js";
import type { Db } from "../db/client.js";
import { campaigns, campaignTargets } from "../db/schema.js";

/**
 * For each res-7 cell, the ids of running campaigns that target it: a campaign targets a cell when
 * one of its targets equals the cell's ancestor at the target's resolution. Running = started, not
 * ended, not paused, not withdrawn, and at least one click of budget left (on-chain spend).
 */
export async function activeCampaignsForCells(
  db: Db,
  cells: bigint[],
  now: number,
): Promise<Map<bigint, bigint[]>> {
  const out = new Map<bigint, bigint[]>(cells.map((c) => [c, []]));
  if (cells.length === 0) return out;
  const ancestorsOf = new Map<bigint, bigint[]>();
  for (const cell of cells) {
    const hex = cell.toString(16);
    for (let res = 0; res <= 7; res++) {
      const parent = BigInt(`0x${cellToParent(hex, res)}`);
      const list = ancestorsOf.get(parent) ?? [];
      list.push(cell);
      ancestorsOf.set(parent, list);
    }
  }
  const rows = await db
    .select({ target: campaignTargets.cell, campaignId: campaignTargets.campaignId })
    .from(campaignTargets)
    .innerJoin(campaigns, eq(campaigns.id, campaignTargets.campaignId))
    .where(
      and(
        inArray(campaignTargets.cell, [...ancestorsOf.keys()]),
        eq(campaigns.paused, false),
        eq(campaigns.withdrawn, false),
        lte(campaigns.start, now),
        gt(campaigns.end, now),
        sql`${campaigns.budget} - ${campaigns.spent} >= ${campaigns.cpc}`,
      ),
    );
  for (const r of rows) {
    for (const cell of ancestorsOf.get(r.target) ?? []) {
      const list = out.get(cell) as bigint[];
      if (!list.includes(r.campaignId)) list.push(r.campaignId);
    }
  }
  return out;
}
