import { latLngToCell } from "h3-js";
import pg from "pg";
import { maxUint256 } from "viem";
import { afterAll, beforeAll, expect, it } from "vitest";
import { plotsAbi } from "../src/chain/abis.js";
import { type LocalChain, localChain } from "./support/chain.js";
import { freshDatabaseUrl } from "./support/databases.js";
import { deploymentsDir, spawnIndexer } from "./support/process.js";

let chain: LocalChain;
beforeAll(async () => {
  chain = await localChain();
}, 120_000);
afterAll(() => chain?.stop());

async function plotCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ n: string }>("select count(*)::text as n from plots");
  await c.end();
  return Number(rows[0]?.n);
}

async function buy(lat: number) {
  const hash = await (chain.users[1] as LocalChain["users"][number]).writeContract({
    address: chain.deployment.Plots,
    abi: plotsAbi,
    functionName: "buy",
    args: [BigInt(`0x${latLngToCell(lat, 0, 7)}`), maxUint256],
  });
  await chain.publicClient.waitForTransactionReceipt({ hash });
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

it("runs exactly one follower per database and fails over when the leader dies", async () => {
  const url = await freshDatabaseUrl();
  const env = {
    RPC_URL: chain.anvil.rpcUrl,
    DATABASE_URL: url,
    DEPLOYMENTS_DIR: deploymentsDir(chain.deployment),
  };
  const a = spawnIndexer(env);
  await a.waitFor(/elected leader/);
  const b = spawnIndexer(env);
  await b.waitFor(/indexer API listening/);

  await buy(1);
  await until(async () => (await plotCount(url)) === 1);
  // b serves the API but never became leader while a lives.
  await new Promise((r) => setTimeout(r, 1500));
  expect(b.output()).not.toMatch(/elected leader/);

  const killedAt = Date.now();
  await a.kill("SIGKILL");
  await b.waitFor(/elected leader/, 10_000);
  expect(Date.now() - killedAt).toBeLessThan(10_000);
  await buy(2);
  await until(async () => (await plotCount(url)) === 2);
  await b.kill("SIGTERM");
});
