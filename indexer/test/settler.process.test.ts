import { eq } from "drizzle-orm";
import { cellToParent, latLngToCell } from "h3-js";
import { parseEther } from "viem";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adMarketAbi } from "../src/chain/abis.js";
import { openDatabase } from "../src/db/client.js";
import { clicks, credits, settlementEpochs } from "../src/db/schema.js";
import { createCampaign, type LocalChain, localChain } from "./support/chain.js";
import { freshDatabaseUrl } from "./support/databases.js";
import { clickOverHttp } from "./support/money.js";
import { deploymentsDir, type IndexerProcess, spawnIndexer } from "./support/process.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
let chain: LocalChain;

beforeAll(async () => {
  chain = await localChain();
  const alice = chain.users[0] as LocalChain["users"][number];
  const now = Number((await chain.publicClient.getBlock()).timestamp);
  await createCampaign(chain, {
    from: alice,
    budget: "10",
    start: now,
    end: now + 86_400,
    targets: [cellToParent(PARIS, 5)],
  });
}, 240_000);
afterAll(() => chain?.stop());

/** Mines an empty block a second later, so an epoch may cut after the clicks made so far. */
async function tickChain() {
  await new Promise((r) => setTimeout(r, 1100));
  await chain.testClient.mine({ blocks: 1 });
}

/** A viewer clicks the Paris ad through the process's HTTP API. */
async function clickThrough(base: string) {
  const click = await clickOverHttp(chain, base, PARIS);
  expect(click).toMatchObject({ status: 201, body: { status: "accepted" } });
}

const pendingTxs = async () =>
  Number(
    ((await chain.publicClient.request({ method: "txpool_status" as never })) as { pending: string }).pending,
  );

it("SIGKILLed settler: after building (tx dropped) and after posting (tx mined), restarts lose and double nothing", async () => {
  const databaseUrl = await freshDatabaseUrl();
  const env = {
    RPC_URL: chain.anvil.rpcUrl,
    DATABASE_URL: databaseUrl,
    DEPLOYMENTS_DIR: deploymentsDir(chain.deployment),
    EPOCH_SECONDS: "1",
    CLICK_CAP_PER_CAMPAIGN: "10",
    // It clicks the instant an ad arrives: its subject is settlement, not invalid traffic.
    CLICK_MIN_MS: "0",
    CLICK_VIEWABLE_MS: "0",
    // Shown only when a wait times out (CI once saw no epoch built within 30 s and nothing logged).
    LOG_LEVEL: "debug",
  };
  const db = await openDatabase({ databaseUrl });
  const epochRow = async (id: bigint) =>
    (await db.db.select().from(settlementEpochs).where(eq(settlementEpochs.id, id)))[0];
  const lastEpochId = () =>
    chain.publicClient.readContract({
      address: chain.deployment.AdMarket,
      abi: adMarketAbi,
      functionName: "lastEpochId",
    });
  const waitUntil = async (f: () => Promise<boolean>, what: string, p: IndexerProcess) => {
    const deadline = Date.now() + 60_000;
    while (!(await f())) {
      if (Date.now() > deadline) {
        const state = {
          head: await chain.publicClient.getBlock(),
          clicks: await db.db.select().from(clicks),
          credits: await db.db.select().from(credits),
          now: Date.now(),
        };
        throw new Error(
          `timed out: ${what}\n${p.output()}\n${JSON.stringify(state, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const start = async () => {
    const p = spawnIndexer(env);
    await p.waitFor(/HEXADS_INDEXER_PORT=(\d+)/);
    const port = /HEXADS_INDEXER_PORT=(\d+)/.exec(p.output())?.[1];
    const base = `http://127.0.0.1:${port}`;
    // The follower indexes the campaign in the background: wait for it before asking for ads.
    await waitUntil(async () => (await fetch(`${base}/campaigns/1`)).status === 200, "campaign indexed", p);
    return { p, base };
  };

  // 1. Killed between building and posting: the transaction never reaches a block.
  let { p, base } = await start();
  await chain.testClient.setAutomine(false);
  await clickThrough(base);
  await tickChain();
  await waitUntil(async () => (await pendingTxs()) > 0, "postEpoch in the mempool", p);
  await p.kill("SIGKILL");
  await chain.publicClient.request({ method: "anvil_dropAllTransactions" as never });
  await chain.testClient.setAutomine(true);
  const built = await epochRow(1n);
  expect(built?.status).toBe("built");
  expect(await lastEpochId()).toBe(0n);

  ({ p, base } = await start());
  await waitUntil(async () => (await epochRow(1n))?.status === "posted", "epoch 1 posted after restart", p);
  expect(await lastEpochId()).toBe(1n);
  const posted1 = await chain.publicClient.getContractEvents({
    address: chain.deployment.AdMarket,
    abi: adMarketAbi,
    eventName: "EpochPosted",
    fromBlock: 0n,
  });
  expect(posted1.map((l) => l.args.root)).toEqual([built?.root]);

  // 2. Killed after posting but before recording: the transaction is mined after the kill.
  await chain.testClient.setAutomine(false);
  await clickThrough(base);
  await tickChain();
  await waitUntil(async () => (await pendingTxs()) > 0, "second postEpoch in the mempool", p);
  await p.kill("SIGKILL");
  await chain.testClient.mine({ blocks: 1 });
  await chain.testClient.setAutomine(true);
  expect(await lastEpochId()).toBe(2n);
  expect((await epochRow(2n))?.status).toBe("built");

  ({ p, base } = await start());
  await waitUntil(async () => (await epochRow(2n))?.status === "posted", "epoch 2 recorded after restart", p);
  type Status = { settlement: { conservation: { ok: boolean; leaves: string } | null } };
  let status: Status = { settlement: { conservation: null } };
  // The conservation check runs right after the epoch is recorded.
  await waitUntil(
    async () => {
      status = (await (await fetch(`${base}/status`)).json()) as Status;
      return status.settlement.conservation !== null;
    },
    "conservation checked",
    p,
  );
  await p.kill("SIGTERM");
  expect(await lastEpochId()).toBe(2n);
  const all = await chain.publicClient.getContractEvents({
    address: chain.deployment.AdMarket,
    abi: adMarketAbi,
    eventName: "EpochPosted",
    fromBlock: 0n,
  });
  expect(all.map((l) => l.args.epochId)).toEqual([1n, 2n]);
  const campaign = await chain.publicClient.readContract({
    address: chain.deployment.AdMarket,
    abi: adMarketAbi,
    functionName: "getCampaign",
    args: [1n],
  });
  expect(campaign.spent).toBe(parseEther("2"));
  expect(status.settlement.conservation).toMatchObject({ ok: true, leaves: parseEther("2").toString() });
  await db.close();
}, 240_000);
