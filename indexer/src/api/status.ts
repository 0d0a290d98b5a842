import { Hono } from "hono";
import type { ApiDeps } from "./deps.js";
import type { StatusResponse } from "./types.js";

/** How far behind the head the index may be and still count as ready. */
const READY_LAG = 5;

export function statusApi(deps: ApiDeps) {
  const status = async (): Promise<StatusResponse> => {
    const p = await deps.progress();
    const d = deps.deployment;
    return {
      chainId: d.chainId,
      head: p.head.toString(),
      indexed: p.indexed.toString(),
      lag: Math.max(0, Number(p.head - p.indexed)),
      database: deps.dbKind,
      leader: p.leader,
      contracts: {
        HexToken: d.HexToken,
        Plots: d.Plots,
        AdMarket: d.AdMarket,
        Faucet: d.Faucet,
        deployBlock: d.deployBlock,
      },
      settlement: deps.money?.settlement?.() ?? null,
      payouts: deps.money?.payouts?.status?.() ?? null,
    };
  };
  return new Hono()
    .get("/health", (c) => c.json({ ok: true }))
    .get("/ready", async (c) => {
      const s = await status();
      return c.json({ ready: s.lag <= READY_LAG, lag: s.lag }, s.lag <= READY_LAG ? 200 : 503);
    })
    .get("/status", async (c) => c.json(await status()));
}
