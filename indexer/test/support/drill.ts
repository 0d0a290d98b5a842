// Shared pieces of the crash, reorg and failover drills (test/drills): the profile (quick in
// `npm test`, long with SOAK=1), a seeded random source, and the ledger checks every drill ends with.
import { asc, desc, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { adMarketAbi, plotsAbi } from "../../src/chain/abis.js";
import { type Db, openDatabase } from "../../src/db/client.js";
import {
  blocks,
  campaignSpend,
  clicks,
  credits,
  epochLeaves,
  epochs,
  settlementEpochs,
} from "../../src/db/schema.js";
import { createCampaign, type LocalChain, localIndexer } from "./chain.js";
import { freshDatabaseUrl } from "./databases.js";
import { dumpState } from "./dump.js";
import { deploymentsDir } from "./process.js";
import { type SeededRandom, seededRandom } from "./random.js";

/** `npm run test:soak` sets SOAK=1: many more rounds of every drill. */
export const SOAK = process.env.SOAK === "1";

/** `quick` rounds in `npm test`, `soak` rounds under SOAK=1. */
export const rounds = (quick: number, soak: number) => (SOAK ? soak : quick);

/**
 * A seeded random source (mulberry32). The seed comes from DRILL_SEED or is drawn, and is printed,
 * so a failing drill can be replayed exactly.
 */
export function drillRandom(name: string) {
  const seed = Number(process.env.DRILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`${name}: DRILL_SEED=${seed}`);
  return seededRandom(seed);
}
export type DrillRandom = SeededRandom;

/** Polls `check` until it holds; fails with `what` (and `context()`, e.g. a process's output). */
export async function until(
  check: () => Promise<boolean>,
  what: string,
  { timeoutMs = 30_000, context = () => "" }: { timeoutMs?: number; context?: () => string } = {},
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The newest block the index holds, or -1. */
export const indexedTip = async (db: Db) =>
  (await db.select({ n: blocks.number }).from(blocks).orderBy(desc(blocks.number)).limit(1))[0]?.n ?? -1n;

/** Waits until the index holds the chain's head (nothing new is being mined). */
export const untilIndexedHead = (db: Db, chain: LocalChain, context?: () => string) =>
  until(
    async () => (await indexedTip(db)) === (await chain.publicClient.getBlockNumber({ cacheTime: 0 })),
    "index at the head",
    { context },
  );

/** Mines a block once the wall clock is past `atMs` (a click's time), so an epoch may cut after it. */
export async function tickChainPast(chain: LocalChain, atMs: number) {
  const wait = atMs + 1100 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await chain.testClient.mine({ blocks: 1 });
}

/** The drills' campaign: 1 HXA a click for 30 days over `area` (an H3 cell), paid by user 0. */
export async function createDrillCampaign(chain: LocalChain, area: string, budget: string) {
  const now = Number((await chain.publicClient.getBlock()).timestamp);
  await createCampaign(chain, { budget, start: now - 1, end: now + 30 * 86_400, targets: [area] });
}

/**
 * A fresh PostgreSQL database and the environment of the drills' indexer processes on it: epochs
 * every second, one impression key for all of them, click limits out of the way.
 */
export async function drillDatabase(chain: LocalChain) {
  const databaseUrl = await freshDatabaseUrl();
  const database = await openDatabase({ databaseUrl });
  const env = {
    RPC_URL: chain.anvil.rpcUrl,
    DATABASE_URL: databaseUrl,
    DEPLOYMENTS_DIR: deploymentsDir(chain.deployment),
    IMPRESSION_KEY: "ab".repeat(32),
    EPOCH_SECONDS: "1",
    CLICK_CAP_PER_CAMPAIGN: "100000",
    CLICK_CAP_PER_DAY: "100000",
    CLICK_IP_LIMIT: "100000",
    CLICK_VELOCITY_MAX: "100000",
    CLICK_SUBNET_VIEWERS: "100000",
    CLICK_MIN_MS: "0",
    CLICK_VIEWABLE_MS: "0",
  };
  return { database, env };
}

/**
 * Plot ownership as the chain's own Transfer logs tell it (read straight from the node, not from
 * the index): `(cell, block)` gives the owner after that block, or null if nobody owned it then.
 * Logs rather than `ownerOf` at a block: anvil does not keep every historical state after reorgs.
 */
export async function chainOwnership(chain: LocalChain) {
  const logs = await chain.publicClient.getContractEvents({
    address: chain.deployment.Plots,
    abi: plotsAbi,
    eventName: "Transfer",
    fromBlock: 0n,
  });
  return (cell: bigint, block: bigint): string | null => {
    let owner: string | null = null;
    for (const l of logs) {
      if (l.args.tokenId === cell && (l.blockNumber as bigint) <= block)
        owner = (l.args.to as string).toLowerCase();
    }
    return owner;
  };
}

/** The index (events and every projection) equals a clean index of the chain as it is now. */
export async function expectEqualToCleanIndex(db: Db, chain: LocalChain) {
  const clean = await localIndexer(chain, { databaseUrl: await freshDatabaseUrl() });
  try {
    await clean.follower.syncOnce();
    expect(await dumpState(db)).toEqual(await dumpState(clean.database.db));
  } finally {
    await clean.close();
  }
}

/**
 * Credits equal the accepted clicks exactly: every accepted click's credits sum to its cpc, no
 * other click has any, and each campaign's credited spend is the sum of its credits.
 */
export async function expectCreditsMatchClicks(db: Db) {
  const perClick = await db
    .select({
      status: clicks.status,
      cpc: clicks.cpc,
      credited: sql<string | null>`sum(${credits.amount})::text`,
    })
    .from(clicks)
    .leftJoin(credits, eq(credits.clickId, clicks.id))
    .groupBy(clicks.id);
  for (const c of perClick) expect(c.credited).toBe(c.status === "accepted" ? c.cpc : null);
  const orphans = await db
    .select({ id: credits.id })
    .from(credits)
    .where(sql`not exists (select 1 from clicks k where k.id = ${credits.clickId})`);
  expect(orphans).toEqual([]);
  const spend = await db.select().from(campaignSpend).orderBy(asc(campaignSpend.campaignId));
  const byCampaign = await db
    .select({ campaignId: credits.campaignId, total: sql<string>`sum(${credits.amount})::text` })
    .from(credits)
    .groupBy(credits.campaignId)
    .orderBy(credits.campaignId);
  expect(spend.map((s) => [s.campaignId, s.credited])).toEqual(
    byCampaign.map((s) => [s.campaignId, s.total]),
  );
  return perClick.filter((c) => c.status === "accepted").length;
}

/** Every owner share went to the plot's owner at its click's `at_block` on the chain (else the treasury). */
export async function expectOwnerSharesFollowChain(db: Db, chain: LocalChain) {
  const rows = await db
    .select({ account: credits.account, cell: clicks.cell, atBlock: clicks.atBlock })
    .from(credits)
    .innerJoin(clicks, eq(clicks.id, credits.clickId))
    .where(eq(credits.role, "owner"));
  const treasury = chain.deployment.treasury.toLowerCase();
  const ownerAt = await chainOwnership(chain);
  const expected = rows.map((r) => ownerAt(r.cell as bigint, r.atBlock as bigint) ?? treasury);
  expect(rows.map((r) => r.account)).toEqual(expected);
  return rows.length;
}

/**
 * The chain's epochs equal the database's: one EpochPosted per id, each with the root, total and
 * cutoff the settler built and recorded as posted, the index agreeing, and the posted total equal
 * to the sum of the last epoch's leaves and of the settled credits.
 */
export async function expectEpochsMatchChain(db: Db, chain: LocalChain) {
  const logs = await chain.publicClient.getContractEvents({
    address: chain.deployment.AdMarket,
    abi: adMarketAbi,
    eventName: "EpochPosted",
    fromBlock: 0n,
  });
  const onChain = logs.map((l) => ({
    id: l.args.epochId,
    root: l.args.root,
    total: l.args.total?.toString(),
    cutoff: Number(l.args.cutoff),
  }));
  const built = await db.select().from(settlementEpochs).orderBy(asc(settlementEpochs.id));
  const posted = built.filter((e) => e.status === "posted");
  // Only the newest epoch may still wait for its post or its confirmations.
  expect(built.length - posted.length).toBeLessThanOrEqual(1);
  expect(onChain.slice(0, posted.length)).toEqual(
    posted.map((e) => ({ id: e.id, root: e.root, total: e.total, cutoff: e.cutoff })),
  );
  expect(onChain.length - posted.length).toBeLessThanOrEqual(built.length - posted.length);
  const indexed = await db.select().from(epochs).orderBy(asc(epochs.id));
  expect(indexed.map((e) => ({ id: e.id, root: e.root, total: e.total, cutoff: e.cutoff }))).toEqual(onChain);
  const settledTotal = await chain.publicClient.readContract({
    address: chain.deployment.AdMarket,
    abi: adMarketAbi,
    functionName: "settledTotal",
  });
  const last = posted.at(-1);
  if (last && onChain.length === posted.length) {
    const [leaves] = await db
      .select({ total: sql<string>`coalesce(sum(${epochLeaves.cumulative}), 0)::text` })
      .from(epochLeaves)
      .where(eq(epochLeaves.epochId, last.id));
    const [settled] = await db
      .select({ total: sql<string>`coalesce(sum(${credits.amount}), 0)::text` })
      .from(credits)
      .where(sql`${credits.epochId} <= ${last.id}`);
    expect(BigInt(leaves?.total ?? 0)).toBe(settledTotal);
    expect(BigInt(settled?.total ?? 0)).toBe(settledTotal);
  }
  return posted.length;
}
