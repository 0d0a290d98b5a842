import { latLngToCell } from "h3-js";
import { describe, expect, it } from "vitest";
import { dumpState } from "../../test/support/dump.js";
import { openDatabase } from "../db/client.js";
import { applyEvents, type EventRow, insertNewEvents, rollbackTo, toEventRow } from "./apply.js";

const ZERO = "0x0000000000000000000000000000000000000000";
const alice = "0x00000000000000000000000000000000000000a1";
const bob = "0x00000000000000000000000000000000000000b0";
const carol = "0x00000000000000000000000000000000000000c0";
const cellA = BigInt(`0x${latLngToCell(48.85, 2.35, 7)}`).toString();
const cellB = BigInt(`0x${latLngToCell(48.9, 2.35, 7)}`).toString();
const city = BigInt(`0x${latLngToCell(48.85, 2.35, 5)}`).toString();

type Args = EventRow["args"];
/** A log of every kind the projections handle, several touching the same rows, in log order. */
const log: [string, Args][] = [
  ["SplitUpdated", { viewerBps: 6000, ownerBps: 3000, protocolBps: 1000 }],
  ["Transfer", { from: ZERO, to: alice, tokenId: cellA }],
  ["PlotBought", { cell: cellA, buyer: alice, price: "10" }],
  ["Transfer", { from: ZERO, to: alice, tokenId: cellB }],
  ["PlotBought", { cell: cellB, buyer: alice, price: "10" }],
  ["PlotListed", { cell: cellA, seller: alice, price: "25", expiry: 2_000_000_000 }],
  ["OfferMade", { cell: cellA, buyer: carol, seller: alice, amount: "20", expiry: 2_000_000_000 }],
  ["OfferMade", { cell: cellB, buyer: bob, seller: alice, amount: "5", expiry: 2_000_000_000 }],
  ["OfferMade", { cell: cellB, buyer: carol, seller: alice, amount: "6", expiry: 2_000_000_000 }],
  ["OfferMade", { cell: cellB, buyer: bob, seller: alice, amount: "8", expiry: 2_000_000_001 }], // raised
  ["OfferCancelled", { cell: cellB, buyer: carol, amount: "6" }],
  ["PlotListed", { cell: cellB, seller: alice, price: "30", expiry: 2_000_000_000 }],
  ["ListingCancelled", { cell: cellB }],
  ["PlotSold", { cell: cellA, seller: alice, buyer: bob, price: "25" }],
  ["Transfer", { from: alice, to: bob, tokenId: cellA }],
  ["OfferAccepted", { cell: cellB, seller: alice, buyer: bob, amount: "8", fee: "0" }],
  ["OfferWithdrawn", { cell: cellA, buyer: carol, amount: "20" }], // dead: alice sold cell A
  ["OfferMade", { cell: cellA, buyer: carol, seller: bob, amount: "21", expiry: 2_000_000_000 }], // anew, to bob
  ["PlotListed", { cell: "123", seller: bob, price: "1", expiry: 1 }], // no such plot: changes nothing
  [
    "CampaignCreated",
    {
      campaignId: "1",
      advertiser: alice,
      budget: "100",
      cpc: "1",
      start: 10,
      end: 20,
      creativeURI: "data:,a",
      targets: [city, city],
    },
  ],
  ["CampaignPaused", { campaignId: "1" }],
  ["CampaignToppedUp", { campaignId: "1", budget: "150" }],
  ["CampaignResumed", { campaignId: "1" }],
  ["CampaignExtended", { campaignId: "1", end: 30 }],
  ["CampaignDeliveryUpdated", { campaignId: "1", dailyBudget: "5", daysMask: 62, hoursMask: 130816 }],
  ["CreativeUpdated", { campaignId: "1", creativeURI: "data:,b" }],
  ["CampaignSpendSettled", { campaignId: "1", spent: "7" }],
  ["CampaignEndedEarly", { campaignId: "1", end: 25 }],
  ["CampaignWithdrawn", { campaignId: "1" }],
  ["EpochPosted", { epochId: "1", root: "0x01", total: "7", cutoff: 5, activatesAt: 6 }],
  ["EpochActivated", { epochId: "1" }],
  ["EpochPosted", { epochId: "2", root: "0x02", total: "9", cutoff: 7, activatesAt: 8 }],
  ["EpochVetoed", { epochId: "2" }],
  ["Claimed", { account: alice, amount: "3", cumulative: "3" }],
  ["Claimed", { account: alice, amount: "2", cumulative: "5" }],
  ["SplitUpdated", { viewerBps: 5000, ownerBps: 4000, protocolBps: 1000 }],
];
const rows = log.map(([name, args], i) =>
  toEventRow(
    {
      blockNumber: BigInt(100 + i),
      blockHash: "0x00",
      logIndex: 0,
      txHash: `0x${i}`,
      contract:
        name.startsWith("Plot") ||
        name.startsWith("Offer") ||
        name === "Transfer" ||
        name === "ListingCancelled"
          ? "Plots"
          : "AdMarket",
      name,
      args,
    },
    1_700_000_000 + i,
  ),
);

