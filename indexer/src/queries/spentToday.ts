import { utcDayStart } from "@hexads/protocol";
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { clicks } from "../db/schema.js";

/** Each campaign's paid clicks credited this UTC day (settled or not), wei; absent: none. */
export async function spentToday(db: Db, campaignIds: bigint[], now: number): Promise<Map<bigint, bigint>> {
  if (campaignIds.length === 0) return new Map();
  const day = utcDayStart(now);
  const rows = await db
    .select({ id: clicks.campaignId, spent: sql<string>`sum(${clicks.cpc})::text` })
    .from(clicks)
    .where(
      and(
        inArray(clicks.campaignId, campaignIds),
        eq(clicks.status, "accepted"),
        gte(clicks.createdAt, day),
        lt(clicks.createdAt, day + 86_400),
      ),
    )
    .groupBy(clicks.campaignId);
  return new Map(rows.map((r) => [r.id as bigint, BigInt(r.spent)]));
}
