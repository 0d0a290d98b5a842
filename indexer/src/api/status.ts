import type { ApiDeps } from "./deps.js";
import { api, json, route } from "./route.js";
import { Health, Readiness, StatusResponse } from "./schemas/status.js";

/** How far behind the head the index may be and still count as ready. */
const READY_LAG = 5;

const health = route({
  method: "get",
  path: "/health",
  summary: "Liveness",
  responses: { 200: json(Health, "alive") },
});
const ready = route({
  method: "get",
  path: "/ready",
  summary: "Readiness: 503 until the index is within a few blocks of the head",
  responses: { 200: json(Readiness, "ready"), 503: json(Readiness, "catching up") },
});
const statusRoute = route({
  method: "get",
  path: "/status",
  summary: "Chain head, indexed block, lag, database kind, contracts",
  responses: { 200: json(StatusResponse, "the indexer's state") },
});

export function statusApi(deps: ApiDeps) {
  const status = async (): Promise<StatusResponse> => {
    const p = await deps.progress();
    const d = deps.deployment;
    const confirmations = deps.confirmations ?? 0;
    return {
      chainId: d.chainId,
      head: p.head.toString(),
      indexed: p.indexed.toString(),
      confirmations,
      // Behind the newest final block, not the head: the follower never indexes the last
      // `confirmations` blocks, so a real chain's index at rest has no lag.
      lag: Math.max(0, Number(p.head - BigInt(confirmations) - p.indexed)),
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
  return api()
    .openapi(health, (c) => c.json({ ok: true as const }, 200))
    .openapi(ready, async (c) => {
      const s = await status();
      const body = { ready: s.lag <= READY_LAG, lag: s.lag };
      return s.lag <= READY_LAG ? c.json(body, 200) : c.json(body, 503);
    })
    .openapi(statusRoute, async (c) => c.json(await status(), 200));
}
