import { z } from "@hono/zod-openapi";
import { asc, eq, inArray } from "drizzle-orm";
import { cellToLatLng, cellToParent } from "h3-js";
import { events, plots } from "../db/schema.js";
import { NotFoundError } from "../errors.js";
import { gazetteer } from "../places/gazetteer.js";
import { activeCampaignsForCells } from "../queries/activeCampaignsForCells.js";
import { plotInArea } from "../queries/plotArea.js";
import { plotEarnings } from "../queries/plotEarnings.js";
import type { ApiDeps } from "./deps.js";
import { api, error, json, route } from "./route.js";
import {
  type OwnedPlot,
  OwnedPlots,
  type Plot,
  PlotDetail,
  type PlotHistoryEntry,
  PlotSummary,
  PlotsResponse,
} from "./schemas/plots.js";
import { cellHex, plotJson, plotsWithAds } from "./serialize.js";
import { address, bbox, page, plotCell } from "./validation.js";

const MAX_PLOTS = 5000;
const ZERO = "0x0000000000000000000000000000000000000000";

const plotsQuery = z
  .object({
    bbox: bbox.optional().openapi({
      description:
        "minLng,minLat,maxLng,maxLat; at most 25 square degrees; minLng > maxLng crosses the antimeridian",
    }),
    cells: z
      .string()
      .transform((s) => s.split(",").filter(Boolean))
      .pipe(z.array(plotCell).min(1).max(1000, "at most 1000 cells"))
      .optional()
      .openapi({ description: "comma-separated res-7 cells (15 hex chars), at most 1000" }),
  })
  .refine((q) => (q.bbox === undefined) !== (q.cells === undefined), "give exactly one of bbox or cells");
const cellParam = z.object({ cell: plotCell.openapi({ description: "res-7 H3 cell" }) });

