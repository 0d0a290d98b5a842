// Failover drill: two indexer processes share one PostgreSQL database; the leader (follower +
// settler) is killed in the middle of an epoch, after building it or after posting it (the
// settler's crash hook) or at a random moment after the chain's clock passed the clicks. The
// standby, which kept serving the API, takes the advisory lock within the retry period and finishes
// that epoch exactly once: one EpochPosted for its id on the chain, and the database agrees.
import { desc, isNull } from "drizzle-orm";
import { cellToParent, latLngToCell } from "h3-js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adMarketAbi } from "../../src/chain/abis.js";
import type { Database } from "../../src/db/client.js";
import { credits, settlementEpochs } from "../../src/db/schema.js";
import { type LocalChain, localChain } from "../support/chain.js";
import {
  createDrillCampaign,
  drillDatabase,
  drillRandom,
  expectCreditsMatchClicks,
  expectEpochsMatchChain,
  rounds,
  SOAK,
  tickChainPast,
  until,
  untilIndexedHead,
} from "../support/drill.js";
import { clickOverHttp } from "../support/money.js";
import { spawnIndexerApi } from "../support/process.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
/** The standby retries the lock every second (indexer.ts); allow for a loaded 2-core machine. */
const TAKEOVER_MS = 5_000;
const KILLS = ["after-build", "after-post", "random"] as const;

let chain: LocalChain;
let database: Database;
let env: Record<string, string>;
const rng = drillRandom("failover drill");

beforeAll(async () => {
  chain = await localChain();
  await createDrillCampaign(chain, cellToParent(PARIS, 5), "10000");
  ({ database, env } = await drillDatabase(chain));
}, 120_000);
afterAll(async () => {
  await database?.close();
  await chain?.stop();
});

const lastEpochOnChain = () =>
  chain.publicClient.readContract({
    address: chain.deployment.AdMarket,
    abi: adMarketAbi,
    functionName: "lastEpochId",
  });
const newestEpoch = async () =>
  (await database.db.select().from(settlementEpochs).orderBy(desc(settlementEpochs.id)).limit(1))[0];

it(
  "the leader dies mid-epoch: the standby takes over within the retry period and finishes the epoch once",
  async () => {
    const plan = Array.from(
      { length: rounds(2, 12) },
      (_, i) => KILLS[i % KILLS.length] as (typeof KILLS)[number],
    );
    const takeovers: number[] = [];
    for (const kill of plan) {
      const epochBefore = (await newestEpoch())?.id ?? 0n;
      const leader = await spawnIndexerApi(
        kill === "random" ? env : { ...env, HEXADS_CRASH_AT: kill },
        "/campaigns/1",
      );
      await leader.p.waitFor(/elected leader/);
      const standby = await spawnIndexerApi(env, "/campaigns/1");

      // Clicks go through the standby's API: replicas serve while the leader works (and dies).
      for (let n = rng.int(1, 3); n > 0; n--)
        expect((await clickOverHttp(chain, standby.base, PARIS)).status).toBe(201);
      expect(standby.p.output()).not.toMatch(/elected leader/);

      if (kill === "random") {
        await tickChainPast(chain, Date.now());
        await new Promise((r) => setTimeout(r, rng.int(0, 1500)));
        await leader.p.kill("SIGKILL");
      } else {
        // The standby is paused while the leader dies, so the half-done epoch can be inspected
        // before the standby finishes it; it resumes right after.
        standby.p.child.kill("SIGSTOP");
        await tickChainPast(chain, Date.now());
        await until(async () => leader.p.child.signalCode !== null, `leader dies at ${kill}`, {
          context: leader.p.output,
        });
        const epoch = await newestEpoch();
        expect(epoch?.status).toBe("built");
        expect(await lastEpochOnChain()).toBe(kill === "after-post" ? epoch?.id : (epoch?.id as bigint) - 1n);
        standby.p.child.kill("SIGCONT");
      }
      const killedAt = Date.now();
      expect(leader.p.child.signalCode).toBe("SIGKILL");

      await standby.p.waitFor(/elected leader/, TAKEOVER_MS + 5_000);
      takeovers.push(Date.now() - killedAt);
      await until(
        async () => {
          const [pending] = await database.db.select().from(credits).where(isNull(credits.epochId));
          const epoch = await newestEpoch();
          return !pending && epoch?.status === "posted" && epoch.id === (await lastEpochOnChain());
        },
        "the standby finishes the epoch",
        { context: standby.p.output },
      );
      await untilIndexedHead(database.db, chain, standby.p.output);
      await standby.p.kill("SIGTERM");

      const epoch = (await newestEpoch()) as NonNullable<Awaited<ReturnType<typeof newestEpoch>>>;
      expect(epoch.id).toBe(epochBefore + 1n);
      const posts = await chain.publicClient.getContractEvents({
        address: chain.deployment.AdMarket,
        abi: adMarketAbi,
        eventName: "EpochPosted",
        args: { epochId: epoch.id },
        fromBlock: 0n,
      });
      expect(posts.map((l) => [l.args.root, l.transactionHash])).toEqual([[epoch.root, epoch.txHash]]);
      await expectEpochsMatchChain(database.db, chain);
      await expectCreditsMatchClicks(database.db);
    }
    console.log("failover drill:", { kills: plan, takeoverMs: takeovers });
    for (const ms of takeovers) expect(ms).toBeLessThan(TAKEOVER_MS);
  },
  SOAK ? 900_000 : 180_000,
);
