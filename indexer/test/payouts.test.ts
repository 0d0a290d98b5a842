// Sponsored payouts on anvil: viewers who hold no ETH end up with their HXA because the operator
// sends claimBatch for them, in batches, above a threshold, and never twice (restarts included).
import { cellToParent, latLngToCell } from "h3-js";
import { type Account, type Address, createWalletClient, http, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anvilAccount } from "../../tools/localChain.js";
import type { EarningsResponse } from "../src/api/schemas/accounts.js";
import { adMarketAbi, hexTokenAbi } from "../src/chain/abis.js";
import { Payouts } from "../src/settlement/payouts.js";
import { createCampaign, type LocalChain, localChain, silent } from "./support/chain.js";
import { chainTimeTo, type MoneyIndexer, moneyIndexer, newViewer, type Viewer } from "./support/money.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
const HXA = (n: string) => parseEther(n);

describe("sponsored payouts (anvil, PGlite)", () => {
  let chain: LocalChain;
  let ix: MoneyIndexer;
  const clock = { now: 0 };
  const operator = anvilAccount(9);
  const payouts = (threshold: string, batchSize = 50, account: Account = operator) =>
    new Payouts({
      db: ix.db,
      client: chain.publicClient,
      wallet: createWalletClient({ account, transport: http(chain.anvil.rpcUrl) }),
      deployment: chain.deployment,
      threshold: HXA(threshold),
      batchSize,
      intervalSeconds: 60,
      log: silent,
    });
  const hxa = (a: string) =>
    chain.publicClient.readContract({
      address: chain.deployment.HexToken,
      abi: hexTokenAbi,
      functionName: "balanceOf",
      args: [a as Address],
    });
  const nonce = () => chain.publicClient.getTransactionCount({ address: operator.address });
  const earnings = async (a: string) =>
    (await ix.call<EarningsResponse>("GET", `/accounts/${a}/earnings`)).body;

  /** A campaign over Paris at 1 HXA a click, clicked once by each new viewer; then an epoch. */
  const clickAndSettle = async (n: number): Promise<Viewer[]> => {
    const alice = chain.users[0] as LocalChain["users"][number];
    await createCampaign(chain, {
      from: alice,
      budget: "100",
      start: clock.now - 1,
      end: clock.now + 86_400,
      targets: [cellToParent(PARIS, 5)],
    });
    await ix.follower.syncOnce();
    const campaignId = (
      await chain.publicClient.readContract({
        address: chain.deployment.AdMarket,
        abi: adMarketAbi,
        functionName: "campaignCount",
      })
    ).toString();
    const viewers: Viewer[] = [];
    for (let i = 0; i < n; i++) {
      const v = newViewer();
      const ad = (await ix.ads(PARIS, await ix.openSession(v))).find((a) => a.campaignId === campaignId);
      expect((await ix.click(v, ad?.token as string, `10.9.0.${i}`)).status).toBe(201);
      viewers.push(v);
    }
    clock.now += 5;
    await chainTimeTo(chain, clock.now);
    expect(await ix.settler.tick()).toBeDefined();
    await ix.follower.syncOnce();
    return viewers;
  };

  beforeAll(async () => {
    chain = await localChain();
    clock.now = Number((await chain.publicClient.getBlock()).timestamp) + 1;
    ix = await moneyIndexer(chain, { dataDir: "memory://" }, clock);
    await ix.follower.syncOnce();
  });
  afterAll(async () => {
    await ix?.close();
    await chain?.stop();
  });

  it("pays accounts over the threshold in batches, without their ETH; the next round sends nothing", async () => {
    const viewers = await clickAndSettle(3);
    const [a, b, c] = viewers as [Viewer, Viewer, Viewer];
    const treasury = chain.deployment.treasury;
    const treasuryBefore = await hxa(treasury);
    for (const v of viewers) {
      expect(await chain.publicClient.getBalance({ address: v.address as Address })).toBe(0n);
    }

    // Over 0.7 HXA: only the treasury (3 × (0.3 owner share of an unowned plot + 0.1 protocol)).
    expect(await payouts("0.7").round()).toHaveLength(1);
    expect((await hxa(treasury)) - treasuryBefore).toBe(HXA("1.2"));
    expect(await hxa(a.address)).toBe(0n);

    // Someone claims for A meanwhile; the index has not seen it (no sync): the round skips A.
    const row = await earnings(a.address);
    await chain.users[1]?.writeContract({
      address: chain.deployment.AdMarket,
      abi: adMarketAbi,
      functionName: "claim",
      args: [
        a.address as Address,
        BigInt(row.claim?.cumulative ?? 0),
        (row.claim?.proof ?? []) as `0x${string}`[],
      ],
    });
    const before = await nonce();
    const sent = await payouts("0.5", 1).round();
    expect(sent).toHaveLength(2); // B and C, one per batch; A's claim would have reverted the batch
    expect(await nonce()).toBe(before + 2);
    for (const v of [a, b, c]) {
      expect(await hxa(v.address)).toBe(HXA("0.6"));
      expect(await chain.publicClient.getBalance({ address: v.address as Address })).toBe(0n);
    }

    // Still not synced, so the index thinks B and C are unpaid: the chain says otherwise; no transaction.
    expect(await payouts("0.5", 1).round()).toEqual([]);
    expect(await nonce()).toBe(before + 2);
    await ix.follower.syncOnce();
    expect((await earnings(b.address)).claimable).toBe("0");
  });

  it("a restart while a payout is unmined sends nothing until it is mined", async () => {
    const viewers = await clickAndSettle(2);
    await chain.testClient.setAutomine(false);
    const first = payouts("0.5").round();
    // Wait until the batch is in the mempool, then start a second job as a restarted process would.
    await expect
      .poll(
        async () =>
          (await chain.publicClient.getTransactionCount({ address: operator.address, blockTag: "pending" })) -
          (await nonce()),
      )
      .toBe(1);
    const restarted = payouts("0.5");
    expect(await restarted.round()).toEqual([]);
    await chain.testClient.mine({ blocks: 1 });
    await chain.testClient.setAutomine(true);
    expect(await first).toHaveLength(1);
    expect(await restarted.round()).toEqual([]);
    for (const v of viewers) expect(await hxa(v.address)).toBe(HXA("0.6"));
  });

  it("an operator without ETH sends nothing and says why", async () => {
    const [v] = (await clickAndSettle(1)) as [Viewer];
    const broke = payouts("0.5", 50, privateKeyToAccount(generatePrivateKey()));
    expect(await broke.round()).toEqual([]);
    expect(broke.status().problem).toMatch(/fund it from the treasury/);
    expect(await hxa(v.address)).toBe(0n);
  });

  it("earnings say when the next payout comes", async () => {
    ix.money.payouts = { threshold: HXA("0.5"), intervalSeconds: 60 };
    const [v] = (await clickAndSettle(1)) as [Viewer];
    // The epoch is active at once on the dev chain (no challenge period): the next round pays it.
    expect((await earnings(v.address)).payout).toEqual({
      threshold: HXA("0.5").toString(),
      waitingFor: "round",
      at: Math.ceil(clock.now / 60) * 60,
    });
    await payouts("0.5").round();
    await ix.follower.syncOnce();
    expect((await earnings(v.address)).payout?.waitingFor).toBe("threshold");
    expect((await earnings(v.address)).payout?.at).toBeNull();
  });
});
