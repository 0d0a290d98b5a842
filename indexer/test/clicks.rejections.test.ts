import type { RejectReason } from "@hexads/protocol";
import { clickMessage, revokeMessage } from "@hexads/protocol";
import { count, eq } from "drizzle-orm";
import { cellToParent, latLngToCell } from "h3-js";
import { parseEther } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adMarketAbi } from "../src/chain/abis.js";
import { DEFAULT_FREQUENCY_CAPS } from "../src/clicks/checks/frequency.js";
import { clicks } from "../src/db/schema.js";
import { ImpressionTokens } from "../src/impressions/token.js";
import { createCampaign, type LocalChain, localChain } from "./support/chain.js";
import {
  type MoneyIndexer,
  moneyIndexer,
  ledger as moneyLedger,
  newViewer,
  type Viewer,
} from "./support/money.js";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
const TOKYO = latLngToCell(35.6762, 139.6503, 7);
const BERLIN = latLngToCell(52.52, 13.405, 7);
const _id = (cell: string) => BigInt(`0x${cell}`);
const HXA = (n: string) => parseEther(n);

let chain: LocalChain;
let ix: MoneyIndexer;
const clock = { now: 0 };
let t0 = 0;
const ids = { main: 1n, paused: 2n, ended: 3n, future: 4n, tiny: 5n };

const send = async (call: Parameters<LocalChain["deployer"]["writeContract"]>[0]) => {
  const alice = chain.users[0] as LocalChain["users"][number];
  return chain.publicClient.waitForTransactionReceipt({ hash: await alice.writeContract(call) });
};
const market = () => ({ address: chain.deployment.AdMarket, abi: adMarketAbi }) as const;

beforeAll(async () => {
  chain = await localChain();
  t0 = Number((await chain.publicClient.getBlock()).timestamp) + 1;
  const create = (budget: string, start: number, end: number, targets: string[]) =>
    createCampaign(chain, { budget, start, end, targets });
  const week = 7 * 86_400;
  await create("100", t0 - 1, t0 + week, [cellToParent(PARIS, 4), cellToParent(TOKYO, 4)]); // 1 main
  await create("100", t0 - 1, t0 + week, [cellToParent(PARIS, 4)]); // 2 paused
  await create("100", t0 - 1, t0 + week, [cellToParent(PARIS, 4)]); // 3 ended
  await create("100", t0 + week, t0 + 2 * week, [cellToParent(PARIS, 4)]); // 4 future
  await create("1", t0 - 1, t0 + week, [cellToParent(PARIS, 4)]); // 5 one click of budget
  const premium = { budget: "100", cpc: "2", start: t0 - 1, end: t0 + week };
  await createCampaign(chain, { ...premium, creative: "data:,premium", targets: [cellToParent(PARIS, 6)] }); // 6 higher cpc
  await createCampaign(chain, { ...premium, creative: "data:,premium2", targets: [cellToParent(PARIS, 3)] }); // 7 ties with 6
  await send({ ...market(), functionName: "pauseCampaign", args: [ids.paused] });
  await send({ ...market(), functionName: "endCampaign", args: [ids.ended] });
  clock.now = Number((await chain.publicClient.getBlock()).timestamp) + 1;
  ix = await moneyIndexer(chain, { dataDir: "memory://" }, clock);
  await ix.follower.syncOnce();
});
afterAll(async () => {
  await ix?.close();
  await chain?.stop();
});
beforeEach(() => {
  ix.money.policy.caps = { ...DEFAULT_FREQUENCY_CAPS };
  ix.money.policy.ipLimit = 1000;
});

/** A genuine impression token, as GET /ads would issue it (lets tests aim at any campaign and cell). */
async function token(
  viewer: Viewer,
  session: string,
  campaignId: bigint,
  cell = PARIS,
  issuedAt = clock.now,
) {
  return ix.tokens.sign({
    id: ImpressionTokens.newId(),
    campaignId,
    cell,
    viewer: viewer.address,
    sessionId: session,
    issuedAt,
  });
}

const ledger = () => moneyLedger(ix.db);

/** Posts the click and proves it was rejected for `reason`, recorded as such, with nothing credited. */
async function expectRejected(
  reason: RejectReason,
  post: () => Promise<{ status: number; body: { status: string; reason?: string } }>,
) {
  const before = await ledger();
  const res = await post();
  expect(res.body).toMatchObject({ status: "rejected", reason });
  expect(res.status).toBe(reason === "ip_rate_limited" ? 429 : 422);
  expect(await ledger()).toEqual(before);
  const [row] = await ix.db.select({ n: count() }).from(clicks).where(eq(clicks.reason, reason));
  expect(row?.n).toBeGreaterThan(0);
}

async function viewerWithSession() {
  const v = newViewer();
  return { v, session: await ix.openSession(v) };
}

