import { latLngToCell } from "h3-js";
import { maxUint256, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Listings, MarketStats } from "../src/api/schemas/market.js";
import { plotsAbi } from "../src/chain/abis.js";
import { type LocalChain, localChain, localIndexer } from "./support/chain.js";
import { databaseOptions, engines } from "./support/databases.js";

// Four plots in Paris, one in Lyon and one in Tokyo; prices and expiries differ so that every
// sort gives a different order.
const PARIS = latLngToCell(48.8566, 2.3522, 7);
const MONTMARTRE = latLngToCell(48.8867, 2.3431, 7);
const VINCENNES = latLngToCell(48.8474, 2.4392, 7);
const VERSAILLES = latLngToCell(48.8049, 2.1204, 7);
const LYON = latLngToCell(45.764, 4.8357, 7);
const TOKYO = latLngToCell(35.6762, 139.6503, 7);
const id = (cell: string) => BigInt(`0x${cell}`);
const hxa = (n: string) => parseEther(n).toString();
const DAY = 86_400;

let chain: LocalChain;
let t0: number;

beforeAll(async () => {
  chain = await localChain();
  const [alice, bob, carol] = chain.users as [
    LocalChain["users"][number],
    LocalChain["users"][number],
    LocalChain["users"][number],
  ];
  const plots = { address: chain.deployment.Plots, abi: plotsAbi } as const;
  const send = async (w: typeof alice, call: Parameters<typeof alice.writeContract>[0]) =>
    chain.publicClient.waitForTransactionReceipt({ hash: await w.writeContract(call) });
  const list = (cell: string, price: string, days: number) =>
    send(alice, {
      ...plots,
      functionName: "list",
      args: [id(cell), parseEther(price), BigInt(t0 + days * DAY)],
    });
  t0 = Number((await chain.publicClient.getBlock()).timestamp);

  const all = [PARIS, MONTMARTRE, VINCENNES, VERSAILLES, LYON, TOKYO];
  await send(alice, { ...plots, functionName: "buyBatch", args: [all.map(id), maxUint256] });
  // Resales: Lyon sold at its listing price, Versailles through an accepted offer.
  await list(LYON, "70", 3);
  await send(bob, { ...plots, functionName: "buyListed", args: [id(LYON), parseEther("70")] });
  await send(carol, {
    ...plots,
    functionName: "makeOffer",
    args: [id(VERSAILLES), parseEther("15"), BigInt(t0 + 5 * DAY)],
  });
  await send(alice, {
    ...plots,
    functionName: "acceptOffer",
    args: [id(VERSAILLES), carol.account.address, 0n],
  });
  // Live listings (listed in this order): Paris 40 for 10 days, Montmartre 25 for 2 days,
  // Tokyo 90 for 5 days, Vincennes 60 for 1 day; Vincennes is then relisted last at 55.
  await list(PARIS, "40", 10);
  await list(MONTMARTRE, "25", 2);
  await list(TOKYO, "90", 5);
  await list(VINCENNES, "60", 1);
  await list(VINCENNES, "55", 1);
  // A cancelled listing is not for sale.
  await send(carol, {
    ...plots,
    functionName: "list",
    args: [id(VERSAILLES), parseEther("1"), BigInt(t0 + DAY)],
  });
  await send(carol, { ...plots, functionName: "cancel", args: [id(VERSAILLES)] });
}, 120_000);

afterAll(() => chain?.stop());

