import { clickMessage, sessionTypedData } from "@hexads/protocol";
import type { Hex } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../src/api/bodyLimit.js";
import { type AttackFixture, attackFixture, PARIS } from "./support/attackFixture.js";
import { newViewer, type Viewer } from "./support/money.js";

// Targeted attacks on the money path that clicks.rejections.test.ts (one test per reject reason),
// settlement.test.ts (concurrent replays) and sessions.erc1271.test.ts do not already cover.
let fx: AttackFixture;

beforeAll(async () => {
  fx = await attackFixture();
});
afterAll(async () => fx?.stop());
beforeEach(() => {
  fx.ix.money.policy.ipLimit = 1000;
});

async function viewerWithSession() {
  const v = newViewer();
  return { v, session: await fx.ix.openSession(v) };
}

/** Signs a session for `v` the way a wallet would, in the given EIP-712 domain. */
async function signedSession(v: Viewer, chainId: number, adMarket: Hex, expiresAt = fx.clock.now + 3600) {
  const signature = await v.wallet.signTypedData(
    sessionTypedData(chainId, adMarket, {
      viewer: v.wallet.address,
      sessionKey: v.sessionKey,
      expiresAt: BigInt(expiresAt),
    }),
  );
  return { viewer: v.wallet.address, sessionKey: v.sessionKey, expiresAt, signature };
}

describe("stolen and mismatched impression tokens", () => {
  it("a token issued to one viewer, signed by another viewer's session key, pays nothing", async () => {
    const alice = await viewerWithSession();
    const mallory = await viewerWithSession();
    const stolen = fx.token(alice.v, alice.session);
    const before = await fx.ledger();
    const res = await fx.ix.click(mallory.v, stolen);
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe("bad_signature");
    expect(await fx.ledger()).toEqual(before);
    // The rightful viewer can still use it: the theft attempt did not burn the impression.
    expect((await fx.ix.click(alice.v, stolen)).status).toBe(201);
  });

  it("a genuine token naming a viewer other than its session's is refused as forged", async () => {
    const alice = await viewerWithSession();
    const mallory = await viewerWithSession();
    // Mallory's session key, but the token claims Alice as the viewer (credit would go to Alice).
    const t = fx.ix.tokens.sign({
      id: "ab".repeat(16),
      campaignId: 1n,
      cell: PARIS,
      viewer: alice.v.address,
      sessionId: mallory.session,
      issuedAt: fx.clock.now,
    });
    const before = await fx.ledger();
    const res = await fx.ix.click(mallory.v, t);
    expect(res.body.reason).toBe("token_forged");
    expect(await fx.ledger()).toEqual(before);
  });
});

describe("sessions bound to one chain, one contract and a lifetime", () => {
  it("refuses a session signed for another chain id", async () => {
    const v = newViewer();
    const before = await fx.ledger();
    const res = await fx.ix.call(
      "POST",
      "/sessions",
      await signedSession(v, 1, fx.chain.deployment.AdMarket),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: { code: "bad_signature" } });
    expect(await fx.ledger()).toEqual(before);
  });

  it("refuses a session signed for another contract (Plots instead of AdMarket)", async () => {
    const v = newViewer();
    const before = await fx.ledger();
    const body = await signedSession(v, fx.chain.deployment.chainId, fx.chain.deployment.Plots);
    const res = await fx.ix.call("POST", "/sessions", body);
    expect(res.status).toBe(422);
    expect(await fx.ledger()).toEqual(before);
  });

  it("refuses a session that expired before it was opened, and serves no ads once one expires", async () => {
    const v = newViewer();
    const past = await signedSession(
      v,
      fx.chain.deployment.chainId,
      fx.chain.deployment.AdMarket,
      fx.clock.now,
    );
    const res = await fx.ix.call("POST", "/sessions", past);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "session_expired" } });
    const session = await fx.ix.openSession(v, 5);
    expect((await fx.ix.call("GET", `/ads?cell=${PARIS}&session=${session}`)).status).toBe(200);
    fx.clock.now += 5;
    const expired = await fx.ix.call("GET", `/ads?cell=${PARIS}&session=${session}`);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { code: "session_expired" } });
  });
});

