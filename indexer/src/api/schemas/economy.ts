import { z } from "@hono/zod-openapi";
import { bigString, wei } from "./common.js";

/** One HXA flow between two roles over the chosen period, with what lies behind the number. */
export const EconomyFlow = z
  .object({
    kind: z.string().openapi({
      description:
        "primarySale, resale, marketFee, budget, withdrawn, or a settled click share: viewer, owner, unownedShare, protocol",
    }),
    from: z.string(),
    to: z.string(),
    amount: wei,
    count: z.number(),
    txs: z
      .array(z.string())
      .openapi({ description: "Up to 20 transactions behind the flow (plot and campaign money)" }),
    epochs: z.array(bigString).openapi({ description: "Up to 20 epochs that settled it (click shares)" }),
  })
  .openapi("EconomyFlow");
export type EconomyFlow = z.infer<typeof EconomyFlow>;

/** What a role paid into the loop and received from it; a sink only receives, a source only pays. */
export const EconomyRole = z
  .object({
    role: z.string(),
    paid: wei,
    received: wei,
    kind: z.enum(["sink", "source", "both", "idle"]),
  })
  .openapi("EconomyRole");
export type EconomyRole = z.infer<typeof EconomyRole>;

/** GET /economy/flows: HXA flows between roles for a period (unix seconds) or one epoch. */
export const EconomyFlows = z
  .object({
    from: z.number(),
    to: z.number(),
    epoch: bigString.nullable(),
    flows: z.array(EconomyFlow),
    roles: z.array(EconomyRole),
  })
  .openapi("EconomyFlows");
export type EconomyFlows = z.infer<typeof EconomyFlows>;

/** GET /economy/history: each role's net HXA (received minus paid, all time) at evenly spaced times. */
export const EconomyHistory = z
  .object({
    from: z.number(),
    to: z.number(),
    roles: z.array(z.string()),
    points: z.array(
      z.object({
        at: z.number(),
        net: z
          .record(z.string(), wei)
          .openapi({ description: "role → net wei (negative when it paid more)" }),
      }),
    ),
  })
  .openapi("EconomyHistory");
export type EconomyHistory = z.infer<typeof EconomyHistory>;

/** GET /economy/accounts: per role people play, how many accounts play it, and how many pay in or earn. */
export const EconomyAccounts = z
  .object({
    accounts: z.number().openapi({ description: "Accounts that paid or earned HXA on the loop at all" }),
    roles: z.array(
      z.object({ role: z.string(), accounts: z.number(), paying: z.number(), earning: z.number() }),
    ),
  })
  .openapi("EconomyAccounts");
export type EconomyAccounts = z.infer<typeof EconomyAccounts>;
