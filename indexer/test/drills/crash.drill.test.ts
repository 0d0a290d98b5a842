// Crash drill: the indexer runs as its own process on PostgreSQL (follower + settler + API) and is
// SIGKILLed, round after round, at a random point of one phase: mid-backfill, while following the
// chain with clicks arriving, between building an epoch and posting it, and between posting it and
// recording it (the last two through HEXADS_CRASH_AT, the settler's crash hook). After each kill a
// restarted process recovers, and then: the database equals a clean re-index, the credits equal the
// accepted clicks exactly, owner shares follow the chain, and the chain's epochs equal the database's.

import { desc, isNull } from "drizzle-orm";
import { cellToParent, gridDisk, latLngToCell } from "h3-js";
import { maxUint256 } from "viem";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adMarketAbi, plotsAbi } from "../../src/chain/abis.js";
import type { Database } from "../../src/db/client.js";
import { clicks, credits, settlementEpochs } from "../../src/db/schema.js";
import { type LocalChain, localChain } from "../support/chain.js";
import {
  createDrillCampaign,
  drillDatabase,
  drillRandom,
  expectCreditsMatchClicks,
  expectEpochsMatchChain,
  expectEqualToCleanIndex,
  expectOwnerSharesFollowChain,
  rounds,
  SOAK,
  tickChainPast,
  indexedTip as tipOf,
  until,
  untilIndexedHead,
} from "../support/drill.js";
import { clickOverHttp } from "../support/money.js";
import { type IndexerProcess, spawnIndexer, spawnIndexerApi } from "../support/process.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
const AREA = cellToParent(PARIS, 4);
const CELLS = gridDisk(PARIS, 3).filter((c) => cellToParent(c, 4) === AREA);
const FAR = gridDisk(latLngToCell(-33.87, 151.21, 7), 40);
const id = (cell: string) => BigInt(`0x${cell}`);
const PHASES = ["backfill", "live", "after-build", "after-post"] as const;
type Phase = (typeof PHASES)[number];
type Wallet = LocalChain["users"][number];

let chain: LocalChain;
let database: Database;
let env: Record<string, string>;
const rng = drillRandom("crash drill");
/** Click ids the API answered 201 for: each must be paid exactly once, whatever was killed when. */
const acceptedByApi = new Set<string>();
let farCursor = 0;

beforeAll(async () => {
  chain = await localChain();
  await createDrillCampaign(chain, AREA, "50000");
  ({ database, env } = await drillDatabase(chain));
}, 120_000);
afterAll(async () => {
  await database?.close();
  await chain?.stop();
});

const head = () => chain.publicClient.getBlockNumber({ cacheTime: 0 });
const indexedTip = () => tipOf(database.db);
const lastEpochOnChain = () =>
  chain.publicClient.readContract({
    address: chain.deployment.AdMarket,
    abi: adMarketAbi,
    functionName: "lastEpochId",
  });
const epochRows = () => database.db.select().from(settlementEpochs).orderBy(desc(settlementEpochs.id));

/** Starts an indexer process and waits until its API serves the campaign. */
const start = (extra: Record<string, string> = {}) => spawnIndexerApi({ ...env, ...extra }, "/campaigns/1");

/** Blocks of plot purchases far from the campaign, for the follower to work through. */
async function backlog(txs: number) {
  const buyer = chain.users[3] as Wallet;
  for (let i = 0; i < txs; i++) {
    const batch = FAR.slice(farCursor, farCursor + 3).map(id);
    farCursor += 3;
    await chain.publicClient.waitForTransactionReceipt({
      hash: await buyer.writeContract({
        address: chain.deployment.Plots,
        abi: plotsAbi,
        functionName: "buyBatch",
        args: [batch, maxUint256],
      }),
    });
  }
}

/** A plot of the campaign's area changes hands: bought if free, else passed to another user. */
async function trade() {
  const cell = id(rng.pick(CELLS));
  const owner = await chain.publicClient
    .readContract({ address: chain.deployment.Plots, abi: plotsAbi, functionName: "ownerOf", args: [cell] })
    .catch(() => undefined);
  const users = chain.users.slice(1, 3) as Wallet[];
  const from = users.find((u) => u.account.address === owner);
  const hash = from
    ? await from.writeContract({
        address: chain.deployment.Plots,
        abi: plotsAbi,
        functionName: "transferFrom",
        args: [from.account.address, (users.find((u) => u !== from) as Wallet).account.address, cell],
      })
    : await rng.pick(users).writeContract({
        address: chain.deployment.Plots,
        abi: plotsAbi,
        functionName: "buy",
        args: [cell, maxUint256],
      });
  await chain.publicClient.waitForTransactionReceipt({ hash });
}

