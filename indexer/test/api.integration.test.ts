import { cellToParent, latLngToCell } from "h3-js";
import { maxUint256, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign, CampaignDetail } from "../src/api/schemas/campaigns.js";
import type { Plot, PlotDetail } from "../src/api/schemas/plots.js";
import type { StatusResponse } from "../src/api/schemas/status.js";
import { adMarketAbi, plotsAbi } from "../src/chain/abis.js";
import { blocks } from "../src/db/schema.js";
import { createCampaign, type LocalChain, localChain, localIndexer } from "./support/chain.js";
import { databaseOptions, engines } from "./support/databases.js";
import { dumpState } from "./support/dump.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
const NEAR = [latLngToCell(48.86, 2.29, 7), latLngToCell(48.83, 2.37, 7), latLngToCell(48.88, 2.34, 7)];
const TOKYO = latLngToCell(35.6762, 139.6503, 7);
const id = (cell: string) => BigInt(`0x${cell}`);

let chain: LocalChain;
let campaignStart: number;
let campaignEnd: number;

/** One scenario on the chain: primary buys, a batch, a listing and its sale, a gift, a campaign's life. */
beforeAll(async () => {
  chain = await localChain();
  const [alice, bob, carol] = chain.users as [
    LocalChain["users"][number],
    LocalChain["users"][number],
    LocalChain["users"][number],
  ];
  const plots = { address: chain.deployment.Plots, abi: plotsAbi } as const;
  const market = { address: chain.deployment.AdMarket, abi: adMarketAbi } as const;
  const send = async (w: typeof alice, call: Parameters<typeof alice.writeContract>[0]) =>
    chain.publicClient.waitForTransactionReceipt({ hash: await w.writeContract(call) });

  await send(alice, { ...plots, functionName: "buy", args: [id(PARIS), maxUint256] });
  await send(bob, { ...plots, functionName: "buyBatch", args: [NEAR.map(id), maxUint256] });
  await send(bob, { ...plots, functionName: "buy", args: [id(TOKYO), maxUint256] });
  const expiry = BigInt(Math.floor(Date.now() / 1000) + 7 * 86400);
  await send(alice, { ...plots, functionName: "list", args: [id(PARIS), parseEther("50"), expiry] });
  await send(bob, { ...plots, functionName: "buyListed", args: [id(PARIS), parseEther("50")] });
  await send(bob, {
    ...plots,
    functionName: "transferFrom",
    args: [bob.account.address, carol.account.address, id(NEAR[0] as string)],
  });
  await send(bob, {
    ...plots,
    functionName: "list",
    args: [id(NEAR[2] as string), parseEther("33"), expiry],
  });

  const block = await chain.publicClient.getBlock();
  campaignStart = Number(block.timestamp);
  campaignEnd = campaignStart + 86400;
  await createCampaign(chain, {
    from: alice,
    budget: "100",
    start: campaignStart,
    end: campaignEnd,
    creative: "data:,hello",
    targets: [cellToParent(PARIS, 5)],
  });
  await send(alice, { ...market, functionName: "pauseCampaign", args: [1n] });
  await send(alice, { ...market, functionName: "resumeCampaign", args: [1n] });
  await send(alice, { ...market, functionName: "topUp", args: [1n, parseEther("20")] });
  campaignEnd += 3600;
  await send(alice, { ...market, functionName: "extend", args: [1n, campaignEnd] });
  const now = Number((await chain.publicClient.getBlock()).timestamp);
  await send(chain.deployer, {
    ...market,
    functionName: "postEpoch",
    args: [1n, `0x${"ab".repeat(32)}`, parseEther("2"), now, `0x${"cd".repeat(32)}`, [1n], [parseEther("2")]],
  });
}, 120_000);

afterAll(() => chain?.stop());

