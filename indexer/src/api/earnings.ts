import { z } from "@hono/zod-openapi";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { claimTotals, credits, epochLeaves, epochs, settlementEpochs } from "../db/schema.js";
import { readSetting } from "../projections/settings.js";
import { epochTree } from "../settlement/epochTreeCache.js";
import { nextPayout } from "../settlement/nextPayout.js";
import type { ApiDeps } from "./deps.js";
import { api, json, route } from "./route.js";
import { EarningsResponse, type PayoutSchedule } from "./schemas/accounts.js";
import { address } from "./validation.js";

const earningsRoute = route({
  method: "get",
  path: "/accounts/{address}/earnings",
  summary: "Pending credits, settled cumulative, claimed on-chain, claimable now with its proof",
  request: { params: z.object({ address }) },
  responses: { 200: json(EarningsResponse, "the account's earnings") },
});

export function earningsApi(deps: ApiDeps) {
  return api().openapi(earningsRoute, async (c) => {
    const account = c.req.valid("param").address;
    const db = deps.db;
    const pendingRows = await db
      .select({ role: credits.role, total: sql<string>`sum(${credits.amount})::text` })
      .from(credits)
      .where(and(eq(credits.account, account), isNull(credits.epochId)))
      .groupBy(credits.role);
    const pending = pendingRows.reduce((a, r) => a + BigInt(r.total), 0n);
    // Settled: the account's leaf in the latest epoch posted by the settler.
    const [settled] = await db
      .select({ epochId: epochLeaves.epochId, cumulative: epochLeaves.cumulative })
      .from(epochLeaves)
      .innerJoin(settlementEpochs, eq(settlementEpochs.id, epochLeaves.epochId))
      .where(and(eq(epochLeaves.account, account), eq(settlementEpochs.status, "posted")))
      .orderBy(desc(epochLeaves.epochId))
      .limit(1);
    const [claimedRow] = await db.select().from(claimTotals).where(eq(claimTotals.account, account));
    const claimed = BigInt(claimedRow?.claimed ?? 0);
    // Claimable: against the root the contract accepts now (the latest active epoch, as indexed).
    const [active] = await db
      .select({ id: epochs.id })
      .from(epochs)
      .where(eq(epochs.status, "active"))
      .orderBy(desc(epochs.id))
      .limit(1);
    let claim: { epochId: string; cumulative: string; amount: string; proof: string[] } | null = null;
    if (active) {
      const [leaf] = await db
        .select()
        .from(epochLeaves)
        .where(and(eq(epochLeaves.epochId, active.id), eq(epochLeaves.account, account)));
      if (leaf && BigInt(leaf.cumulative) > claimed) {
        const proof = (await epochTree(db, active.id)).proof(account) ?? [];
        claim = {
          epochId: active.id.toString(),
          cumulative: leaf.cumulative,
          amount: (BigInt(leaf.cumulative) - claimed).toString(),
          proof,
        };
      }
    }
    const payout = deps.money?.payouts
      ? await payoutSchedule(deps, account, {
          claimable: BigInt(claim?.amount ?? 0),
          claimed,
          unclaimed: pending + BigInt(settled?.cumulative ?? 0) - claimed,
        })
      : null;
    return c.json(
      {
        account,
        pending: pending.toString(),
        pendingByRole: Object.fromEntries(pendingRows.map((r) => [r.role, r.total])),
        settled: settled?.cumulative ?? "0",
        settledEpochId: settled ? settled.epochId.toString() : null,
        claimed: claimed.toString(),
        claimable: claim?.amount ?? "0",
        claim,
        payout,
      },
      200,
    );
  });
}

/** When the sponsored payout job pays `account` next (see nextPayout). */
async function payoutSchedule(
  deps: ApiDeps,
  account: string,
  e: { claimable: bigint; claimed: bigint; unclaimed: bigint },
): Promise<PayoutSchedule> {
  const payouts = deps.money?.payouts as NonNullable<NonNullable<ApiDeps["money"]>["payouts"]>;
  const now = deps.now();
  // The newest epoch still in its challenge period, and this account's leaf in it.
  const [waiting] = await deps.db
    .select({ activatesAt: epochs.activatesAt, cumulative: epochLeaves.cumulative })
    .from(epochs)
    .leftJoin(epochLeaves, and(eq(epochLeaves.epochId, epochs.id), eq(epochLeaves.account, account)))
    .where(eq(epochs.status, "pending"))
    .orderBy(desc(epochs.id))
    .limit(1);
  const period = await readSetting(deps.db, "AdMarket.ChallengePeriodUpdated");
  return nextPayout({
    now,
    threshold: payouts.threshold,
    intervalSeconds: payouts.intervalSeconds,
    claimable: e.claimable,
    waiting: waiting
      ? { amount: BigInt(waiting.cumulative ?? 0) - e.claimed, activatesAt: waiting.activatesAt }
      : null,
    unclaimed: e.unclaimed,
    nextSettlementAt: deps.money?.settlement?.()?.nextRoundAt ?? now,
    challengePeriod: Number(period?.period ?? 0),
  });
}
