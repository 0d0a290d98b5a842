// The plot market as a buyer browses it: live listings filtered by area, price and expiry, and an
// area's floor price and recent resales. Both read the `plots` projection and the kept events.
import { z } from "@hono/zod-openapi";
import { and, asc, count, desc, eq, gt, gte, isNotNull, lte, type SQL, sql } from "drizzle-orm";
import { events, plots } from "../db/schema.js";
import { areaOf, plotInArea } from "../queries/plotArea.js";
import type { ApiDeps } from "./deps.js";
import { api, json, route } from "./route.js";
import { Listings, MarketStats } from "./schemas/market.js";
import { cellHex, plotsWithAds } from "./serialize.js";
import { areaFields, oneArea, page, unixSeconds, weiAmount } from "./validation.js";

const SORTS = {
  price_asc: "cheapest first",
  price_desc: "dearest first",
  newest: "latest listed first",
  expiring: "soonest to expire first",
} as const;
type Sort = keyof typeof SORTS;

const listingsQuery = z
  .object({
    ...areaFields,
    minPrice: weiAmount.optional().openapi({ description: "lowest price, decimal wei (inclusive)" }),
    maxPrice: weiAmount.optional().openapi({ description: "highest price, decimal wei (inclusive)" }),
    expiresAfter: unixSeconds.optional().openapi({ description: "listings expiring after this unix time" }),
    expiresBefore: unixSeconds.optional().openapi({ description: "listings expiring before this unix time" }),
    sort: z
      .enum(Object.keys(SORTS) as [Sort, ...Sort[]])
      .default("newest")
      .openapi({
        description: Object.entries(SORTS)
          .map(([k, v]) => `${k}: ${v}`)
          .join("; "),
      }),
    ...page,
  })
  .refine(...oneArea)
  .refine(
    (q) => q.minPrice === undefined || q.maxPrice === undefined || BigInt(q.minPrice) <= BigInt(q.maxPrice),
    "minPrice is above maxPrice",
  );

const listingsRoute = route({
  method: "get",
  path: "/listings",
  summary: "Plots for sale (live listings), filtered by area, price and expiry, sorted, a page at a time",
  request: { query: listingsQuery },
  responses: { 200: json(Listings, "one page of listings and how many match") },
});

const SALES = 50;
const statsRoute = route({
  method: "get",
  path: "/market/stats",
  summary: `An area's floor price, live listings and latest ${SALES} resales (the whole map without an area)`,
  request: { query: z.object(areaFields).refine(...oneArea) },
  responses: { 200: json(MarketStats, "the area's market") },
});

/** A plot's latest PlotListed event's `column`: when, and in which order, plots were last listed. */
const latestListing = (column: typeof events.blockTimestamp | typeof events.blockNumber) =>
  sql<number>`(select ${column} from ${events}
    where ${events.cell} = ${plots.cell} and ${events.name} = 'PlotListed'
    order by ${events.blockNumber} desc, ${events.logIndex} desc limit 1)`;
const listedAt = sql<number>`${latestListing(events.blockTimestamp)}::float8`;

const ORDER: Record<Sort, SQL[]> = {
  price_asc: [asc(plots.listingPrice), asc(plots.cell)],
  price_desc: [desc(plots.listingPrice), asc(plots.cell)],
  newest: [desc(latestListing(events.blockNumber)), asc(plots.cell)],
  expiring: [asc(plots.listingExpiry), asc(plots.cell)],
};

export function marketApi(deps: ApiDeps) {
  /** Listed and not expired (the contract sells up to and including the expiry second). */
  const live = () => and(isNotNull(plots.listingSeller), gte(plots.listingExpiry, deps.now()));

  return api()
    .openapi(listingsRoute, async (c) => {
      const q = c.req.valid("query");
      const area = areaOf(q);
      const where = and(
        live(),
        area && plotInArea(area),
        q.minPrice === undefined ? undefined : gte(plots.listingPrice, q.minPrice),
        q.maxPrice === undefined ? undefined : lte(plots.listingPrice, q.maxPrice),
        q.expiresAfter === undefined ? undefined : gt(plots.listingExpiry, q.expiresAfter),
        q.expiresBefore === undefined ? undefined : sql`${plots.listingExpiry} < ${q.expiresBefore}`,
      );
      const rows = await deps.db
        .select({ plot: plots, listedAt })
        .from(plots)
        .where(where)
        .orderBy(...ORDER[q.sort])
        .limit(q.limit)
        .offset(q.offset);
      const [total] = await deps.db.select({ n: count() }).from(plots).where(where);
      const served = await plotsWithAds(
        deps.db,
        rows.map((r) => r.plot),
        deps.now(),
      );
      const listings = served.map((p, i) => ({ ...p, listedAt: Number(rows[i]?.listedAt) }));
      return c.json({ listings, total: total?.n ?? 0 }, 200);
    })
    .openapi(statsRoute, async (c) => {
      const area = areaOf(c.req.valid("query"));
      const inArea = area && plotInArea(area);
      const [floor] = await deps.db
        .select({ cell: plots.cell, price: plots.listingPrice })
        .from(plots)
        .where(and(live(), inArea))
        .orderBy(asc(plots.listingPrice), asc(plots.cell))
        .limit(1);
      const [listed] = await deps.db.select({ n: count() }).from(plots).where(and(live(), inArea));
      const sales = await deps.db
        .select({
          cell: events.cell,
          price: sql<string>`${events.args}->>'price'`,
          timestamp: events.blockTimestamp,
          txHash: events.txHash,
        })
        .from(events)
        .innerJoin(plots, eq(plots.cell, events.cell))
        .where(and(eq(events.name, "PlotSold"), inArea))
        .orderBy(desc(events.blockNumber), desc(events.logIndex))
        .limit(SALES);
      return c.json(
        {
          floor: floor?.price ?? null,
          floorCell: floor ? cellHex(floor.cell) : null,
          listed: listed?.n ?? 0,
          sales: sales.reverse().map((s) => ({ ...s, cell: cellHex(s.cell as bigint) })),
        },
        200,
      );
    });
}
