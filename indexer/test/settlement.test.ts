import { count, eq, sql } from "drizzle-orm";
import { cellToParent, latLngToCell } from "h3-js";
import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adMarketAbi } from "../src/chain/abis.js";
import { readAdMarket } from "../src/chain/readAdMarket.js";
import { campaignSpend, clicks, credits, epochLeaves, settlementEpochs } from "../src/db/schema.js";
import { createCampaign, type LocalChain, localChain } from "./support/chain.js";
import { freshDatabaseUrl } from "./support/databases.js";
import { chainTimeTo, type MoneyIndexer, moneyIndexer, newViewer } from "./support/money.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
const _id = (cell: string) => BigInt(`0x${cell}`);
const HXA = (n: string) => parseEther(n);

// Real concurrency needs real connections: these run on PostgreSQL (a pool of 10).
describe("clicks and settlement under concurrency and crashes (PostgreSQL)", () => {
  let chain: LocalChain;
  let ix: MoneyIndexer;
  const clock = { now: 0 };
  const read = <T>(functionName: string, args: unknown[] = []) =>
    readAdMarket<T>(chain.publicClient, chain.deployment.AdMarket, functionName, args);
  const parisCampaign = async (budget: string) => {
    const id = await createCampaign(chain, {
      budget,
      start: clock.now - 1,
      end: clock.now + 7 * 86_400,
      targets: [cellToParent(PARIS, 5)],
    });
    await ix.follower.syncOnce();
    return id;
  };
  /** `n` viewers with sessions and one impression token each for `campaignId`. */
  const viewersWithTokens = async (n: number, campaignId: bigint) =>
    Promise.all(
      Array.from({ length: n }, async () => {
        const v = newViewer();
        const session = await ix.openSession(v);
        const ads = await ix.ads(PARIS, session);
        const ad = ads.find((a) => a.campaignId === campaignId.toString());
        if (!ad) throw new Error("no ad served");
        return { v, token: ad.token };
      }),
    );

  beforeAll(async () => {
    chain = await localChain();
    clock.now = Number((await chain.publicClient.getBlock()).timestamp) + 1;
    ix = await moneyIndexer(chain, { databaseUrl: await freshDatabaseUrl() }, clock);
    await ix.follower.syncOnce();
  });
  afterAll(async () => {
    await ix?.close();
    await chain?.stop();
  });

  it("200 concurrent clicks against a budget for 50: exactly 50 paid, spend = budget", async () => {
    const campaign = await parisCampaign("50");
    const viewers = await viewersWithTokens(200, campaign);
    const results = await Promise.all(
      viewers.map(({ v, token }, i) => ix.click(v, token, `10.1.${i >> 8}.${i & 255}`)),
    );
    const paid = results.filter((r) => r.status === 201).length;
    expect(paid).toBe(50);
    expect(results.filter((r) => r.body.reason === "budget_exhausted").length).toBe(150);
    const [spend] = await ix.db.select().from(campaignSpend).where(eq(campaignSpend.campaignId, campaign));
    expect(spend?.credited).toBe(HXA("50").toString());
    const [sum] = await ix.db
      .select({ total: sql<string>`sum(${credits.amount})::text` })
      .from(credits)
      .where(eq(credits.campaignId, campaign));
    expect(sum?.total).toBe(HXA("50").toString());
    // Ads stop being served once the budget is fully credited.
    const late = newViewer();
    expect(await ix.ads(PARIS, await ix.openSession(late))).toEqual([]);
  });

  it("the same impression posted 20 times at once pays exactly once", async () => {
    const campaign = await parisCampaign("100");
    const [{ v, token }] = (await viewersWithTokens(1, campaign)) as [
      { v: ReturnType<typeof newViewer>; token: string },
    ];
    const results = await Promise.all(Array.from({ length: 20 }, () => ix.click(v, token)));
    expect(results.filter((r) => r.status === 201).length).toBe(1);
    expect(results.filter((r) => r.body.reason === "token_used").length).toBe(19);
    const [n] = await ix.db.select({ n: count() }).from(clicks).where(eq(clicks.status, "accepted"));
    expect(n?.n).toBe(51);
  });

  it("settles everything; campaign spend on-chain equals its budget", async () => {
    clock.now += 5;
    await chainTimeTo(chain, clock.now);
    expect(await ix.settler.tick()).toBe(1n);
    const c = await read<{ spent: bigint; budget: bigint }>("getCampaign", [1n]);
    expect(c.spent).toBe(c.budget);
    expect(ix.settler.status().conservation?.ok).toBe(true);
  });

  it("killed between building and posting: the restart posts the same epoch once", async () => {
    const campaign = await parisCampaign("10");
    const viewers = await viewersWithTokens(3, campaign);
    for (const { v, token } of viewers) expect((await ix.click(v, token)).status).toBe(201);
    clock.now += 5;
    await chainTimeTo(chain, clock.now);
    const crashed = ix.restartSettler({
      afterBuild: async () => {
        throw new Error("killed after build");
      },
    });
    await expect(crashed.tick()).rejects.toThrow("killed after build");
    const [built] = await ix.db.select().from(settlementEpochs).where(eq(settlementEpochs.id, 2n));
    expect(built?.status).toBe("built");
    expect(await read<bigint>("lastEpochId")).toBe(1n);
    // Clicks made while the settler is down wait for the next epoch.
    const more = await viewersWithTokens(1, campaign);
    clock.now += 1;
    expect((await ix.click(more[0]?.v as never, more[0]?.token as string)).status).toBe(201);

    expect(await ix.restartSettler().tick()).toBe(2n);
    expect(await read<bigint>("lastEpochId")).toBe(2n);
    const logs = await chain.publicClient.getContractEvents({
      address: chain.deployment.AdMarket,
      abi: adMarketAbi,
      eventName: "EpochPosted",
      fromBlock: 0n,
    });
    expect(logs.filter((l) => l.args.epochId === 2n).map((l) => l.args.root)).toEqual([built?.root]);
    expect((await read<{ spent: bigint }>("getCampaign", [campaign])).spent).toBe(HXA("3"));
    expect(ix.settler.status().conservation?.ok).toBe(true);
  });

  it("killed after posting but before recording: the restart records it and posts nothing twice", async () => {
    clock.now += 5;
    await chainTimeTo(chain, clock.now);
    const crashed = ix.restartSettler({
      afterPost: async () => {
        throw new Error("killed after post");
      },
    });
    await expect(crashed.tick()).rejects.toThrow("killed after post");
    expect(await read<bigint>("lastEpochId")).toBe(3n);
    const [row] = await ix.db.select().from(settlementEpochs).where(eq(settlementEpochs.id, 3n));
    expect(row?.status).toBe("built");

    const settler = ix.restartSettler();
    expect(await settler.tick()).toBe(3n);
    expect(await read<bigint>("lastEpochId")).toBe(3n);
    const [after] = await ix.db.select().from(settlementEpochs).where(eq(settlementEpochs.id, 3n));
    expect(after?.status).toBe("posted");
    expect(settler.status().conservation).toMatchObject({ ok: true });
    // Nothing is left pending and nothing new to post.
    const [pending] = await ix.db.select({ n: count() }).from(credits).where(sql`${credits.epochId} is null`);
    expect(pending?.n).toBe(0);
    clock.now += 5;
    await chainTimeTo(chain, clock.now);
    expect(await settler.tick()).toBeUndefined();
  });

  it("splits many campaigns into settleSpend chunks and still conserves", async () => {
    ix.money.maxAds = 50;
    const campaignsMade: bigint[] = [];
    for (let i = 0; i < 5; i++) campaignsMade.push(await parisCampaign("5"));
    for (const c of campaignsMade) {
      const [{ v, token }] = (await viewersWithTokens(1, c)) as [
        { v: ReturnType<typeof newViewer>; token: string },
      ];
      expect((await ix.click(v, token)).status).toBe(201);
    }
    clock.now += 5;
    await chainTimeTo(chain, clock.now);
    const settler = ix.restartSettler(undefined, 2);
    expect(await settler.tick()).toBe(4n);
    for (const c of campaignsMade)
      expect((await read<{ spent: bigint }>("getCampaign", [c])).spent).toBe(HXA("1"));
    const [sum] = await ix.db
      .select({ total: sql<string>`sum(${epochLeaves.cumulative})::text` })
      .from(epochLeaves)
      .where(eq(epochLeaves.epochId, 4n));
    expect(BigInt(sum?.total ?? 0)).toBe(await read<bigint>("settledTotal"));
    expect(settler.status().conservation?.ok).toBe(true);
  });

  it("posts an epoch once a campaign ends, even with no clicks, so its advertiser can withdraw", async () => {
    const alice = chain.users[0] as LocalChain["users"][number];
    // The test clock may lag the chain's (a slow machine): start from whichever is later, and give
    // the campaign a minute so its window is still in the future when the transaction is mined.
    clock.now = Math.max(clock.now, Number((await chain.publicClient.getBlock()).timestamp) + 1);
    const campaign = await createCampaign(chain, {
      from: alice,
      budget: "7",
      start: clock.now - 1,
      end: clock.now + 60,
      creative: "data:,short",
      targets: [cellToParent(PARIS, 5)],
    });
    await ix.follower.syncOnce();
    clock.now += 70;
    await chainTimeTo(chain, clock.now);
    const settler = ix.restartSettler();
    expect(await settler.tick()).toBe(5n);
    expect(settler.status().conservation?.ok).toBe(true);
    await chain.publicClient.waitForTransactionReceipt({
      hash: await alice.writeContract({
        address: chain.deployment.AdMarket,
        abi: adMarketAbi,
        functionName: "withdrawUnspent",
        args: [campaign],
      }),
    });
    expect((await read<{ withdrawn: boolean }>("getCampaign", [campaign])).withdrawn).toBe(true);
  });

  it("activates a pending root once its challenge period is over, then claims open", async () => {
    const market = { address: chain.deployment.AdMarket, abi: adMarketAbi } as const;
    const admin = chain.deployer;
    await chain.publicClient.waitForTransactionReceipt({
      hash: await admin.writeContract({ ...market, functionName: "setChallengePeriod", args: [60n] }),
    });
    const campaign = await parisCampaign("3");
    const [{ v, token }] = (await viewersWithTokens(1, campaign)) as [
      { v: ReturnType<typeof newViewer>; token: string },
    ];
    expect((await ix.click(v, token)).status).toBe(201);
    clock.now += 5;
    await chainTimeTo(chain, clock.now);
    const settler = ix.restartSettler();
    expect(await settler.tick()).toBe(6n);
    expect(await read<{ status: number }>("getEpoch", [6n])).toMatchObject({ status: 1 }); // pending
    expect(await read<bigint>("activeEpochId")).toBe(5n);
    expect(await settler.activateDue()).toBeUndefined(); // still in its challenge period
    clock.now += 61;
    await chainTimeTo(chain, clock.now);
    expect(await settler.activateDue()).toBe(6n);
    expect(await read<bigint>("activeEpochId")).toBe(6n);
    await ix.follower.syncOnce();
    const earnings = await ix.call<{ claim: { epochId: string; amount: string } | null }>(
      "GET",
      `/accounts/${v.address}/earnings`,
    );
    expect(earnings.body.claim).toMatchObject({ epochId: "6", amount: HXA("0.6").toString() });
    await chain.publicClient.waitForTransactionReceipt({
      hash: await admin.writeContract({ ...market, functionName: "setChallengePeriod", args: [0n] }),
    });
  });

  it("drops a campaign withdrawn through the escape hatch with unsettled clicks, and settles the rest", async () => {
    const alice = chain.users[0] as LocalChain["users"][number];
    clock.now = Math.max(clock.now, Number((await chain.publicClient.getBlock()).timestamp) + 1);
    const closed = await parisCampaign("3");
    const open = await parisCampaign("3");
    for (const campaign of [closed, open]) {
      const [{ v, token }] = (await viewersWithTokens(1, campaign)) as [
        { v: ReturnType<typeof newViewer>; token: string },
      ];
      expect((await ix.click(v, token)).status).toBe(201);
    }
    // The settler is silent until the escape hatch opens: the advertiser takes the whole budget back.
    const { end } = await read<{ end: number }>("getCampaign", [closed]);
    clock.now = end + 30 * 86_400;
    await chainTimeTo(chain, clock.now);
    await chain.publicClient.waitForTransactionReceipt({
      hash: await alice.writeContract({
        address: chain.deployment.AdMarket,
        abi: adMarketAbi,
        functionName: "withdrawUnspent",
        args: [closed],
      }),
    });
    expect((await read<{ budget: bigint }>("getCampaign", [closed])).budget).toBe(0n);
    // The chain refuses the epoch holding the closed campaign's clicks; the settler cuts it again without.
    const settler = ix.restartSettler();
    expect(await settler.tick()).toBe(7n);
    expect(settler.status().conservation?.ok).toBe(true);
    expect((await read<{ spent: bigint }>("getCampaign", [open])).spent).toBe(HXA("1"));
    expect((await read<{ spent: bigint }>("getCampaign", [closed])).spent).toBe(0n);
    const [left] = await ix.db.select({ n: count() }).from(credits).where(eq(credits.campaignId, closed));
    expect(left?.n).toBe(0);
  });

  it("stops settlement loudly when conservation breaks, and says so in /status", async () => {
    const [last] = await ix.db.select().from(settlementEpochs).where(eq(settlementEpochs.id, 4n));
    // Corrupt one leaf of the last epoch: Σ leaves no longer equals what the chain holds.
    await ix.db
      .update(epochLeaves)
      .set({ cumulative: sql`${epochLeaves.cumulative} + 1` })
      .where(
        sql`${epochLeaves.epochId} = 4 and ${epochLeaves.account} = (select min(account) from epoch_leaves where epoch_id = 4)`,
      );
    const settler = ix.restartSettler();
    await expect(settler.checkConservation(last as NonNullable<typeof last>)).rejects.toThrow(
      /conservation broken/,
    );
    await settler.run(new AbortController().signal); // returns at once: halted
    expect(settler.status().halted).toMatch(/conservation broken/);
    const status = await ix.call<{ settlement: { halted: string; conservation: { ok: boolean } } }>(
      "GET",
      "/status",
    );
    expect(status.body.settlement.conservation.ok).toBe(false);
    expect(status.body.settlement.halted).toMatch(/conservation broken/);
    expect(await read<bigint>("lastEpochId")).toBe(7n);
  });
});
