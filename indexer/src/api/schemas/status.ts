import { z } from "@hono/zod-openapi";
import { bigString, hexAddress, wei } from "./common.js";

/** The settler's state, as reported in /status. */
export const SettlementStatus = z
  .object({
    halted: z.string().nullable().openapi({
      description: "Why settlement stopped (conservation or consistency failure), or null while it runs",
    }),
    lastEpochId: bigString.nullable(),
    lastPostedAt: z.number().nullable(),
    epochSeconds: z.number().openapi({ description: "Seconds between settlement rounds (EPOCH_SECONDS)" }),
    nextRoundAt: z.number().nullable().openapi({
      description: "Unix time of the next settlement round, or null while one runs or after a halt",
    }),
    conservation: z
      .object({ epochId: bigString, ok: z.boolean(), leaves: wei, postedTotal: wei, campaignSpend: wei })
      .nullable()
      .openapi({
        description: "After the last epoch: Σ leaves, total posted on-chain, Σ campaign spend on-chain",
      }),
  })
  .openapi("SettlementStatus");
export type SettlementStatus = z.infer<typeof SettlementStatus>;

/** The payout job's state, as reported in /status by the process that runs it. */
export const PayoutStatus = z
  .object({
    operator: hexAddress.openapi({
      description: "The operator address that sends claimBatch (holds no role; pays gas)",
    }),
    threshold: wei,
    intervalSeconds: z.number(),
    batchSize: z.number(),
    nextRoundAt: z.number().nullable(),
    lastRound: z
      .object({ at: z.number(), accounts: z.number(), amount: wei, txs: z.array(z.string()) })
      .nullable()
      .openapi({ description: "The last finished round: accounts paid, HXA paid, transactions sent" }),
    problem: z.string().nullable().openapi({
      description: "Why the last round sent nothing it should have (e.g. the operator has no ETH for gas)",
    }),
  })
  .openapi("PayoutStatus");
export type PayoutStatus = z.infer<typeof PayoutStatus>;

export const StatusResponse = z
  .object({
    chainId: z.number(),
    head: bigString,
    indexed: bigString,
    confirmations: z.number().openapi({
      description: "blocks a transaction waits behind the head before the index shows it (CONFIRMATIONS)",
    }),
    lag: z.number().openapi({ description: "blocks the index is behind the newest final block" }),
    database: z.enum(["pglite", "postgres"]),
    leader: z.boolean(),
    contracts: z.object({
      HexToken: hexAddress,
      Plots: hexAddress,
      AdMarket: hexAddress,
      Faucet: hexAddress,
      deployBlock: z.number(),
    }),
    settlement: SettlementStatus.nullable().openapi({ description: "when this process runs the settler" }),
    payouts: PayoutStatus.nullable().openapi({ description: "when this process runs the payout job" }),
  })
  .openapi("Status");
export type StatusResponse = z.infer<typeof StatusResponse>;

export const Health = z.object({ ok: z.literal(true) });
export const Readiness = z.object({ ready: z.boolean(), lag: z.number() });
