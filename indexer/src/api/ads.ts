import { inSchedule, REJECT_MESSAGES } from "@hexads/protocol";
import { z } from "@hono/zod-openapi";
import { and, eq, gt, inArray } from "drizzle-orm";
import { latLngToCell } from "h3-js";
import { checkDailyBudget } from "../clicks/checks/delivery.js";
import { checkSession } from "../clicks/checks/session.js";
import { TOKEN_MAX_AGE_SECONDS } from "../clicks/checks/token.js";
import { campaignSpend, campaigns, impressions, sessions } from "../db/schema.js";
import { AppError, BadRequestError } from "../errors.js";
import { ImpressionTokens } from "../impressions/token.js";
import { activeCampaignsForCells } from "../queries/activeCampaignsForCells.js";
import { spentToday } from "../queries/spentToday.js";
import { type ApiDeps, type MoneyDeps, nowMsOf } from "./deps.js";
import { api, error, json, route } from "./route.js";
import { AdsResponse } from "./schemas/ads.js";
import { plotCell } from "./validation.js";

const adsRoute = route({
  method: "get",
  path: "/ads",
  summary: "Ads for a place (cell, or lat and lng) with a signed impression token each",
  request: {
    query: z.object({
      cell: plotCell.optional().openapi({ description: "res-7 H3 cell" }),
      lat: z.coerce
        .number()
        .min(-90)
        .max(90)
        .optional()
        .openapi({ description: "latitude (only the res-7 cell is kept)" }),
      lng: z.coerce.number().min(-180).max(180).optional().openapi({ description: "longitude" }),
      session: z.string().regex(/^[0-9a-f]{32}$/, "a session id"),
    }),
  },
  responses: {
    200: json(AdsResponse, "the ads, best paid first"),
    400: error("invalid input, or neither cell nor lat and lng"),
    401: error("session_unknown, session_expired or session_revoked (a RejectReason)"),
  },
});

/** An ad shown again to the same viewer in the same cell within this time is the same impression. */
export const IMPRESSION_WINDOW_SECONDS = 86_400;

/** Fisher-Yates shuffle, so that equal-cpc ads take turns at the top. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

export function adsApi(deps: ApiDeps, money: MoneyDeps) {
  return api().openapi(adsRoute, async (c) => {
    const q = c.req.valid("query");
    let cell = q.cell;
    if (cell === undefined) {
      if (q.lat === undefined || q.lng === undefined) throw new BadRequestError("give cell, or lat and lng");
      // Only the res-7 cell is kept: the exact position is never stored.
      cell = BigInt(`0x${latLngToCell(q.lat, q.lng, 7)}`);
    }
    const now = deps.now();
    const servedMs = nowMsOf(deps);
    const [session] = await deps.db.select().from(sessions).where(eq(sessions.id, q.session));
    const reason = checkSession(session, now);
    if (reason || !session) {
      const r = reason ?? "session_unknown";
      throw new AppError(r, REJECT_MESSAGES[r], 401);
    }
    const ids = (await activeCampaignsForCells(deps.db, [cell], now)).get(cell) ?? [];
    const rows = ids.length
      ? await deps.db
          .select({ c: campaigns, credited: campaignSpend.credited })
          .from(campaigns)
          .leftJoin(campaignSpend, eq(campaignSpend.campaignId, campaigns.id))
          .where(inArray(campaigns.id, ids))
      : [];
    // Budget left after every credited click, settled or not, in the campaign's schedule, and
    // room for one more click in the day's budget when it has one.
    const capped = rows.filter((r) => BigInt(r.c.dailyBudget) > 0n).map((r) => r.c.id);
    const today = await spentToday(deps.db, capped, now);
    const open = rows.filter(
      (r) =>
        BigInt(r.c.budget) - BigInt(r.credited ?? 0) >= BigInt(r.c.cpc) &&
        inSchedule(r.c, now) &&
        checkDailyBudget({
          dailyBudget: BigInt(r.c.dailyBudget),
          spentToday: today.get(r.c.id) ?? 0n,
          cpc: BigInt(r.c.cpc),
        }) === null,
    );
    const ranked = shuffle(open)
      .sort((a, b) => {
        const d = BigInt(b.c.cpc) - BigInt(a.c.cpc);
        return d > 0n ? 1 : d < 0n ? -1 : 0;
      })
      .slice(0, money.maxAds);
    const cellHex = cell.toString(16);
    // One impression per ad shown to a person: within a day, a reload shows this viewer the same
    // impression of an ad in this cell again (a fresh token for the same id), so it counts once
    // and, being one impression, pays at most once.
    const shown = ranked.length
      ? await deps.db
          .select({ id: impressions.id, campaignId: impressions.campaignId })
          .from(impressions)
          .where(
            and(
              eq(impressions.viewer, session.viewer),
              eq(impressions.cell, cell),
              inArray(
                impressions.campaignId,
                ranked.map((r) => r.c.id),
              ),
              gt(impressions.issuedAt, now - IMPRESSION_WINDOW_SECONDS),
            ),
          )
      : [];
    const shownId = new Map(shown.map((s) => [s.campaignId, s.id]));
    const ads = ranked.map((r) => {
      const id = shownId.get(r.c.id) ?? ImpressionTokens.newId();
      return {
        seen: shownId.has(r.c.id),
        row: { id, campaignId: r.c.id, cell, viewer: session.viewer, sessionId: session.id, issuedAt: now },
        ad: {
          campaignId: r.c.id.toString(),
          cpc: r.c.cpc,
          creativeUri: r.c.creativeUri,
          impressionId: id,
          token: money.tokens.sign({
            id,
            campaignId: r.c.id,
            cell: cellHex,
            viewer: session.viewer,
            sessionId: session.id,
            issuedAt: now,
            servedMs,
          }),
          expiresAt: now + TOKEN_MAX_AGE_SECONDS,
        },
      };
    });
    const fresh = ads.filter((a) => !a.seen).map((a) => a.row);
    if (fresh.length) await deps.db.insert(impressions).values(fresh).onConflictDoNothing();
    return c.json({ cell: cellHex, ads: ads.map((a) => a.ad) }, 200);
  });
}
