import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { claimTotals, credits, epochLeaves, epochs, settlementEpochs } from "../db/schema.js";
import { epochTree } from "../settlement/epochTreeCache.js";
import type { ApiDeps } from "./deps.js";
import type { EarningsResponse } from "./types.js";
import { address, validate } from "./validation.js";

export function earningsApi(deps: ApiDeps) {
  return new Hono().get(
    "/accounts/:address/earnings",
    validate("param", z.object({ address })),
    async (c) => {
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
      return c.json({
        account,
        pending: pending.toString(),
        pendingByRole: Object.fromEntries(pendingRows.map((r) => [r.role, r.total])),
        settled: settled?.cumulative ?? "0",
        settledEpochId: settled ? settled.epochId.toString() : null,
        claimed: claimed.toString(),
        claimable: claim?.amount ?? "0",
        claim,
      } satisfies EarningsResponse);
    },
  );
}
