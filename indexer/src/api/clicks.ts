import { REJECT_MESSAGES } from "@hexads/protocol";
import { Hono } from "hono";
import { z } from "zod";
import { clickQueue, queueOptions } from "../clicks/clickQueue.js";
import { clientIp } from "./clientIp.js";
import { type ApiDeps, nowMsOf } from "./deps.js";
import type { MoneyDeps } from "./moneyDeps.js";
import { validate } from "./validation.js";

export function clicksApi(deps: ApiDeps, money: MoneyDeps) {
  const credit = clickQueue(deps.db, money.tokens, money.policy, queueOptions(deps.dbKind));
  return new Hono().post(
    "/clicks",
    validate(
      "json",
      z.object({
        token: z.string().min(1).max(2048),
        signature: z.string().regex(/^0x[0-9a-fA-F]*$/, "hex with 0x prefix"),
      }),
    ),
    async (c) => {
      const body = c.req.valid("json");
      const outcome = await credit({
        ...body,
        ip: clientIp(c, money.trustProxy),
        now: deps.now(),
        nowMs: nowMsOf(deps),
      });
      if (outcome.status === "accepted") return c.json(outcome, 201);
      const status = outcome.reason === "ip_rate_limited" ? 429 : 422;
      return c.json(
        { ...outcome, error: { code: outcome.reason, message: REJECT_MESSAGES[outcome.reason] } },
        status,
      );
    },
  );
}