describe.each(engines)("indexed API on %s", (engine) => {
  let ix: Awaited<ReturnType<typeof localIndexer>>;
  beforeAll(async () => {
    ix = await localIndexer(chain, await databaseOptions(engine), () => campaignStart + 60);
    await ix.follower.syncOnce();
  });
  afterAll(() => ix?.close());

  it("reports status with no lag and the database kind", async () => {
    const { body } = await ix.get<StatusResponse>("/status");
    expect(body.lag).toBe(0);
    expect(body.database).toBe(engine);
    expect(body.contracts.Plots).toBe(chain.deployment.Plots);
  });

  it("shows the resold plot with its new owner, prices and full history", async () => {
    const bob = chain.users[1]?.account.address.toLowerCase();
    const alice = chain.users[0]?.account.address.toLowerCase();
    const { status, body } = await ix.get<PlotDetail>(`/plots/${PARIS}`);
    expect(status).toBe(200);
    expect(body.owner).toBe(bob);
    // Bought means the current owner's purchase: the resale's price and time, not the mint's.
    expect(body.boughtPrice).toBe(parseEther("50").toString());
    expect(body.boughtAt).toBe(body.history.find((h) => h.kind === "sale")?.timestamp);
    expect(body.lastSalePrice).toBe(parseEther("50").toString());
    expect(body.listing).toBeNull();
    expect(body.activeAds).toBe(1);
    expect(body.place).toMatchObject({ name: "Paris", country: "France", label: "Paris, France" });
    expect(body.history.map((h) => [h.kind, h.from, h.to, h.price])).toEqual([
      ["bought", null, alice, parseEther("10").toString()],
      ["listed", alice, null, parseEther("50").toString()],
      ["sale", alice, bob, parseEther("50").toString()],
    ]);
  });

  it("lists owned plots by account, gifts included, and live listings", async () => {
    const bob = chain.users[1]?.account.address as string;
    const carol = chain.users[2]?.account.address as string;
    const bobs = (await ix.get<{ plots: Plot[] }>(`/accounts/${bob}/plots`)).body.plots
      .map((p) => p.cell)
      .sort();
    expect(bobs).toEqual([PARIS, NEAR[1], NEAR[2], TOKYO].sort());
    const carols = (await ix.get<{ plots: Plot[] }>(`/accounts/${carol}/plots`)).body.plots.map(
      (p) => p.cell,
    );
    expect(carols).toEqual([NEAR[0]]);
    const tokyo = (await ix.get<{ plots: Plot[] }>(`/accounts/${bob}/plots`)).body.plots.find(
      (p) => p.cell === TOKYO,
    );
    expect(tokyo?.place.label).toBe("Tokyo, Japan");
    const listings = (await ix.get<{ listings: Plot[] }>("/listings")).body.listings;
    expect(listings.map((l) => [l.cell, l.listing?.price, l.place.country])).toEqual([
      [NEAR[2], parseEther("33").toString(), "France"],
    ]);
  });

  it("answers bbox and cells queries with ad counts, unowned cells included", async () => {
    const box = await ix.get<{ plots: Plot[] }>("/plots?bbox=2.2,48.8,2.45,48.95");
    expect(box.body.plots.map((p) => p.cell).sort()).toEqual([PARIS, ...NEAR].sort());
    expect(box.body.plots.every((p) => p.activeAds === 1)).toBe(true);
    const unowned = latLngToCell(48.9, 2.5, 7);
    const cells = await ix.get<{ plots: Plot[] }>(`/plots?cells=${TOKYO},${unowned}`);
    expect(cells.body.plots.map((p) => [p.cell, p.owner !== null, p.activeAds, p.place.country])).toEqual([
      [TOKYO, true, 0, "Japan"],
      [unowned, false, cellToParent(unowned, 5) === cellToParent(PARIS, 5) ? 1 : 0, "France"],
    ]);
  });

  it("counts owned plots per coarse cell for the world view", async () => {
    const { body } = await ix.get<{ cells: { cell: string; owned: number }[] }>("/plots/summary?res=3");
    const byCell = Object.fromEntries(body.cells.map((c) => [c.cell, c.owned]));
    expect(byCell[cellToParent(PARIS, 3)]).toBe(4);
    expect(byCell[cellToParent(TOKYO, 3)]).toBe(1);
  });

  it("tracks the campaign's whole lifecycle", async () => {
    const { body } = await ix.get<CampaignDetail>("/campaigns/1");
    expect(body).toMatchObject({
      advertiser: chain.users[0]?.account.address.toLowerCase(),
      budget: parseEther("120").toString(),
      spent: parseEther("2").toString(),
      cpc: parseEther("1").toString(),
      start: campaignStart,
      end: campaignEnd,
      paused: false,
      status: "active",
      targets: [cellToParent(PARIS, 5)],
    });
    expect(body.places).toHaveLength(1);
    expect(body.places[0]).toMatch(/, France$/);
    expect(body.history.map((h) => h.event)).toEqual([
      "CampaignCreated",
      "CampaignPaused",
      "CampaignResumed",
      "CampaignToppedUp",
      "CampaignExtended",
      "CampaignSpendSettled",
    ]);
    const byCell = await ix.get<{ campaigns: Campaign[] }>(`/campaigns?cell=${NEAR[1]}`);
    expect(byCell.body.campaigns.map((c) => c.id)).toEqual(["1"]);
    const none = await ix.get<{ campaigns: Campaign[] }>(`/campaigns?cell=${TOKYO}`);
    expect(none.body.campaigns).toEqual([]);
    const epochs = await ix.get<{ epochs: { id: string; status: string; total: string }[] }>("/epochs");
    expect(epochs.body.epochs).toMatchObject([
      { id: "1", status: "active", total: parseEther("2").toString() },
    ]);
  });

  it("applies nothing twice when the same blocks are read again", async () => {
    const before = await dumpState(ix.database.db);
    await ix.database.db.delete(blocks);
    await ix.follower.syncOnce();
    expect(await dumpState(ix.database.db)).toEqual(before);
  });
});
