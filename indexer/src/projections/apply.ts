import { and, asc, eq, gt, inArray, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DecodedEvent } from "../chain/decode.js";
import type { Tx } from "../db/client.js";
import {
  blocks,
  campaigns,
  campaignTargets,
  claimTotals,
  epochs,
  events,
  offers,
  plots,
  settings,
} from "../db/schema.js";
import {
  BatchState,
  CAMPAIGN_EVENTS,
  type CampaignRow,
  EPOCH_EVENTS,
  type EpochRow,
  type EventRow,
  OFFER_EVENTS,
  type OfferRow,
  offerKey,
  PLOT_EVENTS,
  type PlotRow,
  ZERO_ADDRESS,
} from "./batchState.js";
import { insertRows, selectByKeys } from "./bulkRows.js";
import { SETTING_EVENTS } from "./settings.js";

export type { EventRow } from "./batchState.js";

type EventKey = Pick<EventRow, "cell" | "campaignId" | "epochId" | "account">;

/** The key column an event is projected by: its handler touches only that key's rows. */
function keyOf(e: DecodedEvent): EventKey {
  const none: EventKey = { cell: null, campaignId: null, epochId: null, account: null };
  const big = (k: string) => BigInt(String(e.args[k]));
  if (PLOT_EVENTS.has(e.name) || OFFER_EVENTS.has(e.name))
    return { ...none, cell: big(e.name === "Transfer" ? "tokenId" : "cell") };
  if (CAMPAIGN_EVENTS.has(e.name)) return { ...none, campaignId: big("campaignId") };
  if (EPOCH_EVENTS.has(e.name)) return { ...none, epochId: big("epochId") };
  if (e.name === "Claimed") return { ...none, account: String(e.args.account) };
  return none;
}

/** The stored form of a decoded log. */
export function toEventRow(e: DecodedEvent, blockTimestamp: number): EventRow {
  const { blockNumber, logIndex, txHash, contract, name, args } = e;
  return { blockNumber, logIndex, blockTimestamp, txHash, contract, name, args, ...keyOf(e) };
}

/**
 * Stores the events not stored before and returns exactly those, in log order: the
 * (block, log index) key makes a replayed log a no-op.
 */
export async function insertNewEvents(tx: Tx, rows: EventRow[]): Promise<EventRow[]> {
  const inserted = await insertRows(tx, events, rows, {
    onConflict: { target: [events.blockNumber, events.logIndex], action: "skip" },
    returning: [events.blockNumber, events.logIndex],
  });
  const fresh = new Set(inserted.map((r) => `${r.block_number}:${r.log_index}`));
  return rows
    .filter((r) => fresh.has(`${r.blockNumber}:${r.logIndex}`))
    .sort((a, b) =>
      a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
    );
}

/**
 * Writes one table's rows of the batch: rows the batch created are plainly INSERTed (a key already
 * stored fails, as the per-event INSERT did), rows it read and changed are written back whole.
 */
async function writeBack<K, R extends object>(
  tx: Tx,
  table: PgTable,
  target: PgColumn,
  rows: Map<K, R>,
  stored: Set<K>,
): Promise<void> {
  const created: R[] = [];
  const changed: R[] = [];
  for (const [key, row] of rows) (stored.has(key) ? changed : created).push(row);
  await insertRows(tx, table, created);
  await insertRows(tx, table, changed, { onConflict: { target: [target], action: "replace" } });
}

/**
 * Applies stored events (in log order) to the state tables with a few statements per table,
 * whatever the number of events: the rows they touch are read once, folded in memory
 * (`BatchState`), and written back in multi-row statements. Same result as one statement per event.
 */
