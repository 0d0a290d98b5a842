// Reorg drill: plots are bought and resold and ads clicked while anvil_reorg replaces the last 1-20
// blocks, and the settler (finality depth 20) cuts and posts epochs in between. After every reorg the
// index equals a clean index of the new chain, plots sold on the orphaned branch are back with their
// previous owner, every owner share follows the chain (the owner at its click's chain position), and
// nothing settled changes.
import { eq, isNotNull, isNull } from "drizzle-orm";
import { cellToParent, gridDisk, latLngToCell } from "h3-js";
import { encodeFunctionData, maxUint256, parseEther } from "viem";
import { afterAll, expect, it } from "vitest";
import { adMarketAbi, plotsAbi } from "../../src/chain/abis.js";
import { credits, epochLeaves, events, plots, settlementEpochs } from "../../src/db/schema.js";
import { type LocalChain, localChain } from "../support/chain.js";
import { freshDatabaseUrl } from "../support/databases.js";
import {
  chainOwnership,
  createDrillCampaign,
  drillRandom,
  expectCreditsMatchClicks,
  expectEpochsMatchChain,
  expectEqualToCleanIndex,
  expectOwnerSharesFollowChain,
  rounds,
  SOAK,
} from "../support/drill.js";
import { chainTimeTo, type MoneyIndexer, moneyIndexer, newViewer } from "../support/money.js";

const FINALITY = 20;
const PARIS = latLngToCell(48.8566, 2.3522, 7);
const AREA = cellToParent(PARIS, 4);
const CELLS = gridDisk(PARIS, 3).filter((c) => cellToParent(c, 4) === AREA);
const id = (cell: string) => BigInt(`0x${cell}`);
type Wallet = LocalChain["users"][number];

let chain: LocalChain;
let ix: MoneyIndexer;
const clock = { now: 0 };
const rng = drillRandom("reorg drill");

/**
 * A fresh chain, database and indexer. The soak starts a new one every ROUNDS_PER_CHAIN reorgs:
 * after about a thousand blocks of reorgs anvil loses its state (the contracts' code vanishes).
 */
async function newWorld() {
  await ix?.close();
  await chain?.stop();
  chain = await localChain();
  clock.now = Number((await chain.publicClient.getBlock()).timestamp) + 1;
  ix = await moneyIndexer(chain, { databaseUrl: await freshDatabaseUrl() }, clock, FINALITY);
  await createDrillCampaign(chain, AREA, "10000");
  // The campaign must be final before the drill: reorgs here replace plot trades, not campaigns.
  await chain.testClient.mine({ blocks: FINALITY + 1 });
  await ix.follower.syncOnce();
}
const ROUNDS_PER_CHAIN = 10;
afterAll(async () => {
  await ix?.close();
  await chain?.stop();
});

const plotsAt = { address: () => chain.deployment.Plots, abi: plotsAbi };
const send = async (w: Wallet, functionName: "buy" | "list" | "buyListed", args: readonly unknown[]) => {
  const receipt = await chain.publicClient.waitForTransactionReceipt({
    hash: await w.writeContract({ address: plotsAt.address(), abi: plotsAbi, functionName, args } as never),
  });
  expect(receipt.status).toBe("success");
};
const walletOf = (address: string) =>
  chain.users.find((u) => u.account.address.toLowerCase() === address) as Wallet;

/** One trade on a random plot of the area: a primary buy if nobody owns it, else a resale to another user. */
async function trade(): Promise<string> {
  const cell = rng.pick(CELLS);
  const owner = (await chainOwnership(chain))(
    id(cell),
    await chain.publicClient.getBlockNumber({ cacheTime: 0 }),
  );
  if (!owner) {
    await send(rng.pick(chain.users), "buy", [id(cell), maxUint256]);
    return cell;
  }
  const buyer = rng.pick(chain.users.filter((u) => u.account.address.toLowerCase() !== owner));
  await send(walletOf(owner), "list", [id(cell), parseEther("1"), BigInt(clock.now + 86_400)]);
  await send(buyer, "buyListed", [id(cell), parseEther("1")]);
  return cell;
}

/** A new viewer clicks the ad in `cell`; the click must be paid. */
async function click(cell: string) {
  clock.now += 1;
  const v = newViewer();
  const ads = await ix.ads(cell, await ix.openSession(v));
  const res = await ix.click(v, ads[0]?.token as string, `10.9.${rng.int(0, 255)}.${rng.int(0, 255)}`);
  expect(res.status).toBe(201);
}

/** `steps` trades, each followed, once indexed, by clicks in the plot just traded and in another. */
async function activity(steps: number) {
  for (let step = 0; step < steps; step++) {
    const traded = await trade();
    await ix.follower.syncOnce();
    for (let n = rng.int(1, 2); n > 0; n--) await click(traded);
    await click(rng.pick(CELLS));
  }
}

/** Moves the chain past the clicks so far and lets the settler cut, post, or record an epoch. */
async function settle(blocks: number) {
  clock.now += 1;
  await chainTimeTo(chain, clock.now);
  await chain.testClient.mine({ blocks });
  await ix.follower.syncOnce();
  const posted = await ix.settler.tick();
  await ix.follower.syncOnce();
  return posted;
}

