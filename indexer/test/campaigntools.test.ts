// The advertiser's campaign tools on the click path, on both databases. Delivery
// (AdMarket.setDelivery, UTC): a click past the day's budget or outside the schedule is refused with
// its reason and moves no money; the same campaign pays again the next UTC day or inside its hours,
// and GET /ads serves it only in its hours and while the day's budget holds a click. Creative edits (updateCreative): GET /ads serves the new
// creative, and a click on an ad served with the old one is still paid.
import { clickMessage, utcDayStart } from "@hexads/protocol";
import { cellToParent, latLngToCell } from "h3-js";
import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditClicks } from "../src/clicks/creditClick.js";
import { ImpressionTokens } from "../src/impressions/token.js";
import { adMarketHelpers, createCampaign, type LocalChain, localChain } from "./support/chain.js";
import { databaseOptions, engines } from "./support/databases.js";
import { ledger, type MoneyIndexer, moneyIndexer, newViewer } from "./support/money.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
const ids = { daily: 1n, scheduled: 2n, edited: 3n };

describe.each(engines)("campaign tools on %s", (engine) => {
  let chain: LocalChain;
  let ix: MoneyIndexer;
  const clock = { now: 0 };
  /** Midnight UTC of the day the tests click on. */
  let day0 = 0;
  const { market, mined } = adMarketHelpers(() => chain);

  /** A new viewer with a session, and a genuine token of `campaignId` in Paris served and seen now. */
  const viewer = async (campaignId: bigint) => {
    const v = newViewer();
    const session = await ix.openSession(v);
    const token = ix.tokens.sign({
      id: ImpressionTokens.newId(),
      campaignId,
      cell: PARIS,
      viewer: v.address,
      sessionId: session,
      issuedAt: clock.now,
      viewableMs: clock.now * 1000,
    });
    return { v, session, token };
  };
  const paidOrReason = async (campaignId: bigint) => {
    const { v, token } = await viewer(campaignId);
    const res = await ix.click(v, token);
    return res.status === 201 ? "paid" : res.body.reason;
  };
  /** Clicks and proves the click was refused for `reason` and moved no money. */
  const refused = async (reason: string, campaignId: bigint) => {
    const before = await ledger(ix.db);
    expect(await paidOrReason(campaignId)).toBe(reason);
    expect(await ledger(ix.db)).toEqual(before);
  };

  beforeAll(async () => {
    chain = await localChain();
    const alice = chain.users[0] as LocalChain["users"][number];
    const chainNow = Number((await chain.publicClient.getBlock()).timestamp);
    // The indexer's clock: 10:00 UTC on a later day, so every hour and day edge below is exact.
    day0 = utcDayStart(chainNow) + 86_400;
    clock.now = day0 + 10 * 3600;
    const spec = {
      budget: "100",
      start: chainNow,
      end: clock.now + 7 * 86_400,
      targets: [cellToParent(PARIS, 5)],
    };
    await createCampaign(chain, spec);
    await createCampaign(chain, spec);
    await createCampaign(chain, { ...spec, creative: "data:,first" });
    const day = new Date(clock.now * 1000).getUTCDay();
    await mined(
      alice.writeContract({
        ...market(),
        functionName: "setDelivery",
        args: [ids.daily, parseEther("3"), 0x7f, 0xffffff],
      }),
    );
    // Only today, 10:00-12:00 UTC.
    await mined(
      alice.writeContract({
        ...market(),
        functionName: "setDelivery",
        args: [ids.scheduled, 0n, 1 << day, (1 << 10) | (1 << 11)],
      }),
    );
    ix = await moneyIndexer(chain, await databaseOptions(engine), clock);
    await ix.follower.syncOnce();
  }, 300_000);
  afterAll(async () => {
    await ix?.close();
    await chain?.stop();
  });

  it("daily_budget_spent: 3 HXA a day at 1 HXA a click pays three clicks a UTC day, in one batch and across requests", async () => {
    const input = async () => {
      const { v, token } = await viewer(ids.daily);
      return { token, signature: v.sign(clickMessage(token)), ip: "10.9.0.1", now: clock.now };
    };
    clock.now = day0 + 10 * 3600;
    const batch = await creditClicks(ix.db, ix.tokens, ix.money.policy, [await input(), await input()]);
    expect(batch.map((o) => o.status)).toEqual(["accepted", "accepted"]);
    const more = await creditClicks(ix.db, ix.tokens, ix.money.policy, [await input(), await input()]);
    expect(more.map((o) => (o.status === "accepted" ? "paid" : o.reason))).toEqual([
      "paid",
      "daily_budget_spent",
    ]);
    await refused("daily_budget_spent", ids.daily);
    const served = async () => {
      const { session } = await viewer(ids.daily);
      return (await ix.ads(PARIS, session)).map((a) => a.campaignId);
    };
    expect(await served()).not.toContain(ids.daily.toString()); // /ads stops serving it for the day
    const detail = await ix.call<{ spentToday: string; delivery: { dailyBudget: string; schedule: string } }>(
      "GET",
      `/campaigns/${ids.daily}`,
    );
    expect(detail.body.spentToday).toBe(parseEther("3").toString());
    expect(detail.body.delivery).toMatchObject({
      dailyBudget: parseEther("3").toString(),
      schedule: "every day, all hours UTC",
    });
    // 23:59:59 is still today; midnight UTC starts a new day's budget.
    clock.now = day0 + 86_399;
    await refused("daily_budget_spent", ids.daily);
    clock.now = day0 + 86_400;
    expect(await served()).toContain(ids.daily.toString());
    expect(await paidOrReason(ids.daily)).toBe("paid");
  });

  it("outside_schedule: pays only on the scheduled weekday and hours (UTC); /ads serves it only then", async () => {
    const start = day0;
    const served = async () => {
      const { session } = await viewer(ids.scheduled);
      return (await ix.ads(PARIS, session)).map((a) => a.campaignId);
    };
    clock.now = start + 10 * 3600;
    expect(await served()).toContain(ids.scheduled.toString());
    expect(await paidOrReason(ids.scheduled)).toBe("paid");
    clock.now = start + 12 * 3600 - 1;
    expect(await paidOrReason(ids.scheduled)).toBe("paid");
    clock.now = start + 12 * 3600;
    await refused("outside_schedule", ids.scheduled);
    expect(await served()).not.toContain(ids.scheduled.toString());
    clock.now = start + 10 * 3600 - 1;
    await refused("outside_schedule", ids.scheduled);
    clock.now = start + 86_400 + 10 * 3600; // the next day, same hour
    await refused("outside_schedule", ids.scheduled);
    const detail = await ix.call<{ delivery: { schedule: string } }>("GET", `/campaigns/${ids.scheduled}`);
    expect(detail.body.delivery.schedule).toMatch(/^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), 10:00–12:00 UTC$/);
  });

  it("CreativeUpdated: /ads serves the new creative; a click on the old one's ad is still paid", async () => {
    clock.now = day0 + 10 * 3600;
    const v = newViewer();
    const session = await ix.openSession(v);
    const old = (await ix.ads(PARIS, session)).find((a) => a.campaignId === ids.edited.toString());
    expect(old).toMatchObject({ creativeUri: "data:,first" });
    const alice = chain.users[0] as LocalChain["users"][number];
    await mined(
      alice.writeContract({
        ...market(),
        functionName: "updateCreative",
        args: [ids.edited, "data:,second"],
      }),
    );
    await ix.follower.syncOnce();
    const other = newViewer();
    const fresh = (await ix.ads(PARIS, await ix.openSession(other))).find(
      (a) => a.campaignId === ids.edited.toString(),
    );
    expect(fresh).toMatchObject({ creativeUri: "data:,second" });
    const detail = await ix.call<{ creativeUri: string; creativeUpdatedAt: number | null }>(
      "GET",
      `/campaigns/${ids.edited}`,
    );
    expect(detail.body.creativeUri).toBe("data:,second");
    expect(detail.body.creativeUpdatedAt).toEqual(expect.any(Number));
    // The ad served before the edit: its click pays the campaign's cpc as any other.
    const res = await ix.click(v, (old as { token: string }).token);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("accepted");
  });
});