describe("click rejections credit nothing", () => {
  it("accepts a valid click (control)", async () => {
    const { v, session } = await viewerWithSession();
    expect((await ix.click(v, await token(v, session, ids.main))).status).toBe(201);
  });

  it("bad_signature: signed by another session key", async () => {
    const { v, session } = await viewerWithSession();
    const t = await token(v, session, ids.main);
    const other = newViewer();
    await expectRejected("bad_signature", () =>
      ix.call("POST", "/clicks", { token: t, signature: other.sign(clickMessage(t)) }),
    );
  });

  it("session_unknown", async () => {
    const v = newViewer();
    await expectRejected("session_unknown", async () =>
      ix.click(v, await token(v, "f".repeat(32), ids.main)),
    );
  });

  it("session_expired", async () => {
    const v = newViewer();
    const session = await ix.openSession(v, 10);
    const t = await token(v, session, ids.main);
    clock.now += 11;
    await expectRejected("session_expired", () => ix.click(v, t));
  });

  it("session_revoked", async () => {
    const { v, session } = await viewerWithSession();
    const t = await token(v, session, ids.main);
    const res = await ix.call("POST", `/sessions/${session}/revoke`, {
      signature: v.sign(revokeMessage(session)),
    });
    expect(res.status).toBe(200);
    clock.now += 1;
    await expectRejected("session_revoked", () => ix.click(v, t));
  });

  it("token_forged: altered campaign id, and a token from another key", async () => {
    const { v, session } = await viewerWithSession();
    const t = await token(v, session, ids.main);
    const [body, mac] = t.split(".") as [string, string];
    const altered = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), c: "2" }),
    ).toString("base64url");
    await expectRejected("token_forged", () => ix.click(v, `${altered}.${mac}`));
    const foreign = new ImpressionTokens(Buffer.alloc(32, 1)).sign({
      id: ImpressionTokens.newId(),
      campaignId: ids.main,
      cell: PARIS,
      viewer: v.address,
      sessionId: session,
      issuedAt: clock.now,
    });
    await expectRejected("token_forged", () => ix.click(v, foreign));
  });

  it("token_expired: older than 10 minutes", async () => {
    const { v, session } = await viewerWithSession();
    await expectRejected("token_expired", async () =>
      ix.click(v, await token(v, session, ids.main, PARIS, clock.now - 601)),
    );
  });

  it("token_used: the same impression clicked twice pays once", async () => {
    const { v, session } = await viewerWithSession();
    ix.money.policy.caps = { perCampaign: 10, perDay: 10 };
    const t = await token(v, session, ids.main);
    expect((await ix.click(v, t)).status).toBe(201);
    await expectRejected("token_used", () => ix.click(v, t));
  });

  it("campaign_unknown, campaign_paused, campaign_ended, campaign_not_started", async () => {
    const { v, session } = await viewerWithSession();
    await expectRejected("campaign_unknown", async () => ix.click(v, await token(v, session, 999n)));
    await expectRejected("campaign_paused", async () => ix.click(v, await token(v, session, ids.paused)));
    await expectRejected("campaign_ended", async () => ix.click(v, await token(v, session, ids.ended)));
    await expectRejected("campaign_not_started", async () =>
      ix.click(v, await token(v, session, ids.future)),
    );
  });

  it("budget_exhausted: the last click of budget is paid once", async () => {
    const a = await viewerWithSession();
    const b = await viewerWithSession();
    expect((await ix.click(a.v, await token(a.v, a.session, ids.tiny))).status).toBe(201);
    await expectRejected("budget_exhausted", async () =>
      ix.click(b.v, await token(b.v, b.session, ids.tiny)),
    );
  });

  it("cell_not_targeted", async () => {
    const { v, session } = await viewerWithSession();
    await expectRejected("cell_not_targeted", async () =>
      ix.click(v, await token(v, session, ids.main, BERLIN)),
    );
  });

  it("frequency_campaign: one paid click per viewer per campaign per day", async () => {
    const { v, session } = await viewerWithSession();
    expect((await ix.click(v, await token(v, session, ids.main))).status).toBe(201);
    await expectRejected("frequency_campaign", async () => ix.click(v, await token(v, session, ids.main)));
  });

  it("frequency_daily: the per-viewer daily cap", async () => {
    const { v, session } = await viewerWithSession();
    ix.money.policy.caps = { perCampaign: 5, perDay: 1 };
    expect((await ix.click(v, await token(v, session, ids.main))).status).toBe(201);
    await expectRejected("frequency_daily", async () => ix.click(v, await token(v, session, ids.main)));
  });

  it("ip_rate_limited", async () => {
    ix.money.policy.ipLimit = 2;
    const { v, session } = await viewerWithSession();
    const ip = "192.0.2.77";
    await ix.click(v, await token(v, session, ids.main), ip);
    await ix.click(v, await token(v, session, ids.main), ip);
    await expectRejected("ip_rate_limited", async () => ix.click(v, await token(v, session, ids.main), ip));
  });

  it("impossible_travel: Paris then Tokyo a minute later", async () => {
    const { v, session } = await viewerWithSession();
    ix.money.policy.caps = { perCampaign: 5, perDay: 5 };
    expect((await ix.click(v, await token(v, session, ids.main, PARIS))).status).toBe(201);
    await expectRejected("impossible_travel", async () =>
      ix.click(v, await token(v, session, ids.main, TOKYO, clock.now + 60)),
    );
  });

  it("serves no ads and opens no session for bad input", async () => {
    const v = newViewer();
    expect((await ix.call("GET", `/ads?cell=${PARIS}&session=${"0".repeat(32)}`)).status).toBe(401);
    expect((await ix.call("GET", "/ads?cell=zz&session=x")).status).toBe(400);
    const expiresAt = clock.now + 3600;
    const wrong = newViewer();
    const { sessionTypedData } = await import("@hexads/protocol");
    const signature = await wrong.wallet.signTypedData(
      sessionTypedData(chain.deployment.chainId, chain.deployment.AdMarket, {
        viewer: v.wallet.address,
        sessionKey: v.sessionKey,
        expiresAt: BigInt(expiresAt),
      }),
    );
    const res = await ix.call("POST", "/sessions", {
      viewer: v.wallet.address,
      sessionKey: v.sessionKey,
      expiresAt,
      signature,
    });
    expect(res.status).toBe(422);
  });
});