describe.each(engines)("the plot market on %s", (engine) => {
  let ix: Awaited<ReturnType<typeof localIndexer>>;
  let now = 0;
  beforeAll(async () => {
    now = t0 + 60;
    ix = await localIndexer(chain, await databaseOptions(engine), () => now);
    await ix.follower.syncOnce();
  }, 120_000);
  afterAll(() => ix?.close());

  const cells = async (query: string) => {
    const { status, body } = await ix.get<Listings>(`/listings${query}`);
    expect(status, JSON.stringify(body)).toBe(200);
    return body.listings.map((l) => l.cell);
  };

  it("sorts live listings by price, listing time and expiry", async () => {
    expect(await cells("")).toEqual([VINCENNES, TOKYO, MONTMARTRE, PARIS]);
    expect(await cells("?sort=price_asc")).toEqual([MONTMARTRE, PARIS, VINCENNES, TOKYO]);
    expect(await cells("?sort=price_desc")).toEqual([TOKYO, VINCENNES, PARIS, MONTMARTRE]);
    expect(await cells("?sort=expiring")).toEqual([VINCENNES, MONTMARTRE, TOKYO, PARIS]);
  });

  it("serves each listing with its price, expiry, place and listing time", async () => {
    const { body } = await ix.get<Listings>("/listings?sort=price_asc&limit=1");
    expect(body.total).toBe(4);
    const [first] = body.listings;
    expect(first?.listing).toMatchObject({ price: hxa("25"), expiry: t0 + 2 * DAY });
    expect(first?.place.name).toBe("Paris");
    expect(first?.listedAt).toBeGreaterThanOrEqual(t0);
    const relisted = (await ix.get<Listings>("/listings")).body.listings[0];
    expect(relisted?.listing?.price).toBe(hxa("55"));
    expect(relisted?.listedAt).toBeGreaterThanOrEqual(first?.listedAt as number);
  });

  it("pages with limit and offset, counting every match", async () => {
    const { body } = await ix.get<Listings>("/listings?sort=price_asc&limit=2&offset=1");
    expect(body.listings.map((l) => l.cell)).toEqual([PARIS, VINCENNES]);
    expect(body.total).toBe(4);
    expect((await ix.get<Listings>("/listings?offset=10")).body).toEqual({ listings: [], total: 4 });
  });

  it("filters by area: a bbox, or a centre and radius", async () => {
    expect(await cells("?bbox=2.2,48.8,2.5,48.95&sort=price_asc")).toEqual([MONTMARTRE, PARIS, VINCENNES]);
    // Montmartre is 3.4 km from the centre of Paris, Vincennes 6.5 km.
    expect(await cells("?near=48.8566,2.3522&radiusKm=5&sort=price_asc")).toEqual([MONTMARTRE, PARIS]);
    expect(await cells("?near=48.8566,2.3522&radiusKm=2")).toEqual([PARIS]);
    expect(await cells("?near=35.6762,139.6503&radiusKm=1")).toEqual([TOKYO]);
    // A box across the antimeridian holds none of them.
    expect(await cells("?bbox=179,-5,-179,5")).toEqual([]);
  });

  it("filters by price and expiry, bounds included for price", async () => {
    expect(await cells(`?minPrice=${hxa("40")}&maxPrice=${hxa("60")}&sort=price_asc`)).toEqual([
      PARIS,
      VINCENNES,
    ]);
    expect(await cells(`?maxPrice=${hxa("25")}`)).toEqual([MONTMARTRE]);
    expect(await cells(`?expiresBefore=${t0 + 3 * DAY}&sort=expiring`)).toEqual([VINCENNES, MONTMARTRE]);
    expect(await cells(`?expiresAfter=${t0 + 3 * DAY}&sort=expiring`)).toEqual([TOKYO, PARIS]);
  });

  it("drops listings once their expiry has passed", async () => {
    now = t0 + DAY; // the last second Vincennes can be bought
    expect(await cells("?sort=expiring")).toEqual([VINCENNES, MONTMARTRE, TOKYO, PARIS]);
    now = t0 + 3 * DAY;
    expect(await cells("?sort=expiring")).toEqual([TOKYO, PARIS]);
    const stats = await ix.get<MarketStats>("/market/stats");
    expect(stats.body).toMatchObject({ floor: hxa("40"), floorCell: PARIS, listed: 2 });
    now = t0 + 60;
  });

  it("gives an area's floor, listing count and resales, oldest first", async () => {
    const paris = await ix.get<MarketStats>("/market/stats?bbox=2.0,48.7,2.5,49.0");
    expect(paris.status).toBe(200);
    expect(paris.body).toMatchObject({ floor: hxa("25"), floorCell: MONTMARTRE, listed: 3 });
    expect(paris.body.sales.map((s) => [s.cell, s.price])).toEqual([[VERSAILLES, hxa("15")]]);
    const all = await ix.get<MarketStats>("/market/stats");
    expect(all.body.listed).toBe(4);
    expect(all.body.sales.map((s) => [s.cell, s.price])).toEqual([
      [LYON, hxa("70")],
      [VERSAILLES, hxa("15")],
    ]);
    expect(all.body.sales[0]?.timestamp).toBeLessThanOrEqual(all.body.sales[1]?.timestamp as number);
    const lyon = await ix.get<MarketStats>("/market/stats?near=45.764,4.8357&radiusKm=10");
    expect(lyon.body).toMatchObject({ floor: null, floorCell: null, listed: 0 });
    expect(lyon.body.sales.map((s) => s.price)).toEqual([hxa("70")]);
  });

  it("answers 400 to bad filters", async () => {
    for (const query of [
      "?sort=cheap",
      "?minPrice=1.5",
      "?minPrice=-1",
      `?minPrice=${"9".repeat(79)}`,
      `?minPrice=${hxa("2")}&maxPrice=${hxa("1")}`,
      "?near=48.8,2.3",
      "?radiusKm=5",
      "?near=48.8,2.3&radiusKm=501",
      "?near=91,2&radiusKm=5",
      "?near=48.8&radiusKm=5",
      "?bbox=2,48,3,49&near=48.8,2.3&radiusKm=5",
      "?expiresBefore=soon",
      "?limit=0",
    ]) {
      const res = await ix.get<{ error: { code: string } }>(`/listings${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("invalid_input");
    }
    expect((await ix.get("/market/stats?radiusKm=3")).status).toBe(400);
  });
});
