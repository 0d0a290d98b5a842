import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { cellToLatLng, getResolution } from "h3-js";
import type { Tx } from "../db/client.js";
import {
  blocks,
  campaigns,
  campaignTargets,
  claimTotals,
  epochs,
  events,
  plots,
  settings,
} from "../db/schema.js";

/** A stored event row as the projections read it. */
export type EventRow = typeof events.$inferSelect;
type Args = EventRow["args"];

const s = (args: Args, k: string) => String(args[k]);
const n = (args: Args, k: string) => Number(args[k]);
const big = (args: Args, k: string) => BigInt(s(args, k));
const ZERO = "0x0000000000000000000000000000000000000000";
const hex = (cell: bigint) => cell.toString(16);

/** Which key column of `events` each event is projected by; its handler touches only that key's rows. */
export const keyOf = (name: string, args: Args) => {
  if (PLOT_EVENTS.has(name)) return { cell: big(args, name === "Transfer" ? "tokenId" : "cell") };
  if (CAMPAIGN_EVENTS.has(name)) return { campaignId: big(args, "campaignId") };
  if (EPOCH_EVENTS.has(name)) return { epochId: big(args, "epochId") };
  if (name === "Claimed") return { account: s(args, "account") };
  return {};
};

type Handler = (tx: Tx, e: EventRow) => Promise<unknown>;

const plotHandlers: Record<string, Handler> = {
  Transfer: async (tx, e) => {
    const cell = big(e.args, "tokenId");
    const to = s(e.args, "to");
    if (s(e.args, "from") === ZERO) {
      const [lat, lng] = cellToLatLng(hex(cell));
      return tx
        .insert(plots)
        .values({ cell, owner: to, lat, lng, boughtPrice: "0", boughtAt: e.blockTimestamp });
    }
    return tx.update(plots).set({ owner: to }).where(eq(plots.cell, cell));
  },
  PlotBought: (tx, e) =>
    tx
      .update(plots)
      .set({ boughtPrice: s(e.args, "price") })
      .where(eq(plots.cell, big(e.args, "cell"))),
  PlotListed: (tx, e) =>
    tx
      .update(plots)
      .set({
        listingSeller: s(e.args, "seller"),
        listingPrice: s(e.args, "price"),
        listingExpiry: n(e.args, "expiry"),
      })
      .where(eq(plots.cell, big(e.args, "cell"))),
  ListingCancelled: (tx, e) =>
    tx
      .update(plots)
      .set({ listingSeller: null, listingPrice: null, listingExpiry: null })
      .where(eq(plots.cell, big(e.args, "cell"))),
  PlotSold: (tx, e) =>
    tx
      .update(plots)
      .set({
        listingSeller: null,
        listingPrice: null,
        listingExpiry: null,
        lastSalePrice: s(e.args, "price"),
      })
      .where(eq(plots.cell, big(e.args, "cell"))),
};

const campaign = (e: EventRow) => eq(campaigns.id, big(e.args, "campaignId"));
const campaignHandlers: Record<string, Handler> = {
  CampaignCreated: async (tx, e) => {
    const id = big(e.args, "campaignId");
    const targets = e.args.targets as string[];
    const hexTargets = targets.map((t) => hex(BigInt(t)));
    await tx.insert(campaigns).values({
      id,
      advertiser: s(e.args, "advertiser"),
      budget: s(e.args, "budget"),
      spent: "0",
      cpc: s(e.args, "cpc"),
      start: n(e.args, "start"),
      end: n(e.args, "end"),
      paused: false,
      withdrawn: false,
      creativeUri: s(e.args, "creativeURI"),
      targets: hexTargets,
      createdAt: e.blockTimestamp,
    });
    // A campaign may list a cell twice; the contract allows it, the lookup table needs it once.
    const unique = [...new Set(targets)];
    return tx
      .insert(campaignTargets)
      .values(unique.map((t) => ({ campaignId: id, cell: BigInt(t), res: getResolution(hex(BigInt(t))) })));
  },
  CampaignPaused: (tx, e) => tx.update(campaigns).set({ paused: true }).where(campaign(e)),
  CampaignResumed: (tx, e) => tx.update(campaigns).set({ paused: false }).where(campaign(e)),
  CampaignToppedUp: (tx, e) =>
    tx
      .update(campaigns)
      .set({ budget: s(e.args, "budget") })
      .where(campaign(e)),
  CampaignExtended: (tx, e) =>
    tx
      .update(campaigns)
      .set({ end: n(e.args, "end") })
      .where(campaign(e)),
  CampaignEndedEarly: (tx, e) =>
    tx
      .update(campaigns)
      .set({ end: n(e.args, "end") })
      .where(campaign(e)),
  CampaignWithdrawn: (tx, e) =>
    tx
      .update(campaigns)
      .set({ withdrawn: true, budget: sql`${campaigns.spent}` })
      .where(campaign(e)),
  CampaignSpendSettled: (tx, e) =>
    tx
      .update(campaigns)
      .set({ spent: s(e.args, "spent") })
      .where(campaign(e)),
};

