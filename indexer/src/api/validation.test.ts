import type { Deployment } from "@hexads/protocol";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpState } from "../../test/support/dump.js";
import { type Database, openDatabase } from "../db/client.js";
import { plots } from "../db/schema.js";
import { createApp } from "./index.js";

const deployment: Deployment = {
  chainId: 31337,
  deployBlock: 0,
  HexToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  Plots: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  AdMarket: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
  Faucet: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
  treasury: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  settler: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  guardian: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
};

let database: Database;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await openDatabase({ dataDir: "memory://" });
  await database.db.insert(plots).values({
    cell: 0x871fb4662ffffffn,
    owner: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
    lat: 48.85,
    lng: 2.35,
    boughtPrice: "10",
    boughtAt: 1,
  });
  app = createApp({
    db: database.db,
    dbKind: "pglite",
    deployment,
    progress: async () => ({ head: 10n, indexed: 10n, leader: true }),
    now: () => 1000,
    registry: new Registry(),
    corsOrigin: "*",
  });
});
afterAll(() => database.close());

describe("API input validation", () => {
  const bad: [string, number, RegExp][] = [
    ["/plots?bbox=1,2,3", 400, /minLng,minLat,maxLng,maxLat/],
    ["/plots?bbox=a,b,c,d", 400, /minLng,minLat,maxLng,maxLat/],
    ["/plots?bbox=0,10,1,5", 400, /out of range/],
    ["/plots?bbox=0,-95,1,5", 400, /out of range/],
    ["/plots?bbox=-180,-90,180,90", 400, /too large/],
    ["/plots", 400, /exactly one of bbox or cells/],
    ["/plots?cells=zz", 400, /15 hex characters/],
    ["/plots?cells=861fb4667ffffff", 400, /resolution-7/],
    ["/plots/871fb4662fffff0", 400, /resolution-7/],
    ["/plots/123", 400, /15 hex characters/],
    ["/plots/summary?res=7", 400, /res/],
    ["/accounts/0x123/plots", 400, /0x address/],
    ["/accounts/0x70997970c51812dc3a010c7d01b50e0d17dc79c8/plots?limit=0", 400, /limit/],
    ["/accounts/0x123/clicks", 400, /0x address/],
    ["/accounts/0x70997970c51812dc3a010c7d01b50e0d17dc79c8/clicks?limit=201", 400, /limit/],
    ["/campaigns?status=sleeping", 400, /status/],
    ["/campaigns?advertiser=bob", 400, /0x address/],
    ["/campaigns/0", 400, /ids run from 1/],
    ["/campaigns/9223372036854775808", 400, /ids run from 1 to 2\^63-1/],
    ["/campaigns/abc", 400, /id/],
    ["/nowhere", 404, /no route/],
  ];

  it.each(bad)("%s answers %i with a clear JSON error and changes nothing", async (path, status, message) => {
    const before = await dumpState(database.db);
    const res = await app.request(path);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(message);
    expect(await dumpState(database.db)).toEqual(before);
  });

  it("answers 404 for a valid but never-bought plot and unknown campaign", async () => {
    expect((await app.request("/plots/871fb4663ffffff")).status).toBe(404);
    expect((await app.request("/campaigns/5")).status).toBe(404);
  });

  it("accepts a box across the antimeridian and finds nothing there", async () => {
    const res = await app.request("/plots?bbox=179,-1,-179,1");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { plots: unknown[] }).plots).toEqual([]);
  });

  it("serves Prometheus metrics and an OpenAPI document whose every path answers", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as { paths: Record<string, object> };
    // GET paths only; /ads needs a session and the money deps (covered by the money tests).
    const gets = Object.keys(doc.paths).filter((p) => "get" in (doc.paths[p] as object) && p !== "/ads");
    expect(gets.length).toBeGreaterThan(10);
    for (const path of gets) {
      const concrete = path
        .replace("{cell}", "871fb4662ffffff")
        .replace("{address}", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8")
        .replace("{id}", "1");
      const query: Record<string, string> = {
        "/plots": "?cells=871fb4662ffffff",
        "/plots/summary": "?res=4",
        "/areas/activity": "?cells=851fb467fffffff",
        "/places/search": "?q=paris",
        "/places/nearest": "?lat=48.8584&lng=2.2945",
      };
      const res = await app.request(concrete + (query[path] ?? ""));
      expect([200, 404], `${concrete} answered ${res.status}`).toContain(res.status);
      if (res.status === 404)
        expect(["/campaigns/1", "/campaigns/1/stats", "/epochs/1", "/epochs/1/leaves.csv"]).toContain(
          concrete,
        );
    }
    const metrics = await (await app.request("/metrics")).text();
    expect(metrics).toMatch(/hexads_http_requests_total\{method="GET",route="\/health",status="200"\} 1/);
  });

  it("sends CORS headers for the web app", async () => {
    const res = await app.request("/status", { headers: { origin: "http://localhost:5173" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});
