import { REJECT_MESSAGES, type RejectReason } from "@hexads/protocol";
import { z } from "@hono/zod-openapi";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { clicks, credits } from "../db/schema.js";
import type { ApiDeps } from "./deps.js";
import { api, json, route } from "./route.js";
import { ViewerClicksResponse } from "./schemas/accounts.js";
import { cellHex } from "./serialize.js";
import { address } from "./validation.js";

const clicksRoute = route({
  method: "get",
  path: "/accounts/{address}/clicks",
  summary: "The account's newest clicks as a viewer, paid (with its share) or refused (with the reason)",
  request: {
    params: z.object({ address }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
  },
  responses: { 200: json(ViewerClicksResponse, "the viewer's clicks, newest first") },
});

/**
 * GET /accounts/:address/clicks: so a viewer sees why a click was not paid. Clicks whose token was
 * not genuine name no viewer, so they are not listed; the client's address is never shown.
 */
export function accountClicksApi(deps: ApiDeps) {
  return api().openapi(clicksRoute, async (c) => {
    const { address: account } = c.req.valid("param");
    const { limit } = c.req.valid("query");
    const rows = await deps.db
      .select({
        id: clicks.id,
        campaignId: clicks.campaignId,
        cell: clicks.cell,
        at: clicks.createdAt,
        status: clicks.status,
        reason: clicks.reason,
        earned: credits.amount,
      })
      .from(clicks)
      .leftJoin(
        credits,
        and(eq(credits.clickId, clicks.id), eq(credits.role, "viewer"), eq(credits.account, account)),
      )
      .where(and(eq(clicks.viewer, account), isNotNull(clicks.campaignId), isNotNull(clicks.cell)))
      .orderBy(desc(clicks.createdAt), desc(clicks.id))
      .limit(limit);
    return c.json(
      {
        account,
        clicks: rows.map((r) => {
          const reason = r.status === "rejected" ? (r.reason as RejectReason) : null;
          return {
            clickId: r.id.toString(),
            campaignId: String(r.campaignId),
            cell: cellHex(r.cell as bigint),
            at: r.at,
            status: r.status,
            earned: r.status === "accepted" ? (r.earned ?? "0") : null,
            reason,
            message: reason && REJECT_MESSAGES[reason],
          };
        }),
      },
      200,
    );
  });
}