describe("GET /ads", () => {
  it("takes lat/lng, keeps only the res-7 cell, ranks the highest cpc first, at most ADS_MAX", async () => {
    const { session } = await viewerWithSession();
    ix.money.maxAds = 2;
    const res = await ix.call<{ cell: string; ads: { campaignId: string; cpc: string }[] }>(
      "GET",
      `/ads?lat=48.8566&lng=2.3522&session=${session}`,
    );
    ix.money.maxAds = 5;
    expect(res.status).toBe(200);
    expect(res.body.cell).toBe(PARIS);
    expect(res.body.ads.map((a) => a.cpc)).toEqual([HXA("2").toString(), HXA("2").toString()]);
    expect(new Set(res.body.ads.map((a) => a.campaignId))).toEqual(new Set(["6", "7"]));
  });

  it("counts an impression once per ad shown to a person: reloads reuse it and it pays once; another person is another impression", async () => {
    const { v, session } = await viewerWithSession();
    const stats = async (id: string) =>
      (await ix.call<{ impressions: number }>("GET", `/campaigns/${id}/stats`)).body.impressions;
    const first = await ix.ads(PARIS, session);
    const before = await stats(ids.main.toString());
    const again = await ix.ads(PARIS, session);
    const ad = first.find((a) => a.campaignId === ids.main.toString()) as { token: string };
    const impressionOf = (list: typeof first) =>
      new Map(list.map((a) => [a.campaignId, (a as unknown as { impressionId: string }).impressionId]));
    expect(impressionOf(again)).toEqual(impressionOf(first));
    expect(await stats(ids.main.toString())).toBe(before);
    // The reloaded token is a fresh token of the same impression: after one is paid, the other is used.
    const reloaded = again.find((a) => a.campaignId === ids.main.toString()) as { token: string };
    expect((await ix.click(v, ad.token)).status).toBe(201);
    expect((await ix.click(v, reloaded.token)).body.reason).toBe("token_used");
    // Another person is another impression.
    const other = await viewerWithSession();
    const theirs = await ix.ads(PARIS, other.session);
    expect(impressionOf(theirs).get(ids.main.toString())).not.toBe(
      impressionOf(first).get(ids.main.toString()),
    );
  });

  it("breaks cpc ties at random: over many requests each tied campaign comes first", async () => {
    const { session } = await viewerWithSession();
    const firsts = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const res = await ix.call<{ ads: { campaignId: string }[] }>(
        "GET",
        `/ads?cell=${TOKYO}&session=${session}`,
      );
      firsts.add(res.body.ads[0]?.campaignId as string);
    }
    // Tokyo is targeted by campaign 1 only.
    expect(firsts).toEqual(new Set(["1"]));
    const parisFirsts = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const res = await ix.call<{ ads: { campaignId: string }[] }>(
        "GET",
        `/ads?cell=${PARIS}&session=${session}`,
      );
      parisFirsts.add(res.body.ads[0]?.campaignId as string);
    }
    // Campaigns 6 and 7 tie at the highest cpc in Paris: both lead some of the time (2^-39 to fail by chance).
    expect(parisFirsts).toEqual(new Set(["6", "7"]));
  });
});