export async function applyEvents(tx: Tx, rows: EventRow[]): Promise<number> {
  const state = new BatchState();
  // A plot whose first event here is its mint cannot be stored yet (if it were, inserting it
  // fails as the mint's own INSERT did): only the other plots are read.
  const firstIsMint = new Map<bigint, boolean>();
  for (const r of rows) {
    if (r.cell !== null && !firstIsMint.has(r.cell))
      firstIsMint.set(r.cell, r.name === "Transfer" && r.args.from === ZERO_ADDRESS);
  }
  const plotKeys = [...firstIsMint].filter(([, mint]) => !mint).map(([cell]) => cell);
  for (const p of await selectByKeys<PlotRow>(tx, plots, plots.cell, plotKeys)) state.plots.set(p.cell, p);
  const offerCells = rows.filter((r) => OFFER_EVENTS.has(r.name)).map((r) => r.cell);
  for (const o of await selectByKeys<OfferRow>(tx, offers, offers.cell, offerCells)) {
    state.offers.set(offerKey(o.cell, o.buyer), o);
  }
  const campaignKeys = rows.filter((r) => r.campaignId !== null).map((r) => r.campaignId);
  for (const c of await selectByKeys<CampaignRow>(tx, campaigns, campaigns.id, campaignKeys)) {
    state.campaigns.set(c.id, c);
  }
  const epochKeys = rows.filter((r) => r.epochId !== null).map((r) => r.epochId);
  for (const e of await selectByKeys<EpochRow>(tx, epochs, epochs.id, epochKeys)) state.epochs.set(e.id, e);
  // Keys stored before the fold: their rows are written back, every other row is new.
  const stored = {
    plots: new Set(state.plots.keys()),
    campaigns: new Set(state.campaigns.keys()),
    epochs: new Set(state.epochs.keys()),
  };

  for (const r of rows) state.apply(r);

  await writeBack(tx, plots, plots.cell, state.plots, stored.plots);
  // Unchanged offers are rewritten as they were: one upsert, whichever of them the batch touched.
  await insertRows(tx, offers, [...state.offers.values()], {
    onConflict: { target: [offers.cell, offers.buyer], action: "replace" },
  });
  await writeBack(tx, campaigns, campaigns.id, state.campaigns, stored.campaigns);
  await insertRows(tx, campaignTargets, state.newTargets);
  await writeBack(tx, epochs, epochs.id, state.epochs, stored.epochs);
  const claimed = [...state.claims].map(([account, claimed]) => ({ account, claimed }));
  await insertRows(tx, claimTotals, claimed, {
    onConflict: { target: [claimTotals.account], action: "replace" },
  });
  const values = [...state.settings].map(([key, value]) => ({ key, value }));
  await insertRows(tx, settings, values, { onConflict: { target: [settings.key], action: "replace" } });
  return rows.length;
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
  const replay: EventRow[] = [];
  const remaining = (where: SQL | undefined) =>
    tx
      .select()
      .from(events)
      .where(where)
      .orderBy(asc(events.blockNumber), asc(events.logIndex))
      .then((rows) => replay.push(...rows));

  if (cells.length) {
    await tx.delete(plots).where(inArray(plots.cell, cells));
    await tx.delete(offers).where(inArray(offers.cell, cells));
    await remaining(
      and(inArray(events.cell, cells), inArray(events.name, [...PLOT_EVENTS, ...OFFER_EVENTS])),
    );
  }
  if (campaignIds.length) {
    await tx.delete(campaignTargets).where(inArray(campaignTargets.campaignId, campaignIds));
    await tx.delete(campaigns).where(inArray(campaigns.id, campaignIds));
    await remaining(and(inArray(events.campaignId, campaignIds), inArray(events.name, [...CAMPAIGN_EVENTS])));
  }
  if (epochIds.length) {
    await tx.delete(epochs).where(inArray(epochs.id, epochIds));
    await remaining(and(inArray(events.epochId, epochIds), inArray(events.name, [...EPOCH_EVENTS])));
  }
  if (accounts.length) {
    await tx.delete(claimTotals).where(inArray(claimTotals.account, accounts));
    await remaining(and(inArray(events.account, accounts), eq(events.name, "Claimed")));
  }
  if (removed.some((r) => SETTING_EVENTS.includes(r.name))) {
    await tx.delete(settings);
    await remaining(inArray(events.name, SETTING_EVENTS));
  }
  // Each table's rows depend only on that table's events, so one merged log order replays them all.
  replay.sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );
  await applyEvents(tx, replay);
  return removed.length;
}
