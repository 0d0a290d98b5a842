import { z } from "@hono/zod-openapi";
import { bigString, hexAddress, wei } from "./common.js";
import { Place } from "./places.js";

export const Listing = z.object({ seller: hexAddress, price: wei, expiry: z.number() }).openapi("Listing");
export type Listing = z.infer<typeof Listing>;

export const Plot = z
  .object({
    cell: z.string().openapi({ description: "res-7 H3 cell, 15 hex characters" }),
    owner: hexAddress.nullable(),
    lat: z.number(),
    lng: z.number(),
    place: Place,
    boughtPrice: wei.nullable().openapi({
      description:
        "The latest purchase, by the current owner unless it was since given away: mint or market sale",
    }),
    boughtAt: z.number().nullable(),
    lastSalePrice: wei.nullable(),
    listing: Listing.nullable(),
    activeAds: z.number(),
  })
  .openapi("Plot");
export type Plot = z.infer<typeof Plot>;

export const PlotHistoryEntry = z
  .object({
    kind: z.enum(["bought", "transfer", "sale", "listed", "cancelled"]),
    from: hexAddress.nullable(),
    to: hexAddress.nullable(),
    price: wei.nullable(),
    block: bigString,
    timestamp: z.number(),
    txHash: z.string(),
  })
  .openapi("PlotHistoryEntry");
export type PlotHistoryEntry = z.infer<typeof PlotHistoryEntry>;

/** The owner share of paid clicks in a plot, in HXA wei. */
export const PlotEarnings = z
  .object({
    earned: wei.openapi({ description: "All owner credits for clicks in this cell, settled or not" }),
    pending: wei.openapi({ description: "The part no epoch has settled yet" }),
    clicks: z.number().openapi({ description: "Paid clicks in this cell" }),
  })
  .openapi("PlotEarnings");
export type PlotEarnings = z.infer<typeof PlotEarnings>;

export const PlotDetail = Plot.extend({ history: z.array(PlotHistoryEntry), earnings: PlotEarnings }).openapi(
  "PlotDetail",
);
export type PlotDetail = z.infer<typeof PlotDetail>;

/** A plot in an account's portfolio, with the owner share that account earned in it. */
export const OwnedPlot = Plot.extend({ earnings: PlotEarnings }).openapi("OwnedPlot");
export type OwnedPlot = z.infer<typeof OwnedPlot>;

export const PlotsResponse = z.object({
  plots: z.array(Plot),
  truncated: z
    .boolean()
    .optional()
    .openapi({ description: "a bbox held more plots than one answer carries" }),
});
export const PlotSummary = z.object({
  res: z.number(),
  cells: z.array(z.object({ cell: z.string(), owned: z.number() })),
});
export const OwnedPlots = z.object({ plots: z.array(OwnedPlot) });
