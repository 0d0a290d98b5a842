// Invalid-traffic rules of the click path, each on both databases: a refused click is stored with
// its reason and moves no money (no credit, no spend); the first click past each rule's edge is paid.
import { clickMessage, viewableRequest } from "@hexads/protocol";
import { cellToParent, latLngToCell } from "h3-js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clickRequest } from "../../tools/demoViewer.js";
import { creditClicks } from "../src/clicks/creditClick.js";
import { ImpressionTokens } from "../src/impressions/token.js";
import { createCampaign, type LocalChain, localChain } from "./support/chain.js";
import { databaseOptions, engines } from "./support/databases.js";
import { ledger, type MoneyIndexer, moneyIndexer, newViewer, type Viewer } from "./support/money.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);

describe.each(engines)("invalid traffic on %s", (engine) => {
  let chain: LocalChain;
  let ix: MoneyIndexer;
  const clock = { now: 0 };
  let defaults: MoneyIndexer["money"]["policy"];

  /**
   * A genuine token of campaign 1 in Paris, served `agoMs` before the clock's current ms and
   * reported on screen `viewedAgoMs` before it (undefined: never reported).
   */
  const token = (v: Viewer, session: string, agoMs = 60_000, viewedAgoMs: number | undefined = agoMs) => {
    const servedMs = clock.now * 1000 - agoMs;
    return ix.tokens.sign({
      id: ImpressionTokens.newId(),
      campaignId: 1n,
      cell: PARIS,
      viewer: v.address,
      sessionId: session,
      issuedAt: Math.floor(servedMs / 1000),
      servedMs,
      viewableMs: viewedAgoMs === undefined ? undefined : clock.now * 1000 - viewedAgoMs,
    });
  };
  const input = (v: Viewer, session: string, ip = "10.4.0.1") => {
    const t = token(v, session);
    return { token: t, signature: v.sign(clickMessage(t)), ip, now: clock.now };
  };
  const outcomes = (batch: Awaited<ReturnType<typeof creditClicks>>) =>
    batch.map((o) => (o.status === "accepted" ? "paid" : o.reason));
  const viewer = async () => {
    const v = newViewer();
    return { v, session: await ix.openSession(v) };
  };
  /** Clicks and proves the click was refused for `reason` and moved no money. */
  const refused = async (
    reason: string,
    click: () => Promise<{ status: number; body: { reason?: string } }>,
  ) => {
    const before = await ledger(ix.db);
    const res = await click();
    expect(res.body.reason).toBe(reason);
    expect(res.status).toBe(422);
    expect(await ledger(ix.db)).toEqual(before);
  };

  beforeAll(async () => {
    chain = await localChain();
    const alice = chain.users[0] as LocalChain["users"][number];
    clock.now = Number((await chain.publicClient.getBlock()).timestamp) + 1;
    await createCampaign(chain, {
      from: alice,
      budget: "1000",
      start: clock.now - 1,
      end: clock.now + 7 * 86_400,
      creative: "data:,ivt",
      targets: [cellToParent(PARIS, 5)],
    });
    ix = await moneyIndexer(chain, await databaseOptions(engine), clock);
    await ix.follower.syncOnce();
    defaults = structuredClone(ix.money.policy);
  }, 300_000);
  afterAll(async () => {
    await ix?.close();
    await chain?.stop();
  });
  beforeEach(() => {
    Object.assign(ix.money.policy, structuredClone(defaults));
  });

  it("click_too_fast: an ad clicked sooner than CLICK_MIN_MS after GET /ads served it pays nothing; the same ad clicked later is paid", async () => {
    ix.money.policy.minClickMs = 1000;
    const { v, session } = await viewer();
    const [ad] = await ix.ads(PARIS, session);
    if (!ad) throw new Error("no ad served");
    await refused("click_too_fast", () => ix.click(v, ad.token)); // 0 ms after serving
    clock.now += 2;
    expect((await ix.click(v, ad.token)).status).toBe(201); // the refusal did not use the impression
  });

  it("click_too_fast: the edge is exact to the millisecond", async () => {
    ix.money.policy.minClickMs = 1000;
    const a = await viewer();
    await refused("click_too_fast", () => ix.click(a.v, token(a.v, a.session, 999)));
    expect((await ix.click(a.v, token(a.v, a.session, 1000))).status).toBe(201);
  });

  it("not_viewable: a click with no signed viewability report pays nothing; reported and 1 s later, the same ad is paid", async () => {
    ix.money.policy.minViewableMs = 1000;
    const { v, session } = await viewer();
    const [ad] = await ix.ads(PARIS, session);
    if (!ad) throw new Error("no ad served");
    await refused("not_viewable", () => ix.call("POST", "/clicks", clickRequest(v, ad.token)));
    const viewed = await ix.view(v, ad.token);
    expect(viewed.status).toBe(201);
    expect(viewed.body.viewableAt).toBe(clock.now * 1000);
    clock.now += 1;
    expect((await ix.call("POST", "/clicks", clickRequest(v, viewed.body.token))).status).toBe(201);
  });

  it("not_viewable: a report younger than CLICK_VIEWABLE_MS at the click is refused, to the millisecond", async () => {
    ix.money.policy.minViewableMs = 1000;
    const { v, session } = await viewer();
    const [ad] = await ix.ads(PARIS, session);
    if (!ad) throw new Error("no ad served");
    const viewed = await ix.view(v, ad.token);
    await refused("not_viewable", () => ix.call("POST", "/clicks", clickRequest(v, viewed.body.token)));
    const at = (viewedAgoMs: number) => {
      const t = token(v, session, 60_000, viewedAgoMs);
      return { token: t, signature: v.sign(clickMessage(t)), ip: "10.4.0.1", now: clock.now };
    };
    const [young, old] = [at(999), at(1000)];
    expect(outcomes(await creditClicks(ix.db, ix.tokens, ix.money.policy, [young, old]))).toEqual([
      "not_viewable",
      "paid",
    ]);
  });

  it("not_viewable: a report not signed by the session's key is refused and dates nothing; a token whose date was altered is forged", async () => {
    ix.money.policy.minViewableMs = 1000;
    const { v, session } = await viewer();
    const [ad] = await ix.ads(PARIS, session);
    if (!ad) throw new Error("no ad served");
    const stranger = newViewer();
    const forged = await ix.call(
      "POST",
      "/impressions/viewable",
      await viewableRequest(ad.token, stranger.sign),
    );
    expect([forged.status, forged.body]).toMatchObject([422, { error: { code: "bad_signature" } }]);
    expect(forged.body).not.toHaveProperty("token");
    // The viewer's key over another message (its click) is no report either.
    const wrong = await ix.call("POST", "/impressions/viewable", {
      token: ad.token,
      signature: v.sign(clickMessage(ad.token)),
    });
    expect(wrong.status).toBe(422);
    clock.now += 5;
    await refused("not_viewable", () => ix.call("POST", "/clicks", clickRequest(v, ad.token)));
    // A genuine report whose date is moved back by hand no longer verifies.
    const viewed = await ix.view(v, ad.token);
    const [body, mac] = viewed.body.token.split(".") as [string, string];
    const claims = JSON.parse(Buffer.from(body, "base64url").toString());
    const backdated = `${Buffer.from(JSON.stringify({ ...claims, w: claims.w - 5000 })).toString("base64url")}.${mac}`;
    await refused("token_forged", () => ix.call("POST", "/clicks", clickRequest(v, backdated)));
  });

  it("earning_cap: a viewer earns at most CLICK_EARN_CAP_PER_DAY per 24 h, in one batch and across requests", async () => {
    const { v, session } = await viewer();
    const [first] = await creditClicks(ix.db, ix.tokens, ix.money.policy, [input(v, session)]);
    if (first?.status !== "accepted")
      throw new Error(`the first click was refused: ${JSON.stringify(first)}`);
    const share = BigInt(first.credits.find((c) => c.role === "viewer")?.amount ?? 0);
    expect(share).toBeGreaterThan(0n);
    ix.money.policy.caps = { perCampaign: 100, perDay: 100 };
    ix.money.policy.earnCapPerDay = 3n * share; // room for two more clicks
    const batch = await creditClicks(ix.db, ix.tokens, ix.money.policy, [
      input(v, session),
      input(v, session),
      input(v, session),
    ]);
    expect(outcomes(batch)).toEqual(["paid", "paid", "earning_cap"]);
    await refused("earning_cap", () => ix.click(v, token(v, session)));
    // Another wallet is not held back by it.
    const other = await viewer();
    expect((await ix.click(other.v, token(other.v, other.session))).status).toBe(201);
  });

  it("subnet_crowded: a /24 carries at most CLICK_SUBNET_VIEWERS viewers per window; those counted keep clicking, a new one is refused until the window passes", async () => {
    ix.money.policy.subnet = { viewers: 3, seconds: 3600 };
    ix.money.policy.caps = { perCampaign: 100, perDay: 100 };
    const [a, b, c, d] = await Promise.all([viewer(), viewer(), viewer(), viewer()]);
    if (!a || !b || !c || !d) throw new Error("no viewers");
    for (const [k, w] of [a, b, c].entries())
      expect((await ix.click(w.v, token(w.v, w.session), `10.7.0.${k + 1}`)).status).toBe(201);
    await refused("subnet_crowded", () => ix.click(d.v, token(d.v, d.session), "10.7.0.200"));
    // A counted viewer keeps its place from any address of the subnet; the refused one took none.
    expect((await ix.click(a.v, token(a.v, a.session), "10.7.0.99")).status).toBe(201);
    await refused("subnet_crowded", () => ix.click(d.v, token(d.v, d.session), "10.7.0.200"));
    // Another /24 is another subnet.
    expect((await ix.click(d.v, token(d.v, d.session), "10.7.1.200")).status).toBe(201);
    // The window slides: b and c clicked over an hour ago, a and d (on 10.7.1.x) did not click here.
    clock.now += 3000;
    expect((await ix.click(a.v, token(a.v, a.session), "10.7.0.1")).status).toBe(201);
    clock.now += 700;
    const late = await viewer();
    expect((await ix.click(late.v, token(late.v, late.session), "10.7.0.200")).status).toBe(201);
    expect((await ix.click(d.v, token(d.v, await ix.openSession(d.v)), "10.7.0.201")).status).toBe(201);
    const e = await viewer();
    await refused("subnet_crowded", () => ix.click(e.v, token(e.v, e.session), "10.7.0.202"));
  });

  it("subnet_crowded: in one batch, in input order; an unsigned reject takes no place", async () => {
    ix.money.policy.subnet = { viewers: 2, seconds: 3600 };
    const [w, x, y, z] = await Promise.all([viewer(), viewer(), viewer(), viewer()]);
    if (!w || !x || !y || !z) throw new Error("no viewers");
    const forged = { ...input(w.v, w.session, "10.8.0.1"), signature: x.v.sign("hexads-click:other") };
    const batch = await creditClicks(ix.db, ix.tokens, ix.money.policy, [
      forged,
      input(x.v, x.session, "10.8.0.2"),
      input(x.v, x.session, "10.8.0.2"), // x again: already counted (refused by its frequency cap)
      input(y.v, y.session, "10.8.0.3"),
      input(z.v, z.session, "10.8.0.4"),
    ]);
    expect(outcomes(batch)).toEqual([
      "bad_signature",
      "paid",
      "frequency_campaign",
      "paid",
      "subnet_crowded",
    ]);
  });

  it("subnet_crowded: concurrent batches never let more than CLICK_SUBNET_VIEWERS viewers in (IPv6 /64)", async () => {
    ix.money.policy.subnet = { viewers: 3, seconds: 3600 };
    const crowd = await Promise.all(Array.from({ length: 8 }, () => viewer()));
    const batches = await Promise.all(
      crowd.map((w, k) =>
        creditClicks(ix.db, ix.tokens, ix.money.policy, [input(w.v, w.session, `2001:db8:9:1:${k + 1}::7`)]),
      ),
    );
    const all = batches.flatMap(outcomes);
    expect(all.filter((o) => o === "paid")).toHaveLength(3);
    expect(all.filter((o) => o === "subnet_crowded")).toHaveLength(5);
  });

  it("GET /accounts/{address}/clicks tells a viewer, newest first, what each click paid or why it was not paid", async () => {
    ix.money.policy.minClickMs = 1000;
    const { v, session } = await viewer();
    const too = token(v, session, 10);
    await refused("click_too_fast", () => ix.click(v, too));
    const paid = await ix.click(v, token(v, session));
    expect(paid.status).toBe(201);
    await refused("frequency_campaign", () => ix.click(v, token(v, session)));
    // A click signed by someone else with this viewer's token is listed too: the viewer learns of it.
    const thief = newViewer();
    await refused("bad_signature", () => ix.click(thief, token(v, session)));
    const other = await viewer();
    expect((await ix.click(other.v, token(other.v, other.session))).status).toBe(201);

    const res = await ix.call<{ account: string; clicks: Record<string, unknown>[] }>(
      "GET",
      `/accounts/${v.address.toUpperCase().replace("0X", "0x")}/clicks?limit=3`,
    );
    expect(res.status).toBe(200);
    expect(res.body.account).toBe(v.address);
    const share = paid.body.credits?.find((c) => c.role === "viewer")?.amount;
    const shape = (c: Record<string, unknown>) => [c.status, c.reason, c.earned, c.campaignId, c.cell];
    expect(res.body.clicks.map(shape)).toEqual([
      ["rejected", "bad_signature", null, "1", PARIS],
      ["rejected", "frequency_campaign", null, "1", PARIS],
      ["accepted", null, share, "1", PARIS],
    ]);
    expect(res.body.clicks[1]?.message).toBe("You already earned from this ad today.");
    const all = await ix.call<{ clicks: { reason: string | null }[] }>(
      "GET",
      `/accounts/${v.address}/clicks`,
    );
    expect(all.body.clicks.map((c) => c.reason)).toEqual([
      "bad_signature",
      "frequency_campaign",
      null,
      "click_too_fast",
    ]);
  });
});
