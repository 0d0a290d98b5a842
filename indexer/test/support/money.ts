import { viewableRequest } from "@hexads/protocol";
import { count, sql } from "drizzle-orm";
import { createWalletClient, http, parseEther } from "viem";
import { clickRequest, newViewer, sessionRequest, type Viewer } from "../../../tools/demoViewer.js";
import { anvilAccount } from "../../../tools/localChain.js";
import type { MoneyDeps } from "../../src/api/deps.js";
import { DEFAULT_FREQUENCY_CAPS } from "../../src/clicks/checks/frequency.js";
import type { Db } from "../../src/db/client.js";
import { campaignSpend, credits } from "../../src/db/schema.js";
import { ImpressionTokens } from "../../src/impressions/token.js";
import { Settler, type SettlerOptions } from "../../src/settlement/settler.js";
import { type LocalChain, localIndexer, silent } from "./chain.js";

export { newViewer, type Viewer };

/** An in-process indexer with the money path: follower, API with sessions/ads/clicks, a settler. */
export async function moneyIndexer(
  chain: LocalChain,
  db: { databaseUrl?: string; dataDir?: string },
  clock: { now: number },
  /** Settlement finality depth (the follower always indexes up to the head). */
  confirmations = 0,
) {
  const tokens = new ImpressionTokens(Buffer.alloc(32, 0x5a));
  let settler: Settler | undefined;
  const money: MoneyDeps = {
    client: chain.publicClient,
    tokens,
    maxAds: 5,
    trustProxy: true,
    policy: {
      caps: { ...DEFAULT_FREQUENCY_CAPS },
      ipLimit: 1000,
      ipWindowSeconds: 60,
      // Tests click fast on purpose; the velocity rule's own tests lower this.
      velocity: { clicks: 1000, seconds: 10 },
      // Tests put many viewers behind one address; the subnet rule's own tests lower this.
      subnet: { viewers: 100_000, seconds: 3600 },
      maxKmh: 500,
      // Test clocks tick in seconds, so a token and its click share a ms; the rule's tests raise it.
      minClickMs: 0,
      // For the same reason the viewability report may be as old as its click; it is still required.
      minViewableMs: 0,
      earnCapPerDay: parseEther("100"), // the default CLICK_EARN_CAP_PER_DAY
      treasury: chain.deployment.treasury.toLowerCase(),
    },
    settlement: () => settler?.status(),
  };
  const { database, follower, app, close } = await localIndexer(chain, db, () => clock.now, money);
  const settlerWallet = createWalletClient({ account: anvilAccount(0), transport: http(chain.anvil.rpcUrl) });
  const newSettler = (hooks?: SettlerOptions["hooks"], chunkSize = 200) =>
    new Settler({
      db: database.db,
      client: chain.publicClient,
      wallet: settlerWallet,
      deployment: chain.deployment,
      epochSeconds: 1,
      chunkSize,
      confirmations,
      log: silent,
      now: () => clock.now,
      hooks,
    });
  settler = newSettler();
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    ip = "10.0.0.1",
  ) => {
    const res = await app.request(path, {
      method,
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  /** Opens a session for `viewer` through the API (the wallet signs the EIP-712 Session). */
  const openSession = async (viewer: Viewer, ttl = 3600) => {
    const body = await sessionRequest(viewer, chain.deployment, clock.now + ttl);
    const res = await call<{ id: string }>("POST", "/sessions", body);
    if (res.status !== 201) throw new Error(`session refused: ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  type Ad = { campaignId: string; token: string; cpc: string; creativeUri: string };
  const ads = (cell: string, session: string) =>
    call<{ ads: Ad[] }>("GET", `/ads?cell=${cell}&session=${session}`).then((r) => r.body.ads);
  /** Reports the ad on screen, signed by the viewer's session key (POST /impressions/viewable). */
  const view = async (viewer: Viewer, token: string, ip?: string) =>
    call<{ token: string; viewableAt: number; error?: { code: string } }>(
      "POST",
      "/impressions/viewable",
      await viewableRequest(token, viewer.sign),
      ip,
    );
  /**
   * Clicks as the web app does: reports the ad on screen, then clicks the token the report answered
   * (the token as given when the report is refused, so the click path states its own reason).
   */
  const click = async (viewer: Viewer, token: string, ip?: string) => {
    const viewed = await view(viewer, token, ip);
    return call<{
      status: string;
      reason?: string;
      credits?: { role: string; account: string; amount: string }[];
    }>("POST", "/clicks", clickRequest(viewer, viewed.status === 201 ? viewed.body.token : token), ip);
  };
  return {
    database,
    db: database.db,
    follower,
    tokens,
    money,
    app,
    call,
    openSession,
    ads,
    view,
    click,
    get settler() {
      return settler as Settler;
    },
    /** Replaces the settler, as a restarted process would. */
    restartSettler(hooks?: SettlerOptions["hooks"], chunkSize?: number) {
      settler = newSettler(hooks, chunkSize);
      return settler;
    },
    close,
  };
}
export type MoneyIndexer = Awaited<ReturnType<typeof moneyIndexer>>;

/** Moves the chain's clock to `t` (mines one block at that time), so epochs may cut up to `t`. */
export async function chainTimeTo(chain: LocalChain, t: number) {
  const latest = Number((await chain.publicClient.getBlock()).timestamp);
  if (t > latest) await chain.testClient.setNextBlockTimestamp({ timestamp: BigInt(t) });
  await chain.testClient.mine({ blocks: 1 });
}

/**
 * A new viewer clicks the first ad served in `cell` through an indexer's HTTP API, as a browser
 * would (session, ads, signed viewability report, signed click). Returns the click's HTTP status and body.
 */
export async function clickOverHttp(chain: LocalChain, base: string, cell: string) {
  const v = newViewer();
  const post = (path: string, body: unknown) =>
    fetch(base + path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  const session = (await (
    await post("/sessions", await sessionRequest(v, chain.deployment, expiresAt))
  ).json()) as {
    id: string;
  };
  const ads = (await (await fetch(`${base}/ads?cell=${cell}&session=${session.id}`)).json()) as {
    ads: { token: string }[];
  };
  const served = ads.ads[0]?.token;
  if (!served) throw new Error(`no ad served: ${JSON.stringify({ session, ads })}`);
  // The processes these tests start run with CLICK_VIEWABLE_MS=0: the report must come, not age.
  const viewed = await post("/impressions/viewable", await viewableRequest(served, v.sign));
  const { token } = (await viewed.json()) as { token: string };
  const res = await post("/clicks", clickRequest(v, token));
  return { status: res.status, body: (await res.json()) as { clickId?: string; status?: string } };
}

/** What money the click path has moved: credit rows and the campaigns' credited spend. */
export async function ledger(db: Db) {
  const [c] = await db.select({ n: count() }).from(credits);
  const [s] = await db
    .select({ total: sql<string>`coalesce(sum(${campaignSpend.credited}),0)::text` })
    .from(campaignSpend);
  return { credits: c?.n, spend: s?.total };
}
