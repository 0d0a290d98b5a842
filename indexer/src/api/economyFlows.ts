import { z } from "@hono/zod-openapi";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { epochs } from "../db/schema.js";
import { BadRequestError, NotFoundError } from "../errors.js";
import type { ApiDeps } from "./deps.js";
import { FLOWS, type FlowKind, moves, periodEnd, ROLES, rows } from "./economyMoves.js";
import { api, error, json, route } from "./route.js";
import { type EconomyFlow, EconomyFlows, type EconomyRole } from "./schemas/economy.js";
import { id, unixSeconds } from "./validation.js";

const flowsRoute = route({
  method: "get",
  path: "/economy/flows",
  summary:
    "HXA flows between roles (plot buyers/sellers, treasury, advertisers, escrow, viewers, plot owners, protocol) and what each role paid and received (sink/source), for a period or one epoch; each flow lists the transactions or epochs behind it",
  request: {
    query: z.object({
      epoch: id.optional().openapi({
        description:
          "one epoch instead of from/to: its activity since the previous epoch and the clicks it settled",
      }),
      from: unixSeconds.optional().openapi({ description: "unix seconds (block time), default 0" }),
      to: unixSeconds.optional().openapi({ description: "unix seconds, default now" }),
    }),
  },
  responses: {
    200: json(EconomyFlows, "the flows and roles"),
    400: error("invalid input, epoch given with from/to, or from after to"),
    404: error("unknown epoch"),
  },
});

interface FlowRow extends Record<string, unknown> {
  kind: FlowKind;
  n: number;
  amount: string;
  refs: string[];
}
const LINKS = 20; // transactions or epochs listed behind each number

/**
 * GET /economy/flows: the HXA each role put in and took out over a period (`from`/`to`, unix
 * seconds, by block time) or one epoch (its plot and campaign activity since the previous epoch,
 * and the clicks it settled). Plot and campaign money comes from the chain's events, click shares
 * from the credits of posted, unvetoed epochs. Each flow lists the transactions or epochs behind it.
 */
export function economyFlowsApi(deps: ApiDeps) {
  return api().openapi(flowsRoute, async (c) => {
    const q = c.req.valid("query");
    if (q.epoch !== undefined && (q.from !== undefined || q.to !== undefined)) {
      throw new BadRequestError("give either epoch or from/to, not both");
    }
    let from = q.from ?? 0;
    let to = q.to ?? (await periodEnd(deps.db, deps.now()));
    if (from > to) throw new BadRequestError("from must not be after to");
    let settled = sql`${epochs.postedAt} between ${from} and ${to}`;
    if (q.epoch !== undefined) {
      const [epoch] = await deps.db.select().from(epochs).where(eq(epochs.id, q.epoch));
      if (!epoch) throw new NotFoundError(`no epoch ${q.epoch}`);
      const [previous] = await deps.db
        .select({ postedAt: epochs.postedAt })
        .from(epochs)
        .where(and(lt(epochs.id, q.epoch)))
        .orderBy(desc(epochs.id))
        .limit(1);
      from = previous ? previous.postedAt + 1 : 0;
      to = epoch.postedAt;
      settled = sql`${epochs.id} = ${q.epoch}`;
    }
    const flowRows = rows<FlowRow>(
      await deps.db.execute(sql`
        with moves as (${moves(deps.deployment.treasury, { from, to, settled })})
        select kind, count(*)::int as n, sum(amount)::text as amount,
               (array_agg(distinct ref))[1:${LINKS}] as refs
        from moves group by kind`),
    );
    const byKind = new Map(flowRows.map((r) => [r.kind, r]));
    const flows: EconomyFlow[] = FLOWS.map(([kind, source, target]) => {
      const r = byKind.get(kind);
      const refs = r?.refs ?? [];
      const isEpoch = kind === "viewer" || kind === "owner" || kind === "protocol" || kind === "unownedShare";
      return {
        kind,
        from: source,
        to: target,
        amount: r?.amount ?? "0",
        count: r?.n ?? 0,
        txs: isEpoch ? [] : refs,
        epochs: isEpoch ? refs.sort((a, b) => Number(a) - Number(b)) : [],
      };
    });
    const roles: EconomyRole[] = ROLES.map((role) => {
      const paid = flows.filter((f) => f.from === role).reduce((s, f) => s + BigInt(f.amount), 0n);
      const received = flows.filter((f) => f.to === role).reduce((s, f) => s + BigInt(f.amount), 0n);
      return {
        role,
        paid: paid.toString(),
        received: received.toString(),
        kind:
          paid === 0n && received === 0n
            ? "idle"
            : paid === 0n
              ? "sink"
              : received === 0n
                ? "source"
                : "both",
      };
    });
    return c.json({ from, to, epoch: q.epoch?.toString() ?? null, flows, roles }, 200);
  });
}
