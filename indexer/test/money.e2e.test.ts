import { verifyEconomy } from "@hexads/economy";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { cellToParent, latLngToCell } from "h3-js";
import { maxUint256, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adMarketAbi, hexTokenAbi, plotsAbi } from "../src/chain/abis.js";
import { createCampaign, type LocalChain, localChain } from "./support/chain.js";
import { databaseOptions, engines } from "./support/databases.js";
import { chainTimeTo, type MoneyIndexer, moneyIndexer, newViewer } from "./support/money.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
const TOKYO = latLngToCell(35.6762, 139.6503, 7);
const id = (cell: string) => BigInt(`0x${cell}`);
const HXA = (n: string) => parseEther(n);

describe.each(engines)("money path end to end on %s", (engine) => {
  let chain: LocalChain;
  let ix: MoneyIndexer;
  const clock = { now: 0 };
  const send = async (
    w: LocalChain["deployer"],
    call: Parameters<LocalChain["deployer"]["writeContract"]>[0],
  ) => chain.publicClient.waitForTransactionReceipt({ hash: await w.writeContract(call) });
  const balance = (a: string) =>
    chain.publicClient.readContract({
      address: chain.deployment.HexToken,
      abi: hexTokenAbi,
      functionName: "balanceOf",
      args: [a as `0x${string}`],
    });
  const claim = async (account: string) => {
    const { body } = await ix.call<{ claim: { cumulative: string; proof: `0x${string}`[] } | null }>(
      "GET",
      `/accounts/${account}/earnings`,
    );
    if (!body.claim) throw new Error(`nothing claimable for ${account}`);
    await send(chain.deployer, {
      address: chain.deployment.AdMarket,
      abi: adMarketAbi,
      functionName: "claim",
      args: [account as `0x${string}`, BigInt(body.claim.cumulative), body.claim.proof],
    });
  };
  const settle = async () => {
    clock.now += 5;
    await chainTimeTo(chain, clock.now);
    const epoch = await ix.settler.tick();
    await ix.follower.syncOnce();
    return epoch;
  };

  beforeAll(async () => {
    chain = await localChain();
    const [alice, bob] = chain.users as [LocalChain["users"][number], LocalChain["users"][number]];
    await send(bob, {
      address: chain.deployment.Plots,
      abi: plotsAbi,
      functionName: "buy",
      args: [id(PARIS), maxUint256],
    });
    clock.now = Number((await chain.publicClient.getBlock()).timestamp) + 1;
    await createCampaign(chain, {
      from: alice,
      budget: "10",
      start: clock.now - 1,
      end: clock.now + 7 * 86_400,
      creative: "data:,paris",
      targets: [cellToParent(PARIS, 5)],
    });
    ix = await moneyIndexer(chain, await databaseOptions(engine), clock);
    await ix.follower.syncOnce();
  });
  afterAll(async () => {
    await ix?.close();
    await chain?.stop();
  });

  it("serves, credits, settles and pays a click exactly; a second claim pays only the difference", async () => {
    const viewer = newViewer();
    const bob = chain.users[1]?.account.address.toLowerCase() as string;
    const treasury = chain.deployment.treasury.toLowerCase();
    const session = await ix.openSession(viewer);

    expect(await ix.ads(TOKYO, session)).toEqual([]);
    const [ad] = await ix.ads(PARIS, session);
    expect(ad?.campaignId).toBe("1");

    const res = await ix.click(viewer, ad?.token as string);
    expect(res.status).toBe(201);
    expect(res.body.credits).toEqual([
      { role: "viewer", account: viewer.address, amount: HXA("0.6").toString() },
      { role: "owner", account: bob, amount: HXA("0.3").toString() },
      { role: "protocol", account: treasury, amount: HXA("0.1").toString() },
    ]);
    const pending = await ix.call<{ pending: string; claimable: string }>(
      "GET",
      `/accounts/${viewer.address}/earnings`,
    );
    expect(pending.body).toMatchObject({ pending: HXA("0.6").toString(), claimable: "0" });

    expect(await settle()).toBe(1n);
    const epoch = await ix.call<{
      root: string;
      total: string;
      status: string;
      leaves: { account: string; cumulative: string }[];
    }>("GET", "/epochs/1");
    expect(epoch.body.status).toBe("active");
    expect(epoch.body.total).toBe(HXA("1").toString());
    // Anyone can rebuild the root from the published leaves with the reference library.
    const ref = StandardMerkleTree.of(
      epoch.body.leaves.map((l) => [l.account, l.cumulative]),
      ["address", "uint256"],
    );
    expect(ref.root).toBe(epoch.body.root);
    const status = await ix.call<{ settlement: { conservation: { ok: boolean; leaves: string } } }>(
      "GET",
      "/status",
    );
    expect(status.body.settlement.conservation).toMatchObject({ ok: true, leaves: HXA("1").toString() });

    const before = await balance(viewer.address);
    await claim(viewer.address);
    await claim(bob);
    const bobBefore = await balance(bob);
    expect((await balance(viewer.address)) - before).toBe(HXA("0.6"));
    await ix.follower.syncOnce();
    const after = await ix.call<{ claimed: string; claimable: string; settled: string }>(
      "GET",
      `/accounts/${viewer.address}/earnings`,
    );
    expect(after.body).toMatchObject({
      claimed: HXA("0.6").toString(),
      claimable: "0",
      settled: HXA("0.6").toString(),
    });

    // A day later the same viewer may earn from the campaign again.
    clock.now += 86_401;
    await chainTimeTo(chain, clock.now);
    const session2 = await ix.openSession(viewer);
    const [ad2] = await ix.ads(PARIS, session2);
    expect((await ix.click(viewer, ad2?.token as string)).status).toBe(201);
    expect(await settle()).toBe(2n);
    await claim(viewer.address);
    expect((await balance(viewer.address)) - before).toBe(HXA("1.2"));
    await claim(bob);
    expect((await balance(bob)) - bobBefore).toBe(HXA("0.3"));
    const spent = await chain.publicClient.readContract({
      address: chain.deployment.AdMarket,
      abi: adMarketAbi,
      functionName: "getCampaign",
      args: [1n],
    });
    expect(spent.spent).toBe(HXA("2"));
  });

  it("reports campaign stats: impressions, clicks, CTR, spend, by cell and by hour", async () => {
    const { status, body } = await ix.call<{
      impressions: number;
      clicks: { accepted: number };
      ctr: number;
      spend: { pending: string; settled: string };
      byCell: { cell: string; clicks: number }[];
    }>("GET", "/campaigns/1/stats");
    expect(status).toBe(200);
    expect(body.impressions).toBe(2);
    expect(body.clicks.accepted).toBe(2);
    expect(body.ctr).toBe(1);
    expect(body.spend).toEqual({ pending: "0", settled: HXA("2").toString() });
    expect(body.byCell).toEqual([{ cell: PARIS, impressions: 2, clicks: 2 }]);
  });

  it("reports the plot's earnings, the account's credits and claims, and the area's activity", async () => {
    await ix.follower.syncOnce();
    const bob = chain.users[1]?.account.address.toLowerCase() as string;
    const earnings = { earned: HXA("0.6").toString(), pending: "0", clicks: 2 };
    expect((await ix.call<{ earnings: unknown }>("GET", `/plots/${PARIS}`)).body.earnings).toEqual(earnings);
    const owned = await ix.call<{ plots: { cell: string; earnings: unknown }[] }>(
      "GET",
      `/accounts/${bob}/plots`,
    );
    expect(owned.body.plots).toMatchObject([{ cell: PARIS, earnings }]);

    const history = await ix.call<{
      credits: { role: string; amount: string; epochId: string | null; cell: string }[];
      claims: { amount: string; cumulative: string }[];
    }>("GET", `/accounts/${bob}/history`);
    expect(history.body.credits.map((c) => [c.role, c.amount, c.epochId, c.cell])).toEqual([
      ["owner", HXA("0.3").toString(), "2", PARIS],
      ["owner", HXA("0.3").toString(), "1", PARIS],
    ]);
    expect(history.body.claims.map((c) => [c.amount, c.cumulative])).toEqual([
      [HXA("0.3").toString(), HXA("0.6").toString()],
      [HXA("0.3").toString(), HXA("0.3").toString()],
    ]);

    const activity = (cells: string[]) =>
      ix.call<{ impressions: number; clicks: number }>("GET", `/areas/activity?cells=${cells.join(",")}`);
    expect((await activity([cellToParent(PARIS, 5)])).body).toMatchObject({ impressions: 2, clicks: 2 });
    expect((await activity([PARIS, TOKYO])).body).toMatchObject({ impressions: 2, clicks: 2 });
    expect((await activity([TOKYO])).body).toMatchObject({ impressions: 0, clicks: 0 });
  });

  it("shows HXA flows per role, and the chain's logs alone agree with them epoch by epoch", async () => {
    const flows = async (query: string) =>
      ix.call<{
        flows: { kind: string; amount: string; count: number; txs: string[]; epochs: string[] }[];
        roles: { role: string; paid: string; received: string; kind: string }[];
      }>("GET", `/economy/flows${query}`);
    const all = (await flows("")).body;
    const flow = (kind: string, f = all.flows) => f.find((x) => x.kind === kind);
    expect(flow("primarySale")).toMatchObject({ amount: HXA("10").toString(), count: 1 });
    expect(flow("budget")).toMatchObject({ amount: HXA("10").toString(), count: 1 });
    expect(flow("budget")?.txs).toHaveLength(1);
    expect(flow("viewer")).toMatchObject({ amount: HXA("1.2").toString(), epochs: ["1", "2"] });
    expect(flow("owner")?.amount).toBe(HXA("0.6").toString());
    expect(flow("protocol")?.amount).toBe(HXA("0.2").toString());
    expect(all.roles.find((r) => r.role === "viewers")).toMatchObject({ paid: "0", kind: "sink" });
    expect(all.roles.find((r) => r.role === "escrow")).toMatchObject({
      paid: HXA("2").toString(),
      received: HXA("10").toString(),
      kind: "both",
    });
    const second = (await flows("?epoch=2")).body;
    expect(flow("viewer", second.flows)).toMatchObject({ amount: HXA("0.6").toString(), epochs: ["2"] });
    expect(flow("budget", second.flows)?.amount).toBe("0");
    expect((await flows("?epoch=2&from=0")).status).toBe(400);
    expect((await flows("?from=10&to=5")).status).toBe(400);
    expect((await flows("?epoch=99")).status).toBe(404);

    // Over time: each role's net adds up from the same moves, and the nets of all roles cancel out.
    // Up to the newest block: its time may run a second ahead of the test clock (epoch 2's post did).
    const to = Math.max(clock.now, Number((await chain.publicClient.getBlock()).timestamp));
    const history = (
      await ix.call<{ points: { at: number; net: Record<string, string> }[] }>(
        "GET",
        `/economy/history?points=5&to=${to}`,
      )
    ).body.points;
    expect(history).toHaveLength(5);
    for (const p of history) {
      expect(Object.values(p.net).reduce((s, v) => s + BigInt(v), 0n)).toBe(0n);
    }
    const last = history[4]?.net ?? {};
    const amount = (kind: string) => BigInt(flow(kind)?.amount ?? "0");
    expect(BigInt(last.viewers ?? "")).toBe(HXA("1.2"));
    expect(BigInt(last.plotBuyers ?? "")).toBe(
      -(amount("primarySale") + amount("resale") + amount("marketFee")),
    );
    expect(BigInt(last.escrow ?? "")).toBe(HXA("10") - HXA("2"));
    // A quarter of the way (hours after epoch 1, a day before epoch 2) only the first click is settled.
    expect(history[1]?.net).toMatchObject({ escrow: HXA("9").toString(), viewers: HXA("0.6").toString() });
    expect(history[0]?.at).toBeLessThan(history[4]?.at ?? 0);
    expect((await ix.call("GET", "/economy/history?points=1")).status).toBe(400);
    expect((await ix.call("GET", "/economy/history?from=10&to=5")).status).toBe(400);

    // Per role people play: bob bought a plot and earns its share; the viewer only earned; alice only paid.
    const people = (
      await ix.call<{
        accounts: number;
        roles: { role: string; accounts: number; paying: number; earning: number }[];
      }>("GET", "/economy/accounts")
    ).body;
    const role = (r: string) => people.roles.find((x) => x.role === r);
    expect(people.accounts).toBe(3);
    expect(role("plotOwners")).toEqual({ role: "plotOwners", accounts: 1, paying: 1, earning: 1 });
    expect(role("viewers")).toEqual({ role: "viewers", accounts: 1, paying: 0, earning: 1 });
    expect(role("advertisers")).toEqual({ role: "advertisers", accounts: 1, paying: 1, earning: 0 });

    // The independent check reads only the chain, and the published leaves only where they rebuild the root.
    const leaves = async (epoch: bigint) => {
      const res = await ix.app.request(`/epochs/${epoch}/leaves.csv`);
      return res.ok ? res.text() : undefined;
    };
    const verdict = await verifyEconomy(chain.publicClient, chain.deployment, { leaves });
    expect(verdict).toMatchObject({ ok: true, epochs: 2, leafChecked: 2, notes: [] });
    // A leaf file that is not the one whose hash was posted does not count, even with the right leaves.
    const tampered = await verifyEconomy(chain.publicClient, chain.deployment, {
      leaves: async (epoch) =>
        `${await leaves(epoch)}`.replace("account,cumulative\n", "account,cumulative\r\n"),
    });
    expect(tampered).toMatchObject({ ok: true, leafChecked: 0 });
    expect(tampered.notes).toContain(
      "the published leaf file of epoch 1: its keccak256 is not the leavesHash posted on-chain; checked from claims only",
    );
    const settledShares = ["viewer", "owner", "protocol", "unownedShare"].reduce(
      (s, k) => s + BigInt(flow(k)?.amount ?? "0"),
      0n,
    );
    expect(verdict.totals).toMatchObject({ settled: settledShares, budgets: HXA("10"), claimed: HXA("1.8") });
    expect(verdict.totals.escrow).toBe(HXA("8.2"));
  });

  it("posts nothing when there is nothing to settle", async () => {
    expect(await settle()).toBeUndefined();
  });

  it("does not hand a plot's past earnings to its next owner's portfolio", async () => {
    const bob = chain.users[1] as LocalChain["users"][number];
    const carol = chain.users[2]?.account.address as `0x${string}`;
    await send(bob, {
      address: chain.deployment.Plots,
      abi: plotsAbi,
      functionName: "transferFrom",
      args: [bob.account.address, carol, id(PARIS)],
    });
    await ix.follower.syncOnce();
    const owned = await ix.call<{ plots: { cell: string; earnings: unknown }[] }>(
      "GET",
      `/accounts/${carol.toLowerCase()}/plots`,
    );
    expect(owned.body.plots).toMatchObject([
      { cell: PARIS, earnings: { earned: "0", pending: "0", clicks: 0 } },
    ]);
    // The plot itself keeps its whole record.
    const plot = await ix.call<{ earnings: { earned: string } }>("GET", `/plots/${PARIS}`);
    expect(plot.body.earnings.earned).toBe(HXA("0.6").toString());
  });
});
