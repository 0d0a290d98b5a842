import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import type { Db } from "../db/client.js";
import type { ApiDeps } from "./deps.js";
import { createApp } from "./index.js";

/** The app as an indexer on a chain whose head is `head`, indexed up to `indexed`. */
const appAt = (head: bigint, indexed: bigint, confirmations?: number) =>
  createApp({
    db: {} as Db,
    dbKind: "pglite",
    deployment: { chainId: 84532, deployBlock: 1 } as ApiDeps["deployment"],
    progress: async () => ({ head, indexed, leader: true }),
    confirmations,
    now: () => 0,
    registry: new Registry(),
    corsOrigin: "*",
  });

describe("/status and /ready with confirmations", () => {
  it("counts no lag when the index is at the newest final block, CONFIRMATIONS behind the head", async () => {
    const app = appAt(112n, 100n, 12);
    expect(await (await app.request("/status")).json()).toMatchObject({ confirmations: 12, lag: 0 });
    expect((await app.request("/ready")).status).toBe(200);
  });

  it("is not ready when the index falls behind the newest final block", async () => {
    const app = appAt(130n, 100n, 12);
    expect(await (await app.request("/status")).json()).toMatchObject({ confirmations: 12, lag: 18 });
    expect((await app.request("/ready")).status).toBe(503);
  });

  it("measures lag from the head when nothing waits for confirmations (the dev chain)", async () => {
    expect(await (await appAt(112n, 100n).request("/status")).json()).toMatchObject({
      confirmations: 0,
      lag: 12,
    });
  });
});