async function project(batches: EventRow[][]) {
  const { db, close } = await openDatabase({ dataDir: "memory://" });
  for (const batch of batches) {
    await db.transaction(async (tx) => applyEvents(tx, await insertNewEvents(tx, batch)));
  }
  const state = await dumpState(db);
  await close();
  return state;
}

describe("applyEvents", () => {
  it("gives the same tables for the whole log in one batch as for one event per batch", async () => {
    const oneBatch = await project([rows]);
    expect(oneBatch).toEqual(await project(rows.map((r) => [r])));
    // The fold really ran: later events saw earlier ones within the batch.
    const plot = (cell: string) => oneBatch.plots.find((p) => p.cell === BigInt(cell));
    const [a, b] = [plot(cellA), plot(cellB)];
    // Bob bought cell A from Alice for 25: his purchase, not her mint at 10, is the plot's bought price.
    expect(a).toMatchObject({ owner: bob, boughtPrice: "25", lastSalePrice: "25", listingSeller: null });
    expect(b).toMatchObject({ owner: alice, listingPrice: null });
    // Offers: the latest per buyer and plot, with how it ended; a raise keeps when it was first made.
    const offer = (cell: string, buyer: string) =>
      oneBatch.offers.find((o) => o.cell === BigInt(cell) && o.buyer === buyer);
    expect(offer(cellB, bob)).toMatchObject({ amount: "8", status: "accepted", expiry: 2_000_000_001 });
    expect(offer(cellB, bob)?.madeAt).toBeLessThan(offer(cellB, bob)?.updatedAt ?? 0);
    expect(offer(cellB, carol)).toMatchObject({ amount: "6", status: "cancelled" });
    expect(offer(cellA, carol)).toMatchObject({ amount: "21", seller: bob, status: "open" });
    expect(oneBatch.offers).toHaveLength(3);
    expect(oneBatch.campaigns[0]).toMatchObject({
      budget: "7",
      spent: "7",
      end: 25,
      paused: false,
      withdrawn: true,
    });
    expect(oneBatch.campaignTargets).toHaveLength(1);
    expect(oneBatch.epochs.map((e) => e.status)).toEqual(["active", "vetoed"]);
    expect(oneBatch.claimTotals).toEqual([{ account: alice, claimed: "5" }]);
    expect(oneBatch.settings[0]?.value).toEqual({ viewerBps: "5000", ownerBps: "4000", protocolBps: "1000" });
  });

  it("rolls back to the same tables as indexing only the kept events", async () => {
    // Undoes the accept, the withdrawal and the new offer; keeps the raise and the cancel before them.
    const keep = rows.findIndex((r) => r.name === "OfferAccepted");
    const { db, close } = await openDatabase({ dataDir: "memory://" });
    await db.transaction(async (tx) => applyEvents(tx, await insertNewEvents(tx, rows)));
    await db.transaction(async (tx) => rollbackTo(tx, BigInt(100 + keep - 1)));
    const rolledBack = await dumpState(db);
    await close();
    expect(rolledBack.offers.find((o) => o.status === "accepted")).toBeUndefined();
    expect(rolledBack).toEqual(await project([rows.slice(0, keep)]));
  }, 120_000);

  it("stores and applies a replayed batch once", async () => {
    expect(await project([rows, rows])).toEqual(await project([rows]));
  });

  it("fails a batch that mints a plot already stored, as the plain INSERT did", async () => {
    const { db, close } = await openDatabase({ dataDir: "memory://" });
    const mint = rows[1] as EventRow;
    await db.transaction(async (tx) => applyEvents(tx, await insertNewEvents(tx, [mint])));
    const again = { ...mint, blockNumber: 999n };
    await expect(
      db.transaction(async (tx) => applyEvents(tx, await insertNewEvents(tx, [again]))),
    ).rejects.toThrow();
    await close();
  });
});