/** What was settled (posted epochs' leaves and their credits): a reorg must change none of it. */
async function settledSnapshot() {
  const posted = await ix.db
    .select({ id: settlementEpochs.id, root: settlementEpochs.root })
    .from(settlementEpochs)
    .where(eq(settlementEpochs.status, "posted"));
  const ids = new Set(posted.map((p) => p.id));
  const leaves = (await ix.db.select().from(epochLeaves)).filter((l) => ids.has(l.epochId));
  const settledCredits = (await ix.db.select().from(credits).where(isNotNull(credits.epochId))).filter((c) =>
    ids.has(c.epochId as bigint),
  );
  return { posted, leaves, settledCredits };
}

it(
  "anvil_reorg at depths 1-20 amid trades, clicks and settlement: index, owner shares and epochs follow the chain",
  async () => {
    // Quick: the deepest, a middle and the shallowest reorg. Soak: every depth, then random ones.
    const depths = SOAK
      ? [...Array.from({ length: 20 }, (_, i) => 20 - i), ...Array.from({ length: 10 }, () => rng.int(1, 20))]
      : [20, 7, 1];
    expect(depths.length).toBe(rounds(3, 30));
    const seen = { orphanedSales: 0, orphanedPosts: 0, movedShares: 0, epochs: 0 };
    const ownerShares = async () =>
      new Map(
        (await ix.db.select().from(credits).where(eq(credits.role, "owner"))).map((c) => [c.id, c.account]),
      );
    let paid = 0;
    for (const [round, depth] of depths.entries()) {
      if (round % ROUNDS_PER_CHAIN === 0) {
        if (round > 0) paid += await settleAllAndCheck();
        await newWorld();
      }
      await activity(rng.int(2, 5));
      // Often an epoch is in flight (posted, not final yet) when the reorg comes.
      if (rng.chance(0.5) || depth === 20) {
        await settle(FINALITY + 1);
        await activity(rng.int(1, 2));
      }
      const before = await settledSnapshot();
      const sharesBefore = await ownerShares();
      const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
      const transfers = await ix.db
        .select({ cell: events.cell, block: events.blockNumber })
        .from(events)
        .where(eq(events.name, "Transfer"));
      const soldOrphaned = transfers.filter((r) => r.block > head - BigInt(depth));
      const [inFlight] = await ix.db
        .select()
        .from(settlementEpochs)
        .where(eq(settlementEpochs.status, "built"));
      const postBlock = inFlight
        ? (
            await chain.publicClient.getContractEvents({
              address: chain.deployment.AdMarket,
              abi: adMarketAbi,
              eventName: "EpochPosted",
              args: { epochId: inFlight.id },
              fromBlock: 0n,
            })
          )[0]?.blockNumber
        : undefined;

      // The new branch: `depth` blocks, one of them with a primary buy of a plot nobody had.
      const fresh = CELLS.filter((c) => !transfers.some((t) => t.cell === id(c)));
      const replacement = fresh.length
        ? [
            [
              {
                from: rng.pick(chain.users).account.address,
                to: chain.deployment.Plots,
                data: encodeFunctionData({
                  abi: plotsAbi,
                  functionName: "buy",
                  args: [id(fresh[0] as string), maxUint256],
                }),
                gas: "0x100000",
              },
              rng.int(0, depth - 1),
            ],
          ]
        : [];
      await chain.testClient.request({
        method: "anvil_reorg" as never,
        params: [depth, replacement] as never,
      });
      await ix.follower.syncOnce();

      await expectEqualToCleanIndex(ix.db, chain);
      const now = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
      const ownerAt = await chainOwnership(chain);
      for (const { cell } of soldOrphaned) {
        const [row] = await ix.db
          .select()
          .from(plots)
          .where(eq(plots.cell, cell as bigint));
        expect(row?.owner ?? null).toBe(ownerAt(cell as bigint, now));
      }
      seen.orphanedSales += soldOrphaned.length;
      for (const [credit, account] of await ownerShares())
        if (sharesBefore.has(credit) && sharesBefore.get(credit) !== account) seen.movedShares++;
      if (postBlock !== undefined && postBlock > head - BigInt(depth)) seen.orphanedPosts++;
      await expectOwnerSharesFollowChain(ix.db, chain);
      await expectCreditsMatchClicks(ix.db);
      expect(await settledSnapshot()).toEqual(before);
      // Whatever was in flight is recorded once it is final (re-sent if the reorg dropped it).
      if (inFlight) {
        await settle(FINALITY + 1);
        await expectEpochsMatchChain(ix.db, chain);
      }
    }

    paid += await settleAllAndCheck();
    console.log("reorg drill:", { depths: depths.length, paid, ...seen });
    expect(seen.orphanedSales).toBeGreaterThan(0);
    expect(seen.orphanedPosts).toBeGreaterThan(0);
    expect(seen.movedShares).toBeGreaterThan(0);

    /** Settles everything left, waits for finality, and compares the whole ledger with the chain. */
    async function settleAllAndCheck() {
      const unsettled = async () =>
        (await ix.db.select().from(credits).where(isNull(credits.epochId))).length +
        (await ix.db.select().from(settlementEpochs).where(eq(settlementEpochs.status, "built"))).length;
      for (let i = 0; i < 6 && (await unsettled()) > 0; i++) await settle(FINALITY + 1);
      expect(await unsettled()).toBe(0);
      seen.epochs += await expectEpochsMatchChain(ix.db, chain);
      await expectOwnerSharesFollowChain(ix.db, chain);
      expect(ix.settler.status().conservation?.ok).toBe(true);
      return expectCreditsMatchClicks(ix.db);
    }
  },
  SOAK ? 900_000 : 180_000,
);
