import { count, eq, sql } from "drizzle-orm";
import { cellToParent, latLngToCell } from "h3-js";
import { adMarketAbi } from "../../src/chain/abis.js";
import { campaignSpend, clicks, credits, sessions } from "../../src/db/schema.js";
import { ImpressionTokens } from "../../src/impressions/token.js";
import { createCampaign, type LocalChain, localChain } from "./chain.js";
import { type MoneyIndexer, moneyIndexer, type Viewer } from "./money.js";

export const PARIS = latLngToCell(48.8566, 2.3522, 7);
export const TOKYO = latLngToCell(35.6762, 139.6503, 7);
export const cellId = (cell: string) => BigInt(`0x${cell}`);

/**
 * A chain with running campaigns around Paris (created by user 0), and an in-process money indexer
 * that has read them: the target the adversarial tests attack.
 */
export async function attackFixture(campaignCount = 3) {
  const chain = await localChain();
  const advertiser = chain.users[0] as LocalChain["users"][number];
  const write = async (functionName: "pauseCampaign" | "endCampaign", args: unknown[]) =>
    chain.publicClient.waitForTransactionReceipt({
      hash: await advertiser.writeContract({
        address: chain.deployment.AdMarket,
        abi: adMarketAbi,
        functionName,
        args,
      } as Parameters<typeof advertiser.writeContract>[0]),
    });
  const t0 = Number((await chain.publicClient.getBlock()).timestamp);
  for (let i = 0; i < campaignCount; i++) {
    await createCampaign(chain, {
      from: advertiser,
      budget: "100",
      start: t0,
      end: t0 + 7 * 86_400,
      targets: [cellToParent(PARIS, 4), cellToParent(TOKYO, 4)],
    });
  }
  const clock = { now: Number((await chain.publicClient.getBlock()).timestamp) + 1 };
  const ix: MoneyIndexer = await moneyIndexer(chain, { dataDir: "memory://" }, clock);
  await ix.follower.syncOnce();

  /** A genuine impression token, as GET /ads issues it. */
  const token = (viewer: Viewer, session: string, campaignId = 1n, cell = PARIS, issuedAt = clock.now) =>
    ix.tokens.sign({
      id: ImpressionTokens.newId(),
      campaignId,
      cell,
      viewer: viewer.address,
      sessionId: session,
      issuedAt,
    });

  /** Everything money-bearing: credit rows, credited spend, paid clicks, open sessions. */
  const ledger = async () => {
    const [c] = await ix.db.select({ n: count() }).from(credits);
    const [s] = await ix.db
      .select({ total: sql<string>`coalesce(sum(${campaignSpend.credited}),0)::text` })
      .from(campaignSpend);
    const [a] = await ix.db.select({ n: count() }).from(clicks).where(eq(clicks.status, "accepted"));
    const [o] = await ix.db.select({ n: count() }).from(sessions);
    return { credits: c?.n, spend: s?.total, accepted: a?.n, sessions: o?.n };
  };

  return {
    chain,
    ix,
    clock,
    token,
    ledger,
    write,
    stop: async () => {
      await ix.close();
      await chain.stop();
    },
  };
}
export type AttackFixture = Awaited<ReturnType<typeof attackFixture>>;
