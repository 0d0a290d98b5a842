import { Scalar } from "@scalar/hono-api-reference";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import { Counter } from "prom-client";
import { AppError } from "../errors.js";
import { accountClicksApi } from "./accountClicks.js";
import { accountHistoryApi } from "./accountHistory.js";
import { adsApi } from "./ads.js";
import { areaActivityApi } from "./areaActivity.js";
import { limitBody, MAX_BODY_BYTES } from "./bodyLimit.js";
import { campaignStatsApi } from "./campaignStats.js";
import { campaignsApi } from "./campaigns.js";
import { clicksApi } from "./clicks.js";
import type { ApiDeps } from "./deps.js";
import { earningsApi } from "./earnings.js";
import { economyAccountsApi } from "./economyAccounts.js";
import { economyFlowsApi } from "./economyFlows.js";
import { economyHistoryApi } from "./economyHistory.js";
import { epochDetailApi } from "./epochDetail.js";
import { impressionsApi } from "./impressions.js";
import { marketApi } from "./market.js";
import { offersApi } from "./offers.js";
import { describeApi } from "./openapi.js";
import { placesApi } from "./places.js";
import { plotsApi } from "./plots.js";
import { api, error } from "./route.js";
import { sessionsApi } from "./sessions.js";
import { statusApi } from "./status.js";

export type { ApiDeps } from "./deps.js";

/** Builds the HTTP API: one Hono app per resource, mounted together, with JSON errors. */
export function createApp(deps: ApiDeps, log?: Logger) {
  const requests = new Counter({
    name: "hexads_http_requests_total",
    help: "HTTP requests by route and status",
    labelNames: ["method", "route", "status"],
    registers: [deps.registry],
  });
  const app = api();
  app.use("*", cors({ origin: deps.corsOrigin }));
  app.use("*", limitBody());
  app.use("*", async (c, next) => {
    await next();
    requests.inc({ method: c.req.method, route: c.req.routePath, status: c.res.status });
  });
  app.onError((err, c) => {
    if (err instanceof AppError && err.status < 500) {
      return c.json({ error: { code: err.code, message: err.message } }, err.status);
    }
    // A body that is not JSON: the route's content-type gate says 415; answered as the 400 any invalid body gets.
    if (err instanceof HTTPException && err.status === 415) {
      return c.json(
        {
          error: { code: "invalid_input", message: "the body must be JSON (content-type: application/json)" },
        },
        400,
      );
    }
    // Hono's own request errors (e.g. malformed JSON from the validator) are the client's fault too.
    if (err instanceof HTTPException && err.status < 500) {
      return c.json({ error: { code: "bad_request", message: err.message } }, err.status);
    }
    log?.error({ err, path: c.req.path }, "request failed");
    const status = err instanceof AppError ? err.status : 500;
    return c.json({ error: { code: "internal", message: "internal error" } }, status);
  });
  app.notFound((c) =>
    c.json({ error: { code: "not_found", message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.route("/", statusApi(deps));
  app.route("/", plotsApi(deps));
  app.route("/", offersApi(deps));
  app.route("/", marketApi(deps));
  app.route("/", placesApi());
  app.route("/", campaignsApi(deps));
  app.route("/", campaignStatsApi(deps));
  app.route("/", areaActivityApi(deps));
  app.route("/", earningsApi(deps));
  app.route("/", accountHistoryApi(deps));
  app.route("/", accountClicksApi(deps));
  app.route("/", epochDetailApi(deps));
  app.route("/", economyFlowsApi(deps));
  app.route("/", economyHistoryApi(deps));
  app.route("/", economyAccountsApi(deps));
  // Sessions, ads and clicks need the money path's keys and policy; read-only routes work without.
  if (deps.money) {
    app.route("/", sessionsApi(deps, deps.money));
    app.route("/", adsApi(deps, deps.money));
    app.route("/", impressionsApi(deps, deps.money));
    app.route("/", clicksApi(deps, deps.money));
  }
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "HexAds indexer API" }));
  app.get("/metrics", async (c) =>
    c.text(await deps.registry.metrics(), 200, { "content-type": deps.registry.contentType }),
  );
  app.get("/openapi.json", (c) => c.json(document));
  describeNonJson(app);
  const document = describeApi(app);
  return app;
}

/** The routes that answer something other than JSON, described for /openapi.json. */
function describeNonJson(app: ReturnType<typeof api>) {
  const text = (path: string, summary: string, type: string) =>
    app.openAPIRegistry.registerPath({
      method: "get",
      path,
      summary,
      responses: { 200: { description: type }, 413: error(`request body over ${MAX_BODY_BYTES} bytes`) },
    });
  text("/metrics", "Prometheus metrics", "text/plain; version=0.0.4");
  text("/docs", "This API's reference page (Scalar)", "text/html");
  text("/openapi.json", "This document (OpenAPI 3.1)", "application/json");
}
