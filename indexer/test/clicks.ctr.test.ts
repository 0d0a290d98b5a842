// The campaign-level pattern rule on both databases: at settlement, a cell or an hour whose
// click-through rate is far above the campaign's other cells or hours has its unsettled clicks
// withheld (rejected with ctr_outlier: no credit, no spend), and the other clicks are settled.
import { eq, sql } from "drizzle-orm";
import { cellToChildren, cellToParent, latLngToCell } from "h3-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignSpend, clicks, credits } from "../src/db/schema.js";
import { createCampaign, type LocalChain, localChain } from "./support/chain.js";
import { databaseOptions, engines } from "./support/databases.js";
import { chainTimeTo, type MoneyIndexer, moneyIndexer, newViewer, type Viewer } from "./support/money.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
/** 19 cells of the campaigns' area: the farm's cell and 18 honest ones. */
const [FARM, ...AROUND] = cellToChildren(cellToParent(PARIS, 5), 7).slice(0, 19) as [string, ...string[]];

describe.each(engines)("ctr_outlier on %s", (engine) => {
  let chain: LocalChain;
  let ix: MoneyIndexer;
  const clock = { now: 0 };

  const campaign = async () => {
    const id = await createCampaign(chain, {
      budget: "1000",
      start: clock.now - 1,
      end: clock.now + 7 * 86_400,
      creative: "data:,ctr",
      targets: [cellToParent(PARIS, 5)],
    });
    await ix.follower.syncOnce();
    return id.toString();
  };
  /** A new viewer is shown `campaignId`'s ad in `cell`; `click` posts its click a second later. */
  const shown = async (campaignId: string, cell: string) => {
    const v = newViewer();
    const ads = await ix.ads(cell, await ix.openSession(v));
    const ad = ads.find((a) => a.campaignId === campaignId);
    if (!ad) throw new Error("the campaign's ad was not served");
    return { v, token: ad.token };
  };
  const click = async ({ v, token }: { v: Viewer; token: string }, ip?: string) => {
    clock.now += 1;
    const res = await ix.click(v, token, ip);
    expect(res.status).toBe(201);
    return res;
  };
  const settle = async () => {
    clock.now += 1;
    await chainTimeTo(chain, clock.now);
    expect(await ix.settler.tick()).toBeDefined();
  };
  const reasons = async (campaignId: string) =>
    (
      await ix.db
        .select({ status: clicks.status, reason: clicks.reason, n: sql<number>`count(*)::int` })
        .from(clicks)
        .where(eq(clicks.campaignId, BigInt(campaignId)))
        .groupBy(clicks.status, clicks.reason)
        .orderBy(clicks.status)
    ).map((r) => [r.status, r.reason, r.n]);
  const charged = async (campaignId: string) => {
    const [spend] = await ix.db
      .select()
      .from(campaignSpend)
      .where(eq(campaignSpend.campaignId, BigInt(campaignId)));
    const [sum] = await ix.db
      .select({ total: sql<string>`coalesce(sum(${credits.amount}), 0)::text` })
      .from(credits)
      .where(eq(credits.campaignId, BigInt(campaignId)));
    expect(spend?.credited).toBe(sum?.total);
    return BigInt(spend?.credited ?? 0);
  };

  beforeAll(async () => {
    chain = await localChain();
    clock.now = Number((await chain.publicClient.getBlock()).timestamp) + 1;
    ix = await moneyIndexer(chain, await databaseOptions(engine), clock);
    await ix.follower.syncOnce();
  }, 300_000);
  afterAll(async () => {
    await ix?.close();
    await chain?.stop();
  });

  it("a cell clicked far more often than the campaign's other cells is withheld at settlement; the others are paid", async () => {
    const id = await campaign();
    // 54 honest views around, 3 clicked (5.6 %); in the farm's cell 6 views from one network, all
    // clicked, and one honest view from another network, clicked too.
    const honest = await Promise.all(AROUND.flatMap((cell) => [0, 1, 2].map(() => shown(id, cell))));
    for (const h of honest.filter((_, k) => k % 18 === 0)) await click(h);
    const farm = await Promise.all([0, 1, 2, 3, 4, 5].map(() => shown(id, FARM)));
    const paid = await Promise.all(farm.map((f, k) => click(f, `10.0.0.${k + 1}`)));
    const neighbour = await click(await shown(id, FARM), "10.99.0.1");
    expect(await charged(id)).toBe(10n * 10n ** 18n);
    await settle();

    // The farm's network is withheld first; without it the cell is like the others: the
    // neighbour's click stays paid.
    expect(await reasons(id)).toEqual([
      ["accepted", null, 4],
      ["rejected", "ctr_outlier", 6],
    ]);
    expect(await charged(id)).toBe(4n * 10n ** 18n);
    expect(neighbour.body.status).toBe("accepted");
    const [kept] = await ix.db.select().from(clicks).where(eq(clicks.ip, "10.99.0.1"));
    expect(kept?.status).toBe("accepted");
    // The viewer is told why, and the withheld view does not pay on a second try.
    const [first] = farm;
    if (!first) throw new Error("no farm");
    const listed = await ix.call<{ clicks: { status: string; reason: string; message: string }[] }>(
      "GET",
      `/accounts/${first.v.address}/clicks`,
    );
    expect(listed.body.clicks[0]).toMatchObject({ status: "rejected", reason: "ctr_outlier" });
    expect(listed.body.clicks[0]?.message).toMatch(/far more often/);
    expect((await ix.click(first.v, first.token)).body.reason).toBe("token_used");
    expect(paid.every((p) => p.body.status === "accepted")).toBe(true);
  });

  it("an hour clicked far more often than the campaign's other hours is withheld, spread over cells and networks", async () => {
    const id = await campaign();
    // Four hours of 36 honest views, one clicked each hour (2.8 %), each hour in another cell.
    for (let hour = 0; hour < 4; hour++) {
      const honest = await Promise.all(AROUND.flatMap((cell) => [0, 1].map(() => shown(id, cell))));
      const one = honest[2 * (9 + hour)];
      if (one) await click(one);
      clock.now += 3600;
    }
    // Then an hour in which every view is clicked, one view per cell.
    const burst = await Promise.all(AROUND.slice(0, 8).map((cell) => shown(id, cell)));
    for (const [k, b] of burst.entries()) await click(b, `10.${k + 1}.0.1`);
    await settle();
    expect(await reasons(id)).toEqual([
      ["accepted", null, 4],
      ["rejected", "ctr_outlier", 8],
    ]);
    expect(await charged(id)).toBe(4n * 10n ** 18n);
  });

  it("needs CLICK_CTR_MIN_CLICKS clicks: four of four views in a cell are paid", async () => {
    const id = await campaign();
    const honest = await Promise.all(AROUND.flatMap((cell) => [0, 1, 2].map(() => shown(id, cell))));
    const [one] = honest;
    if (one) await click(one);
    for (const f of await Promise.all([0, 1, 2, 3].map(() => shown(id, FARM)))) await click(f);
    await settle();
    expect(await reasons(id)).toEqual([["accepted", null, 5]]);
  });
});
