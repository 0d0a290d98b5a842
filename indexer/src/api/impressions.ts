import { REJECT_MESSAGES, type RejectReason, viewableMessage } from "@hexads/protocol";
import { eq } from "drizzle-orm";
import { checkSession } from "../clicks/checks/session.js";
import { checkSignature } from "../clicks/checks/signature.js";
import { checkToken } from "../clicks/checks/token.js";
import { sessions } from "../db/schema.js";
import { AppError } from "../errors.js";
import { type ApiDeps, type MoneyDeps, nowMsOf } from "./deps.js";
import { api, error, json, jsonBody, route } from "./route.js";
import { SignedToken } from "./schemas/clicks.js";
import { ViewableReported } from "./schemas/impressions.js";

const viewableRoute = route({
  method: "post",
  path: "/impressions/viewable",
  summary:
    "Report an ad at least half on screen: the impression token signed by the session key (P-256, P1363, over 'hexads-viewable:<token>'); answers the token to click",
  request: {
    body: jsonBody(SignedToken),
  },
  responses: {
    201: json(ViewableReported, "reported: click with the token answered, CLICK_VIEWABLE_MS from viewableAt"),
    401: error("session_unknown, session_expired or session_revoked (a RejectReason)"),
    422: error("token_forged, token_expired or bad_signature (a RejectReason)"),
  },
});

const refuse = (reason: RejectReason, status: 401 | 422) =>
  new AppError(reason, REJECT_MESSAGES[reason], status);

/**
 * Signed viewability (see @hexads/protocol viewability): the server dates the session's report on
 * its own clock and re-signs the token with that date, so the proof costs the click path no
 * database read. Reporting again only dates the proof later.
 */
export function impressionsApi(deps: ApiDeps, money: MoneyDeps) {
  return api().openapi(viewableRoute, async (c) => {
    const body = c.req.valid("json");
    const now = deps.now();
    const viewableMs = nowMsOf(deps);
    const claims = money.tokens.verify(body.token);
    const stale = checkToken(claims && { issuedAt: claims.issuedAt, alreadyUsed: false }, now);
    if (stale || !claims) throw refuse(stale ?? "token_forged", 422);
    const [session] = await deps.db.select().from(sessions).where(eq(sessions.id, claims.sessionId));
    const gone = checkSession(session, now);
    if (gone || !session) throw refuse(gone ?? "session_unknown", 401);
    if (session.viewer !== claims.viewer) throw refuse("token_forged", 422);
    const forged = checkSignature(session.sessionKey, viewableMessage(body.token), body.signature);
    if (forged) throw refuse(forged, 422);
    return c.json({ token: money.tokens.sign({ ...claims, viewableMs }), viewableAt: viewableMs }, 201);
  });
}
