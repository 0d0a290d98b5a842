import { z } from "@hono/zod-openapi";
import { and, desc, eq } from "drizzle-orm";
import { clicks, credits, events } from "../db/schema.js";
import type { ApiDeps } from "./deps.js";
import { api, json, route } from "./route.js";
import { HistoryResponse } from "./schemas/accounts.js";
import { cellHex } from "./serialize.js";
import { address } from "./validation.js";

const historyRoute = route({
  method: "get",
  path: "/accounts/{address}/history",
  summary: "The account's newest credits (with their epoch, null while pending) and on-chain claims",
  request: {
    params: z.object({ address }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  },
  responses: { 200: json(HistoryResponse, "the account's history") },
});

/** GET /accounts/:address/history: the newest credits (any role) and on-chain claims of an account. */
export function accountHistoryApi(deps: ApiDeps) {
  return api().openapi(historyRoute, async (c) => {
    const { address: account } = c.req.valid("param");
    const { limit } = c.req.valid("query");
    const creditRows = await deps.db
      .select({
        clickId: credits.clickId,
        campaignId: credits.campaignId,
        role: credits.role,
        amount: credits.amount,
        at: credits.createdAt,
        epochId: credits.epochId,
        cell: clicks.cell,
      })
      .from(credits)
      .innerJoin(clicks, eq(clicks.id, credits.clickId))
      .where(eq(credits.account, account))
      .orderBy(desc(credits.id))
      .limit(limit);
    // Claimed carries the new cumulative total; the amount paid is the step from the one before.
    const claimRows = await deps.db
      .select()
      .from(events)
      .where(and(eq(events.account, account), eq(events.name, "Claimed")))
      .orderBy(desc(events.blockNumber), desc(events.logIndex))
      .limit(limit + 1);
    const cumulativeOf = (i: number) => BigInt((claimRows[i]?.args.cumulative as string | undefined) ?? "0");
    const claims = claimRows.slice(0, limit).map((e, i) => ({
      amount: (cumulativeOf(i) - cumulativeOf(i + 1)).toString(),
      cumulative: cumulativeOf(i).toString(),
      at: e.blockTimestamp,
      txHash: e.txHash,
      block: e.blockNumber.toString(),
    }));
    return c.json(
      {
        account,
        credits: creditRows.map((r) => ({
          clickId: r.clickId.toString(),
          campaignId: r.campaignId.toString(),
          cell: r.cell === null ? null : cellHex(r.cell),
          role: r.role,
          amount: r.amount,
          at: r.at,
          epochId: r.epochId === null ? null : r.epochId.toString(),
        })),
        claims,
      },
      200,
    );
  });
}
