import { REJECT_MESSAGES } from "@hexads/protocol";
import { clickQueue, queueOptions } from "../clicks/clickQueue.js";
import { clientIp } from "./clientIp.js";
import { type ApiDeps, type MoneyDeps, nowMsOf } from "./deps.js";
import { api, json, jsonBody, route } from "./route.js";
import { ClickAccepted, ClickRejected, SignedToken } from "./schemas/clicks.js";

const clickRoute = route({
  method: "post",
  path: "/clicks",
  summary:
    "Click an ad: the impression token signed by the session key (P-256, P1363, over 'hexads-click:<token>')",
  request: {
    body: jsonBody(SignedToken),
  },
  responses: {
    201: json(ClickAccepted, "paid"),
    422: json(ClickRejected, "not paid: the reason is a RejectReason"),
    429: json(ClickRejected, "not paid: ip_rate_limited"),
  },
});

export function clicksApi(deps: ApiDeps, money: MoneyDeps) {
  const credit = clickQueue(deps.db, money.tokens, money.policy, queueOptions(deps.dbKind));
  return api().openapi(clickRoute, async (c) => {
    const body = c.req.valid("json");
    const outcome = await credit({
      ...body,
      ip: clientIp(c, money.trustProxy),
      now: deps.now(),
      nowMs: nowMsOf(deps),
    });
    if (outcome.status === "accepted") return c.json(outcome, 201);
    const rejected = {
      ...outcome,
      error: { code: outcome.reason, message: REJECT_MESSAGES[outcome.reason] },
    };
    return outcome.reason === "ip_rate_limited" ? c.json(rejected, 429) : c.json(rejected, 422);
  });
}