const epoch = (e: EventRow) => eq(epochs.id, big(e.args, "epochId"));
const epochHandlers: Record<string, Handler> = {
  EpochPosted: (tx, e) =>
    tx.insert(epochs).values({
      id: big(e.args, "epochId"),
      root: s(e.args, "root"),
      total: s(e.args, "total"),
      cutoff: n(e.args, "cutoff"),
      activatesAt: n(e.args, "activatesAt"),
      status: "pending",
      postedAt: e.blockTimestamp,
      txHash: e.txHash,
    }),
  EpochActivated: (tx, e) => tx.update(epochs).set({ status: "active" }).where(epoch(e)),
  EpochVetoed: (tx, e) => tx.update(epochs).set({ status: "vetoed" }).where(epoch(e)),
};

const claimHandlers: Record<string, Handler> = {
  Claimed: (tx, e) =>
    tx
      .insert(claimTotals)
      .values({ account: s(e.args, "account"), claimed: s(e.args, "cumulative") })
      .onConflictDoUpdate({ target: claimTotals.account, set: { claimed: s(e.args, "cumulative") } }),
};

const SETTING_EVENTS = [
  "PrimaryPriceUpdated",
  "MarketFeeUpdated",
  "TreasuryUpdated",
  "SplitUpdated",
  "MinCpcUpdated",
  "ChallengePeriodUpdated",
];
const settingHandler: Handler = (tx, e) => {
  const key = `${e.contract}.${e.name}`;
  const value = Object.fromEntries(Object.entries(e.args).map(([k, v]) => [k, String(v)]));
  return tx
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } });
};

const PLOT_EVENTS = new Set(Object.keys(plotHandlers));
const CAMPAIGN_EVENTS = new Set(Object.keys(campaignHandlers));
const EPOCH_EVENTS = new Set(Object.keys(epochHandlers));
const handlers: Record<string, Handler> = {
  ...plotHandlers,
  ...campaignHandlers,
  ...epochHandlers,
  ...claimHandlers,
  ...Object.fromEntries(SETTING_EVENTS.map((name) => [name, settingHandler])),
};

/** Applies one stored event to the state tables. Events without a projection are kept as history only. */
export async function applyEvent(tx: Tx, e: EventRow): Promise<void> {
  await handlers[e.name]?.(tx, e);
}

/**
 * Undoes every event above `ancestor`: deletes those events and blocks, then rebuilds exactly the
 * rows they touched by replaying the remaining events for the same keys, in log order.
 */
export async function rollbackTo(tx: Tx, ancestor: bigint): Promise<number> {
  const removed = await tx.delete(events).where(gt(events.blockNumber, ancestor)).returning({
    cell: events.cell,
    campaignId: events.campaignId,
    epochId: events.epochId,
    account: events.account,
    name: events.name,
  });
  await tx.delete(blocks).where(gt(blocks.number, ancestor));
  if (removed.length === 0) return 0;

  const keys = <K extends "cell" | "campaignId" | "epochId" | "account">(k: K) =>
    [...new Set(removed.map((r) => r[k]).filter((v) => v !== null))] as NonNullable<
      (typeof removed)[number][K]
    >[];
  const cells = keys("cell");
  const campaignIds = keys("campaignId");
  const epochIds = keys("epochId");
  const accounts = keys("account");
  const replayOrder = [asc(events.blockNumber), asc(events.logIndex)];

  if (cells.length) {
    await tx.delete(plots).where(inArray(plots.cell, cells));
    const rows = await tx
      .select()
      .from(events)
      .where(and(inArray(events.cell, cells), inArray(events.name, [...PLOT_EVENTS])))
      .orderBy(...replayOrder);
    for (const r of rows) await applyEvent(tx, r);
  }
  if (campaignIds.length) {
    await tx.delete(campaignTargets).where(inArray(campaignTargets.campaignId, campaignIds));
    await tx.delete(campaigns).where(inArray(campaigns.id, campaignIds));
    const rows = await tx
      .select()
      .from(events)
      .where(and(inArray(events.campaignId, campaignIds), inArray(events.name, [...CAMPAIGN_EVENTS])))
      .orderBy(...replayOrder);
    for (const r of rows) await applyEvent(tx, r);
  }
  if (epochIds.length) {
    await tx.delete(epochs).where(inArray(epochs.id, epochIds));
    const rows = await tx
      .select()
      .from(events)
      .where(and(inArray(events.epochId, epochIds), inArray(events.name, [...EPOCH_EVENTS])))
      .orderBy(...replayOrder);
    for (const r of rows) await applyEvent(tx, r);
  }
  if (accounts.length) {
    await tx.delete(claimTotals).where(inArray(claimTotals.account, accounts));
    const rows = await tx
      .select()
      .from(events)
      .where(and(inArray(events.account, accounts), eq(events.name, "Claimed")))
      .orderBy(...replayOrder);
    for (const r of rows) await applyEvent(tx, r);
  }
  if (removed.some((r) => SETTING_EVENTS.includes(r.name))) {
    await tx.delete(settings);
    const rows = await tx
      .select()
      .from(events)
      .where(inArray(events.name, SETTING_EVENTS))
      .orderBy(...replayOrder);
    for (const r of rows) await applyEvent(tx, r);
  }
  return removed.length;
}
