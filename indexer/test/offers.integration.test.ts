import { latLngToCell } from "h3-js";
import { maxUint256, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountOffers, PlotOffers } from "../src/api/schemas/offers.js";
import type { PlotDetail } from "../src/api/schemas/plots.js";
import { plotsAbi } from "../src/chain/abis.js";
import { type LocalChain, localChain, localIndexer } from "./support/chain.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
const LYON = latLngToCell(45.764, 4.8357, 7);
const NICE = latLngToCell(43.7102, 7.262, 7);
const id = (cell: string) => BigInt(`0x${cell}`);
const hxa = (n: string) => parseEther(n).toString();

let chain: LocalChain;
let alice: string;
let bob: string;
let carol: string;

/** Offers on chain: one accepted, one open, one cancelled, one killed by a transfer. */
beforeAll(async () => {
  chain = await localChain();
  const [a, b, c] = chain.users as [
    LocalChain["users"][number],
    LocalChain["users"][number],
    LocalChain["users"][number],
  ];
  [alice, bob, carol] = [a, b, c].map((u) => u.account.address.toLowerCase()) as [string, string, string];
  const plots = { address: chain.deployment.Plots, abi: plotsAbi } as const;
  const send = async (w: typeof a, call: Parameters<typeof a.writeContract>[0]) =>
    chain.publicClient.waitForTransactionReceipt({ hash: await w.writeContract(call) });
  const expiry = BigInt(Math.floor(Date.now() / 1000) + 7 * 86400);

  await send(a, { ...plots, functionName: "buyBatch", args: [[PARIS, LYON, NICE].map(id), maxUint256] });
  // Lyon: bob offers 12, raises to 20; alice accepts, asking at least what she was shown.
  await send(b, { ...plots, functionName: "makeOffer", args: [id(LYON), parseEther("12"), expiry] });
  await send(b, { ...plots, functionName: "makeOffer", args: [id(LYON), parseEther("20"), expiry] });
  await send(a, {
    ...plots,
    functionName: "acceptOffer",
    args: [id(LYON), b.account.address, parseEther("19.5")],
  });
  // Paris: carol's offer stays open; bob's is cancelled.
  await send(c, { ...plots, functionName: "makeOffer", args: [id(PARIS), parseEther("40"), expiry] });
  await send(b, { ...plots, functionName: "makeOffer", args: [id(PARIS), parseEther("30"), expiry] });
  await send(b, { ...plots, functionName: "cancelOffer", args: [id(PARIS)] });
  // Nice: carol's offer to alice dies when alice gives the plot to bob.
  await send(c, { ...plots, functionName: "makeOffer", args: [id(NICE), parseEther("9"), expiry] });
  await send(a, {
    ...plots,
    functionName: "transferFrom",
    args: [a.account.address, b.account.address, id(NICE)],
  });
}, 120_000);

afterAll(() => chain?.stop());

describe("offers through the indexer", () => {
  let ix: Awaited<ReturnType<typeof localIndexer>>;
  beforeAll(async () => {
    ix = await localIndexer(chain, { dataDir: "memory://" });
    await ix.follower.syncOnce();
  }, 120_000);
  afterAll(() => ix?.close());

  it("shows a plot's open offers with the fee and what the owner would receive", async () => {
    const { status, body } = await ix.get<PlotOffers>(`/plots/${PARIS}/offers`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ cell: PARIS, owner: alice, feeBps: 250 });
    expect(body.offers.map((o) => [o.buyer, o.amount, o.status, o.acceptable, o.fee, o.proceeds])).toEqual([
      [carol, hxa("40"), "open", true, hxa("1"), hxa("39")],
    ]);
    const all = await ix.get<PlotOffers>(`/plots/${PARIS}/offers?status=all`);
    expect(all.body.offers.map((o) => [o.buyer, o.status])).toEqual([
      [carol, "open"],
      [bob, "cancelled"],
    ]);
  });

  it("records an accepted offer as the plot's sale", async () => {
    const plot = await ix.get<PlotDetail>(`/plots/${LYON}`);
    expect(plot.body.owner).toBe(bob);
    expect(plot.body.lastSalePrice).toBe(hxa("20"));
    expect(plot.body.history.map((h) => h.kind)).toEqual(["bought", "sale"]);
    const offers = await ix.get<PlotOffers>(`/plots/${LYON}/offers?status=all`);
    expect(offers.body.offers).toMatchObject([{ buyer: bob, amount: hxa("20"), status: "accepted" }]);
  });

  it("shows a dead offer as open (its HXA is still escrowed) but not acceptable", async () => {
    const { body } = await ix.get<PlotOffers>(`/plots/${NICE}/offers`);
    expect(body.owner).toBe(bob);
    expect(body.offers).toMatchObject([{ buyer: carol, seller: alice, status: "open", acceptable: false }]);
  });

  it("lists an account's offers made and received", async () => {
    const bobs = (await ix.get<AccountOffers>(`/accounts/${bob}/offers`)).body;
    expect(bobs.made.map((o) => [o.cell, o.status]).sort()).toEqual(
      [
        [LYON, "accepted"],
        [PARIS, "cancelled"],
      ].sort(),
    );
    // Carol's offer on Nice was made to alice: bob owns Nice now but never received it.
    expect(bobs.received).toEqual([]);
    const alices = (await ix.get<AccountOffers>(`/accounts/${alice}/offers`)).body;
    expect(alices.received.map((o) => [o.cell, o.buyer, o.amount])).toEqual([[PARIS, carol, hxa("40")]]);
    const carols = (await ix.get<AccountOffers>(`/accounts/${carol}/offers`)).body;
    expect(carols.made.map((o) => [o.cell, o.acceptable]).sort()).toEqual(
      [
        [NICE, false],
        [PARIS, true],
      ].sort(),
    );
  });

  it("answers 404 for a plot nobody bought and 400 for a bad status", async () => {
    const unowned = latLngToCell(48.9, 2.5, 7);
    expect((await ix.get(`/plots/${unowned}/offers`)).status).toBe(404);
    expect((await ix.get(`/plots/${PARIS}/offers?status=live`)).status).toBe(400);
  });
});
