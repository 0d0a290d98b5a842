import { viewableRequest } from "@hexads/protocol";
import { sql } from "drizzle-orm";
import { cellToParent, latLngToCell } from "h3-js";
import { parseEther } from "viem";
import { afterAll, beforeAll, expect, it } from "vitest";
import { clickRequest, newViewer, sessionRequest } from "../../tools/demoViewer.js";
import { openDatabase } from "../src/db/client.js";
import { createCampaign, type LocalChain, localChain } from "./support/chain.js";
import { freshDatabaseUrl } from "./support/databases.js";
import { deploymentsDir, type IndexerProcess, spawnIndexerApi } from "./support/process.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
let chain: LocalChain;
const procs: IndexerProcess[] = [];

beforeAll(async () => {
  chain = await localChain();
  const alice = chain.users[0] as LocalChain["users"][number];
  const now = Number((await chain.publicClient.getBlock()).timestamp);
  await createCampaign(chain, {
    from: alice,
    budget: "7",
    start: now,
    end: now + 86_400,
    creative: "data:,scale",
    targets: [cellToParent(PARIS, 5)],
  });
}, 120_000);
afterAll(async () => {
  for (const p of procs) await p.kill("SIGTERM");
  await chain?.stop();
});

it("two API processes (ROLE=api) on one PostgreSQL credit one campaign at once, never overspend it and pay each impression once", async () => {
  const databaseUrl = await freshDatabaseUrl();
  const env = {
    RPC_URL: chain.anvil.rpcUrl,
    DATABASE_URL: databaseUrl,
    DEPLOYMENTS_DIR: deploymentsDir(chain.deployment),
    IMPRESSION_KEY: "5a".repeat(32),
    TRUST_PROXY: "1",
    // Each viewer clicks the moment its ad arrives: this test is about spend, not invalid traffic.
    CLICK_MIN_MS: "0",
    CLICK_VIEWABLE_MS: "0",
  };
  // One process follows the chain; two more serve the API only.
  const leader = await spawnIndexerApi(env, "/campaigns/1");
  procs.push(leader.p);
  const apis = [
    await spawnIndexerApi({ ...env, ROLE: "api" }),
    await spawnIndexerApi({ ...env, ROLE: "api" }),
  ] as const;
  procs.push(...apis.map((a) => a.p));

  const post = (base: string, path: string, body: unknown, ip = "10.9.0.1") =>
    fetch(base + path, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify(body),
    });
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  // 24 viewers, each shown the ad by one process and sending its click through both at once.
  const clicks = await Promise.all(
    Array.from({ length: 24 }, async (_, i) => {
      const v = newViewer();
      const shows = apis[i % 2] as (typeof apis)[number];
      const session = (await (
        await post(shows.base, "/sessions", await sessionRequest(v, chain.deployment, expiresAt))
      ).json()) as { id: string };
      const ads = (await (await fetch(`${shows.base}/ads?cell=${PARIS}&session=${session.id}`)).json()) as {
        ads: { token: string }[];
      };
      const served = ads.ads[0]?.token as string;
      const viewed = await post(shows.base, "/impressions/viewable", await viewableRequest(served, v.sign));
      const { token } = (await viewed.json()) as { token: string };
      return { body: clickRequest(v, token), ip: `10.9.1.${i}` };
    }),
  );
  const answers = await Promise.all(
    clicks.flatMap((c) => apis.map((api) => post(api.base, "/clicks", c.body, c.ip))),
  );
  const bodies = (await Promise.all(answers.map((a) => a.json()))) as { status: string; reason?: string }[];
  // 7 impressions paid (the budget), each once: its other request is refused as used.
  expect(answers.filter((a) => a.status === 201)).toHaveLength(7);
  expect(bodies.filter((b) => b.reason === "token_used")).toHaveLength(7);
  expect(bodies.filter((b) => b.reason === "budget_exhausted")).toHaveLength(34);

  const db = await openDatabase({ databaseUrl });
  const [row] = (
    (await db.db.execute(sql`
      select (select credited::text from campaign_spend where campaign_id = 1) as spend,
        (select sum(amount)::text from credits where campaign_id = 1) as credited,
        (select count(*)::int from clicks where status = 'accepted') as paid,
        (select count(distinct impression_id)::int from clicks where status = 'accepted') as impressions`)) as unknown as {
      rows: unknown[];
    }
  ).rows as { spend: string; credited: string; paid: number; impressions: number }[];
  await db.close();
  expect(row).toEqual({
    spend: parseEther("7").toString(),
    credited: parseEther("7").toString(),
    paid: 7,
    impressions: 7,
  });
}, 180_000);
