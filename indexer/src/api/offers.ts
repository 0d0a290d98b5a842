// Offers on plots (Plots.makeOffer … acceptOffer), from the `offers` projection: a plot's offers for
// its owner to review, and an account's offers made and received.
import { z } from "@hono/zod-openapi";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { offers, plots } from "../db/schema.js";
import { NotFoundError } from "../errors.js";
import { readSetting } from "../projections/settings.js";
import type { ApiDeps } from "./deps.js";
import { api, error, json, route } from "./route.js";
import { AccountOffers, type Offer, PlotOffers } from "./schemas/offers.js";
import { cellHex } from "./serialize.js";
import { address, page, plotCell } from "./validation.js";

const status = z
  .enum(["open", "all"])
  .default("open")
  .openapi({ description: "open (default): offers still holding HXA; all: also the ended ones" });

const plotOffers = route({
  method: "get",
  path: "/plots/{cell}/offers",
  summary: "Offers on a plot, highest first, with what accepting each would pay the owner now",
  request: {
    params: z.object({ cell: plotCell }),
    query: z.object({ status, ...page }),
  },
  responses: {
    200: json(PlotOffers, "the plot's offers"),
    404: error("never bought"),
  },
});

const accountOffers = route({
  method: "get",
  path: "/accounts/{address}/offers",
  summary: "Offers an account made (any status) and open offers made to it on plots it owns",
  request: { params: z.object({ address }), query: z.object(page) },
  responses: { 200: json(AccountOffers, "the account's offers") },
});

/** The market fee in force: the constructor emits it, so it is absent only before the deploy is indexed. */
async function marketFeeBps(db: Db): Promise<number> {
  return Number((await readSetting(db, "Plots.MarketFeeUpdated"))?.feeBps ?? 0);
}

type OfferRow = typeof offers.$inferSelect;

/** An offer as served: `owner` is the plot's current owner (acceptance needs it to be the seller). */
function offerJson(o: OfferRow, owner: string | null, feeBps: number, now: number): Offer {
  const fee = (BigInt(o.amount) * BigInt(feeBps)) / 10_000n;
  return {
    cell: cellHex(o.cell),
    buyer: o.buyer,
    seller: o.seller,
    amount: o.amount,
    expiry: o.expiry,
    status: o.status,
    acceptable: o.status === "open" && now <= o.expiry && owner === o.seller,
    fee: fee.toString(),
    proceeds: (BigInt(o.amount) - fee).toString(),
    madeAt: o.madeAt,
    updatedAt: o.updatedAt,
  };
}

export function offersApi(deps: ApiDeps) {
  return api()
    .openapi(plotOffers, async (c) => {
      const { cell } = c.req.valid("param");
      const q = c.req.valid("query");
      const [plot] = await deps.db.select({ owner: plots.owner }).from(plots).where(eq(plots.cell, cell));
      if (!plot) throw new NotFoundError(`plot ${cellHex(cell)} has not been bought yet`);
      const rows = await deps.db
        .select()
        .from(offers)
        .where(
          q.status === "open" ? and(eq(offers.cell, cell), eq(offers.status, "open")) : eq(offers.cell, cell),
        )
        .orderBy(desc(offers.amount), offers.buyer)
        .limit(q.limit)
        .offset(q.offset);
      const feeBps = await marketFeeBps(deps.db);
      const now = deps.now();
      return c.json(
        {
          cell: cellHex(cell),
          owner: plot.owner,
          feeBps,
          offers: rows.map((o) => offerJson(o, plot.owner, feeBps, now)),
        },
        200,
      );
    })
    .openapi(accountOffers, async (c) => {
      const { address: account } = c.req.valid("param");
      const { limit, offset } = c.req.valid("query");
      const withOwner = { offer: offers, owner: plots.owner };
      const made = await deps.db
        .select(withOwner)
        .from(offers)
        .innerJoin(plots, eq(plots.cell, offers.cell))
        .where(eq(offers.buyer, account))
        .orderBy(desc(offers.updatedAt), offers.cell)
        .limit(limit)
        .offset(offset);
      const received = await deps.db
        .select(withOwner)
        .from(offers)
        .innerJoin(plots, eq(plots.cell, offers.cell))
        .where(and(eq(offers.seller, account), eq(offers.status, "open"), eq(plots.owner, account)))
        .orderBy(desc(offers.amount), offers.cell, offers.buyer)
        .limit(limit)
        .offset(offset);
      const feeBps = await marketFeeBps(deps.db);
      const now = deps.now();
      const json = (r: { offer: OfferRow; owner: string }) => offerJson(r.offer, r.owner, feeBps, now);
      return c.json({ feeBps, made: made.map(json), received: received.map(json) }, 200);
    });
}