const plotsRoute = route({
  method: "get",
  path: "/plots",
  summary: "Plots in a bounding box (owned plots) or for a list of cells (any cell); give exactly one",
  request: { query: plotsQuery },
  responses: { 200: json(PlotsResponse, "the plots") },
});
const summaryRoute = route({
  method: "get",
  path: "/plots/summary",
  summary: "Owned plots counted per coarse cell, for zoomed-out maps",
  request: {
    query: z.object({
      res: z.coerce.number().int().min(0).max(6).openapi({ description: "resolution 0-6" }),
    }),
  },
  responses: { 200: json(PlotSummary, "owned plots per cell") },
});
const plotRoute = route({
  method: "get",
  path: "/plots/{cell}",
  summary:
    "One plot with its history; boughtPrice/boughtAt are the latest purchase (mint or market sale), earnings the plot's whole owner share",
  request: { params: cellParam },
  responses: { 200: json(PlotDetail, "the plot"), 404: error("never bought") },
});
const accountPlotsRoute = route({
  method: "get",
  path: "/accounts/{address}/plots",
  summary: "Plots owned by an account, each with the owner share this account earned in it",
  request: { params: z.object({ address }), query: z.object(page) },
  responses: { 200: json(OwnedPlots, "the account's plots") },
});
export function plotsApi(deps: ApiDeps) {
  const withAds = (rows: (typeof plots.$inferSelect)[]) => plotsWithAds(deps.db, rows, deps.now());

  return api()
    .openapi(plotsRoute, async (c) => {
      const q = c.req.valid("query");
      if (q.cells) {
        const rows = await deps.db.select().from(plots).where(inArray(plots.cell, q.cells));
        const owned = new Map(rows.map((r) => [r.cell, r]));
        const ads = await activeCampaignsForCells(deps.db, q.cells, deps.now());
        // Unowned cells are answered too, so a client can colour any cell it asked about.
        const result: Plot[] = q.cells.map((cell) => {
          const row = owned.get(cell);
          if (row) return plotJson(row, ads.get(cell)?.length ?? 0);
          const [lat, lng] = cellToLatLng(cellHex(cell));
          return {
            cell: cellHex(cell),
            owner: null,
            lat,
            lng,
            place: gazetteer().nearest(lat, lng),
            boughtPrice: null,
            boughtAt: null,
            lastSalePrice: null,
            listing: null,
            activeAds: ads.get(cell)?.length ?? 0,
          };
        });
        return c.json({ plots: result }, 200);
      }
      const rows = await deps.db
        .select()
        .from(plots)
        .where(plotInArea({ bbox: q.bbox as NonNullable<typeof q.bbox> }))
        .limit(MAX_PLOTS + 1);
      return c.json(
        { plots: await withAds(rows.slice(0, MAX_PLOTS)), truncated: rows.length > MAX_PLOTS },
        200,
      );
    })
    .openapi(summaryRoute, async (c) => {
      const { res } = c.req.valid("query");
      const rows = await deps.db.select({ cell: plots.cell }).from(plots);
      const counts = new Map<string, number>();
      for (const r of rows) {
        const parent = cellToParent(cellHex(r.cell), res);
        counts.set(parent, (counts.get(parent) ?? 0) + 1);
      }
      return c.json({ res, cells: [...counts].map(([cell, owned]) => ({ cell, owned })) }, 200);
    })
    .openapi(plotRoute, async (c) => {
      const { cell } = c.req.valid("param");
      const [row] = await deps.db.select().from(plots).where(eq(plots.cell, cell));
      if (!row) throw new NotFoundError(`plot ${cellHex(cell)} has not been bought yet`);
      const [plot] = await withAds([row]);
      const rows = await deps.db
        .select()
        .from(events)
        .where(eq(events.cell, cell))
        .orderBy(asc(events.blockNumber), asc(events.logIndex));
      const history: PlotHistoryEntry[] = [];
      for (const e of rows) {
        const a = e.args as Record<string, string>;
        const base = { block: e.blockNumber.toString(), timestamp: e.blockTimestamp, txHash: e.txHash };
        if (e.name === "PlotBought")
          history.push({ kind: "bought", from: null, to: a.buyer ?? null, price: a.price ?? null, ...base });
        else if (e.name === "PlotSold")
          history.push({
            kind: "sale",
            from: a.seller ?? null,
            to: a.buyer ?? null,
            price: a.price ?? null,
            ...base,
          });
        else if (e.name === "PlotListed")
          history.push({ kind: "listed", from: a.seller ?? null, to: null, price: a.price ?? null, ...base });
        else if (e.name === "ListingCancelled")
          history.push({ kind: "cancelled", from: a.seller ?? null, to: null, price: null, ...base });
        else if (
          e.name === "Transfer" &&
          a.from !== ZERO &&
          !rows.some((s) => s.name === "PlotSold" && s.txHash === e.txHash)
        ) {
          history.push({ kind: "transfer", from: a.from ?? null, to: a.to ?? null, price: null, ...base });
        }
      }
      const earnings = (await plotEarnings(deps.db, [cell]))(cell);
      const detail: PlotDetail = { ...(plot as Plot), history, earnings };
      return c.json(detail, 200);
    })
    .openapi(accountPlotsRoute, async (c) => {
      const { address: owner } = c.req.valid("param");
      const { limit, offset } = c.req.valid("query");
      const rows = await deps.db
        .select()
        .from(plots)
        .where(eq(plots.owner, owner))
        .orderBy(asc(plots.cell))
        .limit(limit)
        .offset(offset);
      // Only what this account earned: a bought plot does not bring its previous owner's earnings.
      const earnings = await plotEarnings(
        deps.db,
        rows.map((r) => r.cell),
        owner,
      );
      const owned: OwnedPlot[] = (await withAds(rows)).map((p) => ({
        ...p,
        earnings: earnings(BigInt(`0x${p.cell}`)),
      }));
      return c.json({ plots: owned }, 200);
    });
}
