import { z } from "@hono/zod-openapi";
import { bigString, CreditRole, hexAddress, RejectReason, wei } from "./common.js";

/** A sponsored payout: the operator claims for accounts whose unclaimed earnings reach `threshold`. */
export const PayoutSchedule = z
  .object({
    threshold: wei.openapi({ description: "Smallest claimable amount the operator pays out" }),
    waitingFor: z.enum(["round", "challenge", "settlement", "threshold"]).openapi({
      description:
        "What the next payout waits for: the next round, the challenge period of the epoch holding the earnings, the next epoch, or more earnings",
    }),
    at: z
      .number()
      .nullable()
      .openapi({ description: "Estimated unix time of that payout; null while under the threshold" }),
  })
  .openapi("PayoutSchedule");
export type PayoutSchedule = z.infer<typeof PayoutSchedule>;

/** GET /accounts/{address}/earnings. */
export const EarningsResponse = z
  .object({
    account: hexAddress,
    pending: wei.openapi({ description: "Credited, not yet in a posted epoch" }),
    pendingByRole: z.partialRecord(CreditRole, wei),
    settled: wei.openapi({ description: "Cumulative earnings in the latest posted epoch" }),
    settledEpochId: bigString.nullable(),
    claimed: wei.openapi({ description: "Claimed on-chain so far" }),
    claimable: wei.openapi({ description: "Claimable now against the active root (cumulative - claimed)" }),
    claim: z
      .object({ epochId: bigString, cumulative: wei, amount: wei, proof: z.array(z.string()) })
      .nullable()
      .openapi({
        description: "Arguments for AdMarket.claim(account, cumulative, proof), when something is claimable",
      }),
    payout: PayoutSchedule.nullable().openapi({
      description:
        "When the operator next pays this account without it sending a transaction; null when payouts are off",
    }),
  })
  .openapi("Earnings");
export type EarningsResponse = z.infer<typeof EarningsResponse>;

/** GET /accounts/{address}/history: the newest credits and claims of an account. */
export const HistoryResponse = z
  .object({
    account: hexAddress,
    credits: z.array(
      z.object({
        clickId: bigString,
        campaignId: bigString,
        cell: z.string().nullable(),
        role: CreditRole,
        amount: wei,
        at: z.number(),
        epochId: bigString
          .nullable()
          .openapi({ description: "The epoch that settled it, or null while pending" }),
      }),
    ),
    claims: z.array(
      z.object({ amount: wei, cumulative: wei, at: z.number(), txHash: z.string(), block: bigString }),
    ),
  })
  .openapi("History");
export type HistoryResponse = z.infer<typeof HistoryResponse>;

/** GET /accounts/{address}/clicks: the newest clicks the account made as a viewer, paid or not. */
export const ViewerClicksResponse = z
  .object({
    account: hexAddress,
    clicks: z.array(
      z.object({
        clickId: bigString,
        campaignId: bigString,
        cell: z.string(),
        at: z.number().openapi({ description: "unix seconds the click was made" }),
        status: z.enum(["accepted", "rejected"]),
        earned: wei
          .nullable()
          .openapi({ description: "The viewer's share of a paid click; null if refused" }),
        reason: RejectReason.nullable().openapi({ description: "Why a refused click was not paid" }),
        message: z.string().nullable().openapi({ description: "The reason as a sentence for the viewer" }),
      }),
    ),
  })
  .openapi("ViewerClicks");
export type ViewerClicksResponse = z.infer<typeof ViewerClicksResponse>;
