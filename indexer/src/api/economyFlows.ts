import { and, desc, eq, lt, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { credits, epochs, events } from "../db/schema.js";
import { BadRequestError, NotFoundError } from "../errors.js";
import type { ApiDeps } from "./deps.js";
import type { EconomyFlow, EconomyFlows, EconomyRole } from "./types.js";
import { id, validate } from "./validation.js";

const unix = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 40);
const flowsQuery = z.object({ epoch: id.optional(), from: unix.optional(), to: unix.optional() });

/** Flows of the Sankey: [kind, from node, to node]. Credits flow out of escrow when settled. */
const FLOWS = [
  ["primarySale", "plotBuyers", "treasury"],
  ["resale", "plotBuyers", "plotSellers"],
  ["marketFee", "plotBuyers", "treasury"],
  ["budget", "advertisers", "escrow"],
  ["withdrawn", "escrow", "advertisers"],
  ["viewer", "escrow", "viewers"],
  ["owner", "escrow", "plotOwners"],
  ["unownedShare", "escrow", "protocol"],
  ["protocol", "escrow", "protocol"],
] as const;
type Kind = (typeof FLOWS)[number][0];
const ROLES = [
  "treasury",
  "plotBuyers",
  "plotSellers",
  "advertisers",
  "escrow",
  "viewers",
  "plotOwners",
  "protocol",
];

interface FlowRow extends Record<string, unknown> {
  kind: Kind;
  n: number;
  amount: string;
  refs: string[];
}
const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
const LINKS = 20; // transactions or epochs listed behind each number

/**
 * GET /economy/flows: the HXA each role put in and took out over a period (`from`/`to`, unix
 * seconds, by block time) or one epoch (its plot and campaign activity since the previous epoch,
 * and the clicks it settled). Plot and campaign money comes from the chain's events, click shares
 * from the credits of posted, unvetoed epochs. Each flow lists the transactions or epochs behind it.
 */
export function economyFlowsApi(deps: ApiDeps) {
  return new Hono().get("/economy/flows", validate("query", flowsQuery), async (c) => {
    const q = c.req.valid("query");
    if (q.epoch !== undefined && (q.from !== undefined || q.to !== undefined)) {
      throw new BadRequestError("give either epoch or from/to, not both");
    }
    let from = q.from ?? 0;
    let to = q.to ?? deps.now();
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
    const inPeriod = sql`${events.blockTimestamp} between ${from} and ${to}`;
    const arg = (k: string) => sql.raw(`(args->>'${k}')::numeric`);
    const onChain = (kind: Kind, name: string, amount: ReturnType<typeof arg>) =>
      sql`select ${kind} as kind, ${amount} as amount, ${events.txHash} as ref, ${events.blockNumber} as pos
          from ${events} where ${events.name} = ${name} and ${inPeriod}`;
    const treasury = deps.deployment.treasury.toLowerCase();
    const flowRows = rows<FlowRow>(
      await deps.db.execute(sql`
        with moves as (
          ${onChain("primarySale", "PlotBought", arg("price"))}
          union all ${onChain("resale", "PlotSold", sql.raw("(args->>'price')::numeric - (args->>'fee')::numeric"))}
          union all ${onChain("marketFee", "PlotSold", arg("fee"))}
          union all ${onChain("budget", "CampaignCreated", arg("budget"))}
          union all ${onChain("budget", "CampaignToppedUp", arg("amount"))}
          union all ${onChain("withdrawn", "CampaignWithdrawn", arg("amount"))}
          union all
          select case when ${credits.role} = 'owner' and ${credits.account} = ${treasury} then 'unownedShare'
                      else ${credits.role} end as kind,
                 ${credits.amount} as amount, ${credits.epochId}::text as ref, ${credits.epochId} as pos
          from ${credits} join ${epochs} on ${epochs.id} = ${credits.epochId}
          where ${epochs.status} <> 'vetoed' and ${settled}
        )
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
    return c.json({ from, to, epoch: q.epoch?.toString() ?? null, flows, roles } satisfies EconomyFlows);
  });
}
