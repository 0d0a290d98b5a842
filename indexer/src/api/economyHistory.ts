import { z } from "@hono/zod-openapi";
import { min, sql } from "drizzle-orm";
import { events } from "../db/schema.js";
import { BadRequestError } from "../errors.js";
import type { ApiDeps } from "./deps.js";
import { FLOWS, type FlowKind, moves, periodEnd, ROLES, type Role, rows } from "./economyMoves.js";
import { api, error, json, route } from "./route.js";
import { EconomyHistory } from "./schemas/economy.js";
import { unixSeconds } from "./validation.js";

const historyRoute = route({
  method: "get",
  path: "/economy/history",
  summary:
    "Each role's net HXA (received minus paid since the first block) at evenly spaced times: the token's distribution over roles and time; the roles' nets add up to 0 at every point",
  request: {
    query: z.object({
      from: unixSeconds
        .optional()
        .openapi({ description: "unix seconds (block time), default: the first indexed event" }),
      to: unixSeconds.optional().openapi({ description: "unix seconds, default now" }),
      points: z.coerce
        .number()
        .int()
        .min(2)
        .max(200)
        .default(48)
        .openapi({ description: "evenly spaced times from `from` to `to`" }),
    }),
  },
  responses: {
    200: json(EconomyHistory, "each role's net at each point"),
    400: error("invalid input, or from after to"),
  },
});

/**
 * GET /economy/history: each role's net HXA (received minus paid, since the first block) at evenly
 * spaced times from `from` (default: the first indexed event) to `to` (default: now, or the newest indexed block if later). The nets of all
 * roles add up to zero at every point: HXA only moves between roles.
 */
export function economyHistoryApi(deps: ApiDeps) {
  return api().openapi(historyRoute, async (c) => {
    const q = c.req.valid("query");
    const to = q.to ?? (await periodEnd(deps.db, deps.now()));
    const [first] = await deps.db.select({ at: min(events.blockTimestamp) }).from(events);
    const from = q.from ?? Math.min(first?.at ?? to, to);
    if (from > to) throw new BadRequestError("from must not be after to");
    const step = (to - from) / (q.points - 1);
    // Point i sums every move at or before from + i*step; moves before `from` land on point 0.
    const bucket =
      step === 0 ? sql`0` : sql`greatest(0, ceil((at - ${from})::numeric / ${step}::numeric))::int`;
    const byBucket = rows<{ kind: FlowKind; b: number; amount: string }>(
      await deps.db.execute(sql`
        with moves as (${moves(deps.deployment.treasury, { from: 0, to })})
        select kind, ${bucket} as b, sum(amount)::text as amount from moves group by kind, b`),
    );
    const delta = Array.from({ length: q.points }, () => new Map<Role, bigint>());
    const sides = new Map(FLOWS.map(([kind, source, target]) => [kind, [source, target] as const]));
    for (const r of byBucket) {
      const [source, target] = sides.get(r.kind) ?? [];
      const d = delta[Math.min(r.b, q.points - 1)];
      if (!source || !target || !d) continue;
      d.set(source, (d.get(source) ?? 0n) - BigInt(r.amount));
      d.set(target, (d.get(target) ?? 0n) + BigInt(r.amount));
    }
    const net = new Map<Role, bigint>(ROLES.map((role) => [role, 0n]));
    const points = delta.map((d, i) => {
      for (const [role, v] of d) net.set(role, (net.get(role) ?? 0n) + v);
      return {
        at: Math.round(from + i * step),
        net: Object.fromEntries(ROLES.map((role) => [role, (net.get(role) ?? 0n).toString()])),
      };
    });
    return c.json({ from, to, roles: [...ROLES], points }, 200);
  });
}