/** Viewers click ads in the area (and plots trade now and then) until `stop` is set. */
function traffic(base: string) {
  const state = { stop: false, accepted: 0, failed: 0, lastClickAt: 0 };
  const done = (async () => {
    while (!state.stop) {
      try {
        if (rng.chance(0.2)) await trade();
        const res = await clickOverHttp(chain, base, rng.pick(CELLS));
        state.lastClickAt = Date.now();
        if (res.status === 201 && res.body.clickId) {
          acceptedByApi.add(res.body.clickId);
          state.accepted++;
        }
      } catch {
        // The process died mid-request: whether that click was paid is for the checks to settle.
        state.failed++;
        state.lastClickAt = Date.now();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  })();
  return Object.assign(state, { done });
}

/** Runs one phase and SIGKILLs the process somewhere inside it (or lets the crash hook do it). */
async function killDuring(phase: Phase): Promise<string> {
  if (phase === "backfill") {
    await backlog(rng.int(30, 50));
    const from = await indexedTip();
    const to = await head();
    // Small batches: the backfill takes many commits to kill between.
    const p = spawnIndexer({ ...env, MAX_BLOCK_RANGE: "2" });
    const target = from + ((to - from) * BigInt(rng.int(10, 70))) / 100n;
    await until(async () => (await indexedTip()) >= target, "backfill progress", { context: p.output });
    await p.kill("SIGKILL");
    const at = await indexedTip();
    expect(at).toBeLessThan(to); // killed mid-backfill
    return `backfill at block ${at} of ${to}`;
  }
  if (phase === "live") {
    const { p, base } = await start();
    const flow = traffic(base);
    await until(async () => flow.accepted > 0, "clicks accepted", { context: p.output });
    await new Promise((r) => setTimeout(r, rng.int(100, 1500)));
    await p.kill("SIGKILL");
    flow.stop = true;
    await flow.done;
    return `live after ${flow.accepted} clicks`;
  }
  // Settlement: clicks, then the chain's clock moves and the settler dies at the hook.
  const { p, base } = await start({ HEXADS_CRASH_AT: phase });
  const flow = traffic(base);
  const clicksWanted = rng.int(1, 4);
  await until(async () => flow.accepted >= clicksWanted || p.child.signalCode !== null, "clicks", {
    context: p.output,
  });
  flow.stop = true;
  await flow.done;
  if (p.child.signalCode === null) await tickChainPast(chain, flow.lastClickAt);
  await until(async () => p.child.signalCode !== null, `crash at ${phase}`, { context: p.output });
  expect(p.child.signalCode).toBe("SIGKILL");
  const [epoch] = await epochRows();
  expect(epoch?.status).toBe("built");
  // after-build: the chain has not seen the epoch; after-post: it has, the database has not recorded it.
  expect(await lastEpochOnChain()).toBe(phase === "after-build" ? (epoch?.id as bigint) - 1n : epoch?.id);
  return `${phase} of epoch ${epoch?.id}`;
}

/** A clean restart: catches up, settles every credit, and stops. */
async function recover(): Promise<IndexerProcess> {
  const { p } = await start();
  const settled = async () => {
    const [pending] = await database.db
      .select({ id: credits.id })
      .from(credits)
      .where(isNull(credits.epochId));
    const [epoch] = await epochRows();
    return !pending && (!epoch || (epoch.status === "posted" && epoch.id === (await lastEpochOnChain())));
  };
  const [last] = await database.db
    .select({ at: clicks.createdAt })
    .from(clicks)
    .orderBy(desc(clicks.id))
    .limit(1);
  await tickChainPast(chain, (last?.at ?? 0) * 1000);
  await until(settled, "everything settled after restart", { context: p.output });
  await untilIndexedHead(database.db, chain, p.output);
  await p.kill("SIGTERM");
  return p;
}

it(
  "SIGKILLed mid-backfill, mid-traffic, after building and after posting: every restart ends consistent",
  async () => {
    const count = rounds(PHASES.length, 24);
    const first = rng.int(0, PHASES.length - 1);
    const plan = Array.from({ length: count }, (_, i) =>
      i < PHASES.length ? PHASES[(first + i) % PHASES.length] : rng.pick(PHASES),
    ) as Phase[];
    const kills: string[] = [];
    for (const phase of plan) {
      kills.push(await killDuring(phase));
      const p = await recover();
      await expectEqualToCleanIndex(database.db, chain);
      const paid = await expectCreditsMatchClicks(database.db);
      const accepted = new Set(
        (await database.db.select({ id: clicks.id, status: clicks.status }).from(clicks))
          .filter((c) => c.status === "accepted")
          .map((c) => c.id.toString()),
      );
      expect([...acceptedByApi].filter((c) => !accepted.has(c))).toEqual([]);
      expect(paid).toBeGreaterThanOrEqual(acceptedByApi.size);
      await expectOwnerSharesFollowChain(database.db, chain);
      const epochs = await expectEpochsMatchChain(database.db, chain);
      expect(epochs).toBe(Number(await lastEpochOnChain()));
      expect(p.output()).not.toMatch(/SETTLEMENT HALTED/);
    }
    console.log("crash drill kills:", kills);
    for (const phase of PHASES) expect(plan.filter((p) => p === phase).length).toBeGreaterThan(0);
    expect(kills).toHaveLength(count);
  },
  SOAK ? 1_800_000 : 240_000,
);
