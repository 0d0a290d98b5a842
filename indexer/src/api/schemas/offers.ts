import { z } from "@hono/zod-openapi";
import { hexAddress, wei } from "./common.js";

/** One buyer's latest offer on one plot, as GET /plots/{cell}/offers and /accounts/{address}/offers show it. */
export const Offer = z
  .object({
    cell: z.string().openapi({ description: "res-7 cell, 15 hex characters" }),
    buyer: hexAddress,
    seller: hexAddress.openapi({ description: "The owner the offer was made to: only it may accept" }),
    amount: wei.openapi({ description: "HXA escrowed by Plots while the offer is open" }),
    expiry: z
      .number()
      .openapi({ description: "unix seconds; accepted at the latest in a block of this time" }),
    status: z.enum(["open", "cancelled", "withdrawn", "accepted"]).openapi({
      description:
        "open: HXA still escrowed (the buyer can cancel at any time); cancelled by the buyer; withdrawn: returned once dead; accepted",
    }),
    acceptable: z.boolean().openapi({
      description: "open, not expired, and the plot still owned by `seller`: acceptOffer would go through",
    }),
    fee: wei.openapi({ description: "market fee acceptOffer would take now (amount × fee / 10,000)" }),
    proceeds: wei.openapi({ description: "what the seller would receive now: amount − fee" }),
    madeAt: z.number().openapi({ description: "unix seconds of the block that opened it" }),
    updatedAt: z.number().openapi({ description: "unix seconds of its latest change" }),
  })
  .openapi("Offer");
export type Offer = z.infer<typeof Offer>;

export const PlotOffers = z
  .object({
    cell: z.string(),
    owner: hexAddress,
    feeBps: z.number().openapi({ description: "the market fee in force, basis points" }),
    offers: z.array(Offer).openapi({ description: "highest amount first" }),
  })
  .openapi("PlotOffers");
export type PlotOffers = z.infer<typeof PlotOffers>;

export const AccountOffers = z
  .object({
    feeBps: z.number().openapi({ description: "the market fee in force, basis points" }),
    made: z
      .array(Offer)
      .openapi({ description: "offers this account made, any status, latest change first" }),
    received: z.array(Offer).openapi({
      description: "open offers made to this account on plots it still owns, highest amount first",
    }),
  })
  .openapi("AccountOffers");
export type AccountOffers = z.infer<typeof AccountOffers>;
