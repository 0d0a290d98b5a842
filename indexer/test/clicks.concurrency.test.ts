import { clickMessage } from "@hexads/protocol";
import { cellToParent, latLngToCell } from "h3-js";
import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickQueue, queueOptions } from "../src/clicks/clickQueue.js";
import { creditClicks } from "../src/clicks/creditClick.js";
import { campaignSpend } from "../src/db/schema.js";
import { ImpressionTokens } from "../src/impressions/token.js";
import { createCampaign, type LocalChain, localChain } from "./support/chain.js";
import { databaseOptions, engines } from "./support/databases.js";
import { type MoneyIndexer, moneyIndexer, newViewer, type Viewer } from "./support/money.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);

describe.each(engines)("clicks racing each other on %s", (engine) => {
  let chain: LocalChain;
  let ix: MoneyIndexer;
  const clock = { now: 0 };
  /** A genuine token, served and reported on screen at the clock's current second. */
  const token = (v: Viewer, session: string, campaignId: bigint) =>
    ix.tokens.sign({
      id: ImpressionTokens.newId(),
      campaignId,
      cell: PARIS,
      viewer: v.address,
      sessionId: session,
      issuedAt: clock.now,
      viewableMs: clock.now * 1000,
    });
  const viewers = (n: number) =>
    Promise.all(
      Array.from({ length: n }, async () => {
        const v = newViewer();
        return { v, session: await ix.openSession(v) };
      }),
    );

  beforeAll(async () => {
    chain = await localChain();
    const alice = chain.users[0] as LocalChain["users"][number];
    clock.now = Number((await chain.publicClient.getBlock()).timestamp) + 1;
    // Campaign 1 holds exactly 5 clicks; campaign 2 plenty.
    for (const budget of ["5", "100"]) {
      await createCampaign(chain, {
        from: alice,
        budget,
        start: clock.now - 1,
        end: clock.now + 86_400,
        creative: "data:,race",
        targets: [cellToParent(PARIS, 5)],
      });
    }
    ix = await moneyIndexer(chain, await databaseOptions(engine), clock);
    await ix.follower.syncOnce();
  }, 120_000);
  afterAll(async () => {
    await ix?.close();
    await chain?.stop();
  });

  it("12 viewers clicking at once on a budget of 5 clicks: exactly 5 are paid, the spend is the budget", async () => {
    const all = await viewers(12);
    const answers = await Promise.all(
      all.map(({ v, session }, i) => ix.click(v, token(v, session, 1n), `10.1.0.${i}`)),
    );
    const paid = answers.filter((a) => a.status === 201);
    expect(paid).toHaveLength(5);
    expect(answers.filter((a) => a.body.reason === "budget_exhausted")).toHaveLength(7);
    const [spend] = await ix.db.select().from(campaignSpend);
    expect(spend?.credited).toBe(parseEther("5").toString());
  });

  it("one impression posted 6 times at once is paid once", async () => {
    const [{ v, session }] = (await viewers(1)) as [{ v: Viewer; session: string }];
    const t = token(v, session, 2n);
    const answers = await Promise.all(Array.from({ length: 6 }, () => ix.click(v, t)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.body.reason === "token_used")).toHaveLength(5);
  });

  it("one group-committed batch answers each click as if credited one after another", async () => {
    const [a, b] = (await viewers(2)) as [{ v: Viewer; session: string }, { v: Viewer; session: string }];
    const first = token(a.v, a.session, 2n);
    const input = (v: Viewer, t: string, signature = v.sign(clickMessage(t))) => ({
      token: t,
      signature,
      ip: "10.2.0.1",
      now: clock.now,
    });
    const outcomes = await creditClicks(ix.db, ix.tokens, ix.money.policy, [
      input(a.v, first),
      input(a.v, first), // the same impression again: already paid in this batch
      input(a.v, token(a.v, a.session, 2n)), // a second impression of the same campaign: cap of 1
      input(b.v, token(b.v, b.session, 2n), a.v.sign("not this")),
      input(b.v, token(b.v, b.session, 2n)),
    ]);
    expect(outcomes.map((o) => (o.status === "accepted" ? "paid" : o.reason))).toEqual([
      "paid",
      "token_used",
      "frequency_campaign",
      "bad_signature",
      "paid",
    ]);
    expect(new Set(outcomes.map((o) => o.clickId)).size).toBe(5);
  });

  it("clicks that arrive in one turn of the event loop are credited together, in one transaction", async () => {
    const all = await viewers(4);
    let transactions = 0;
    const db = new Proxy(ix.db, {
      get(target, key) {
        if (key === "transaction") transactions++;
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const credit = clickQueue(db, ix.tokens, ix.money.policy, queueOptions(engine));
    const outcomes = await Promise.all(
      all.map(({ v, session }, i) => {
        const t = token(v, session, 2n);
        return credit({ token: t, signature: v.sign(clickMessage(t)), ip: `10.3.0.${i}`, now: clock.now });
      }),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["accepted", "accepted", "accepted", "accepted"]);
    expect(transactions).toBe(1);
  });

  it("invalid traffic: a viewer clicking ads faster than a person is refused (viewer_velocity), in and across batches", async () => {
    const [{ v, session }] = (await viewers(1)) as [{ v: Viewer; session: string }];
    const saved = { ...ix.money.policy };
    ix.money.policy.velocity = { clicks: 2, seconds: 10 };
    ix.money.policy.caps = { perCampaign: 100, perDay: 100 };
    const input = () => {
      const t = token(v, session, 2n);
      return { token: t, signature: v.sign(clickMessage(t)), ip: "10.3.0.1", now: clock.now };
    };
    try {
      // Clicks the viewer's key did not sign (anyone holding its token can post them) never count.
      const forger = newViewer();
      const unsigned = Array.from({ length: 3 }, () => {
        const t = token(v, session, 2n);
        return { token: t, signature: forger.sign(clickMessage(t)), ip: "10.3.0.1", now: clock.now };
      });
      const refused = await creditClicks(ix.db, ix.tokens, ix.money.policy, unsigned);
      expect(refused.map((o) => (o.status === "rejected" ? o.reason : "paid"))).toEqual(
        Array(3).fill("bad_signature"),
      );
      // One batch of three: the third is the viewer's third click within 10 s.
      const batch = await creditClicks(ix.db, ix.tokens, ix.money.policy, [input(), input(), input()]);
      expect(batch.map((o) => (o.status === "accepted" ? "paid" : o.reason))).toEqual([
        "paid",
        "paid",
        "viewer_velocity",
      ]);
      // A later request sees the stored clicks, refused ones included; 11 s later the window is clear.
      const later = (await ix.click(v, input().token)).body;
      expect(later.reason).toBe("viewer_velocity");
      clock.now += 11;
      expect((await ix.click(v, input().token)).status).toBe(201);
    } finally {
      clock.now -= 11;
      ix.money.policy.velocity = saved.velocity;
      ix.money.policy.caps = saved.caps;
    }
  });
});
