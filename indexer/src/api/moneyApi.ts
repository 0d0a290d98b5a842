import type { OpenAPIHono } from "@hono/zod-openapi";
import { accountHistoryApi } from "./accountHistory.js";
import { adsApi } from "./ads.js";
import { areaActivityApi } from "./areaActivity.js";
import { campaignStatsApi } from "./campaignStats.js";
import { clicksApi } from "./clicks.js";
import type { ApiDeps } from "./deps.js";
import { earningsApi } from "./earnings.js";
import { economyAccountsApi } from "./economyAccounts.js";
import { economyFlowsApi } from "./economyFlows.js";
import { economyHistoryApi } from "./economyHistory.js";
import { epochDetailApi } from "./epochDetail.js";
import { sessionsApi } from "./sessions.js";

/** Mounts the money path's resources; read-only ones work without the money deps too. */
export function mountMoneyApi(app: OpenAPIHono, deps: ApiDeps): void {
  app.route("/", earningsApi(deps));
  app.route("/", accountHistoryApi(deps));
  app.route("/", areaActivityApi(deps));
  app.route("/", epochDetailApi(deps));
  app.route("/", campaignStatsApi(deps));
  app.route("/", economyFlowsApi(deps));
  app.route("/", economyHistoryApi(deps));
  app.route("/", economyAccountsApi(deps));
  if (deps.money) {
    app.route("/", sessionsApi(deps, deps.money));
    app.route("/", adsApi(deps, deps.money));
    app.route("/", clicksApi(deps, deps.money));
  }
}