describe("click farms on one network", () => {
  it("a concurrent burst from one IP gets exactly the IP limit through; the rest are 429", async () => {
    fx.ix.money.policy.ipLimit = 10;
    const farm = await Promise.all(Array.from({ length: 30 }, viewerWithSession));
    const before = await fx.ledger();
    const results = await Promise.all(
      farm.map(({ v, session }) => fx.ix.click(v, fx.token(v, session, 2n), "198.51.100.1")),
    );
    const limited = results.filter((r) => r.status === 429).length;
    const paid = results.filter((r) => r.status === 201).length;
    expect(limited).toBe(20);
    expect(paid).toBe(10);
    expect((await fx.ledger()).accepted).toBe(Number(before.accepted) + 10);
  });

  it("many viewers behind one IP share its limit", async () => {
    fx.ix.money.policy.ipLimit = 5;
    const farm = await Promise.all(Array.from({ length: 12 }, viewerWithSession));
    const statuses: number[] = [];
    for (const { v, session } of farm) {
      statuses.push((await fx.ix.click(v, fx.token(v, session, 3n), "198.51.100.2")).status);
    }
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual(Array(7).fill(429));
  });

  it("forged X-Forwarded-For prefixes do not escape the limit: the proxy's own hop counts", async () => {
    fx.ix.money.policy.ipLimit = 3;
    const { v, session } = await viewerWithSession();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t = fx.token(v, session, 1n);
      // The client sends its own X-Forwarded-For; the trusted proxy appends the address it saw.
      const res = await fx.ix.app.request("/clicks", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `10.66.0.${i}, 198.51.100.3` },
        body: JSON.stringify({ token: t, signature: v.sign(clickMessage(t)) }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(3)).toEqual(Array(5).fill(429));
  });

  it("a last X-Forwarded-For hop that is no IP address (here 5,000 digits) is a 400 that pays nothing", async () => {
    const { v, session } = await viewerWithSession();
    const t = fx.token(v, session, 1n);
    const before = await fx.ledger();
    const res = await fx.ix.app.request("/clicks", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.0.0.1, ${"9".repeat(5000)}` },
      body: JSON.stringify({ token: t, signature: v.sign(clickMessage(t)) }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/X-Forwarded-For/);
    expect(await fx.ledger()).toEqual(before);
  });
});

describe("campaign state changes after the ad was served", () => {
  it("a token served while the campaign ran pays nothing once it is paused, then once it has ended", async () => {
    const { v, session } = await viewerWithSession();
    const served = fx.token(v, session, 1n);
    await fx.write("pauseCampaign", [1n]);
    await fx.ix.follower.syncOnce();
    const before = await fx.ledger();
    expect((await fx.ix.click(v, served)).body.reason).toBe("campaign_paused");
    await fx.write("endCampaign", [1n]);
    await fx.ix.follower.syncOnce();
    fx.clock.now = Number((await fx.chain.publicClient.getBlock()).timestamp);
    expect((await fx.ix.click(v, fx.token(v, session, 1n))).body.reason).toBe("campaign_ended");
    expect(await fx.ledger()).toEqual(before);
  });
});

describe("oversized bodies", () => {
  const tenMb = (field: string) => JSON.stringify({ [field]: "a".repeat(10 * 1024 * 1024) });

  it("answers 413 to a 10 MB body on every POST route and changes nothing", async () => {
    const { session } = await viewerWithSession();
    const before = await fx.ledger();
    for (const [path, field] of [
      ["/clicks", "token"],
      ["/impressions/viewable", "token"],
      ["/sessions", "signature"],
      [`/sessions/${session}/revoke`, "signature"],
    ] as const) {
      const res = await fx.ix.app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: tenMb(field),
      });
      expect(res.status, path).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: "body_too_large" } });
    }
    expect(await fx.ledger()).toEqual(before);
    // The session was not revoked by the oversized request.
    expect((await fx.ix.call("GET", `/ads?cell=${PARIS}&session=${session}`)).status).toBe(200);
  });

  it("still accepts a body just under the limit", async () => {
    const res = await fx.ix.call("POST", "/clicks", {
      token: "x",
      signature: `0x${"0".repeat(MAX_BODY_BYTES - 100)}`,
    });
    expect(res.status).toBe(422);
  });
});
