import { gridDisk, latLngToCell } from "h3-js";
import { maxUint256 } from "viem";
import { afterAll, beforeAll, expect, it } from "vitest";
import { plotsAbi } from "../src/chain/abis.js";
import { openDatabase } from "../src/db/client.js";
import { blocks, events } from "../src/db/schema.js";
import { type LocalChain, localChain, localIndexer } from "./support/chain.js";
import { freshDatabaseUrl } from "./support/databases.js";
import { dumpState } from "./support/dump.js";
import { deploymentsDir, spawnIndexer } from "./support/process.js";

const BATCHES = 40;
const PER_BATCH = 50;
let chain: LocalChain;

beforeAll(async () => {
  chain = await localChain();
  const cells = gridDisk(latLngToCell(-33.87, 151.21, 7), 40).slice(0, BATCHES * PER_BATCH);
  const buyer = chain.users[0] as LocalChain["users"][number];
  for (let i = 0; i < BATCHES; i++) {
    const batch = cells.slice(i * PER_BATCH, (i + 1) * PER_BATCH).map((c) => BigInt(`0x${c}`));
    const hash = await buyer.writeContract({
      address: chain.deployment.Plots,
      abi: plotsAbi,
      functionName: "buyBatch",
      args: [batch, maxUint256],
    });
    await chain.publicClient.waitForTransactionReceipt({ hash });
  }
}, 180_000);
afterAll(() => chain?.stop());

it("resumes after SIGKILL mid-backfill and ends equal to a clean index", async () => {
  const databaseUrl = await freshDatabaseUrl();
  const env = {
    RPC_URL: chain.anvil.rpcUrl,
    DATABASE_URL: databaseUrl,
    DEPLOYMENTS_DIR: deploymentsDir(chain.deployment),
    MAX_BLOCK_RANGE: "1", // one block per batch, so the backfill takes many commits
    ROLE: "follower",
  };
  const db = await openDatabase({ databaseUrl });
  const indexedEvents = async () => (await db.db.select({ n: events.logIndex }).from(events)).length;
  const total = BATCHES * PER_BATCH * 2;

  const first = spawnIndexer(env);
  const deadline = Date.now() + 60_000;
  while ((await indexedEvents()) < total / 4 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  await first.kill("SIGKILL");
  const atKill = await indexedEvents();
  expect(atKill).toBeGreaterThan(0);
  expect(atKill).toBeLessThan(total); // killed mid-backfill

  const second = spawnIndexer(env);
  const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  while (Date.now() < deadline) {
    const tip = await db.db.select({ n: blocks.number }).from(blocks);
    if (tip.some((b) => b.n === head)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await second.kill("SIGTERM");

  const clean = await localIndexer(chain, { databaseUrl: await freshDatabaseUrl() });
  await clean.follower.syncOnce();
  const resumed = await dumpState(db.db);
  expect(resumed.events.length).toBeGreaterThanOrEqual(total);
  expect(resumed).toEqual(await dumpState(clean.database.db));
  expect(resumed.plots).toHaveLength(BATCHES * PER_BATCH);
  await clean.close();
  await db.close();
});
