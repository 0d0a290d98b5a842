import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { campaigns, credits, epochs, events } from "../db/schema.js";

/** Flows of the value loop: [kind, from role, to role]. Click shares flow out of escrow when an epoch settles them. */
export const FLOWS = [
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
export type FlowKind = (typeof FLOWS)[number][0];
export const ROLES = [
  "treasury",
  "plotBuyers",
  "plotSellers",
  "advertisers",
  "escrow",
  "viewers",
  "plotOwners",
  "protocol",
] as const;
export type Role = (typeof ROLES)[number];

export interface MoveWindow {
  /** Unix seconds (block time) bounding plot and campaign money. */
  from: number;
  to: number;
  /** Which epochs' click shares count; default: those posted between from and to. */
  settled?: SQL;
}

/**
 * Every HXA move of the loop as rows (kind, amount, ref, pos, at, payer, payee): plot and campaign
 * money from the chain's events, click shares from the credits of posted, unvetoed epochs (at their
 * post time). `ref` is the transaction or the epoch behind the move; payer/payee are the lower-case
 * accounts of people who pay in or earn (null for the treasury and escrow, and for a withdrawal: a
 * refund of one's own budget is not earning).
 */
export function moves(treasury: string, w: MoveWindow): SQL {
  const inPeriod = sql`${events.blockTimestamp} between ${w.from} and ${w.to}`;
  const settled = w.settled ?? sql`${epochs.postedAt} between ${w.from} and ${w.to}`;
  const arg = (k: string) => sql.raw(`(args->>'${k}')`);
  const num = (k: string) => sql.raw(`(args->>'${k}')::numeric`);
  const onChain = (kind: FlowKind, name: string, amount: SQL, payer: SQL, payee: SQL) =>
    sql`select ${kind} as kind, ${amount} as amount, ${events.txHash} as ref, ${events.blockNumber} as pos,
               ${events.blockTimestamp} as at, lower(${payer}) as payer, lower(${payee}) as payee
        from ${events} where ${events.name} = ${name} and ${inPeriod}`;
  const none = sql`null::text`;
  const advertiserOf = sql`(select ${campaigns.advertiser} from ${campaigns} where ${campaigns.id} = ${events.campaignId})`;
  const lowerTreasury = treasury.toLowerCase();
  return sql`
    ${onChain("primarySale", "PlotBought", num("price"), arg("buyer"), none)}
    union all ${onChain("resale", "PlotSold", sql.raw("(args->>'price')::numeric - (args->>'fee')::numeric"), arg("buyer"), arg("seller"))}
    union all ${onChain("marketFee", "PlotSold", num("fee"), arg("buyer"), none)}
    union all ${onChain("budget", "CampaignCreated", num("budget"), arg("advertiser"), none)}
    union all ${onChain("budget", "CampaignToppedUp", num("amount"), advertiserOf, none)}
    union all ${onChain("withdrawn", "CampaignWithdrawn", num("amount"), none, none)}
    union all
    select case when ${credits.role} = 'owner' and ${credits.account} = ${lowerTreasury} then 'unownedShare'
                else ${credits.role} end as kind,
           ${credits.amount} as amount, ${credits.epochId}::text as ref, ${credits.epochId} as pos,
           ${epochs.postedAt} as at, null as payer,
           case when ${credits.role} = 'protocol' or ${credits.account} = ${lowerTreasury} then null
                else ${credits.account} end as payee
    from ${credits} join ${epochs} on ${epochs.id} = ${credits.epochId}
    where ${epochs.status} <> 'vetoed' and ${settled}`;
}

/**
 * A period's default end: now, or the newest indexed block or epoch if the chain's clock runs ahead
 * of ours (block times may lead wall time by seconds), so "everything so far" never drops the latest.
 */
export async function periodEnd(db: Db, now: number): Promise<number> {
  const [latest] = rows<{ at: string | null }>(
    // The newest event by its primary key (block, log): block times only grow, and no table scan.
    await db.execute(sql`select greatest((select ${events.blockTimestamp} from ${events}
                                          order by ${events.blockNumber} desc, ${events.logIndex} desc limit 1),
                                         (select max(${epochs.postedAt}) from ${epochs}))::text as at`),
  );
  return Math.max(now, Number(latest?.at ?? 0));
}

/** Rows of a raw `db.execute`, whichever driver answered. */
export const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
