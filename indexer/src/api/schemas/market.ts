import { z } from "@hono/zod-openapi";
import { wei } from "./common.js";
import { Plot } from "./plots.js";

/** A plot for sale: its listing is live (not expired) and `listedAt` is when it was (re)listed. */
export const ListedPlot = Plot.extend({
  listedAt: z.number().openapi({ description: "unix seconds of the block of its latest listing" }),
}).openapi("ListedPlot");
export type ListedPlot = z.infer<typeof ListedPlot>;

export const Listings = z.object({
  listings: z.array(ListedPlot),
  total: z.number().openapi({ description: "live listings matching the filters, all pages" }),
});
export type Listings = z.infer<typeof Listings>;

export const Sale = z
  .object({
    cell: z.string().openapi({ description: "res-7 cell, 15 hex characters" }),
    price: wei.openapi({ description: "what the buyer paid, market fee included" }),
    timestamp: z.number().openapi({ description: "unix seconds of the sale's block" }),
    txHash: z.string(),
  })
  .openapi("Sale");
export type Sale = z.infer<typeof Sale>;

export const MarketStats = z
  .object({
    floor: wei.nullable().openapi({ description: "the cheapest live listing's price; null when none" }),
    floorCell: z.string().nullable().openapi({ description: "the plot listed at the floor" }),
    listed: z.number().openapi({ description: "live listings" }),
    sales: z
      .array(Sale)
      .openapi({ description: "the latest resales (listing sales and accepted offers), oldest first" }),
  })
  .openapi("MarketStats");
export type MarketStats = z.infer<typeof MarketStats>;
