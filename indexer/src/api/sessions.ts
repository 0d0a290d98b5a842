import { randomBytes } from "node:crypto";
import { revokeMessage } from "@hexads/protocol";
import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { getAddress, type Hex } from "viem";
import { checkSignature, p256PublicKey } from "../clicks/checks/signature.js";
import { sessions } from "../db/schema.js";
import { AppError, BadRequestError, NotFoundError } from "../errors.js";
import { verifySession } from "../sessions/verifySession.js";
import type { ApiDeps, MoneyDeps } from "./deps.js";
import { api, error, json, jsonBody, route } from "./route.js";
import { SessionOpened, SessionRevoked } from "./schemas/sessions.js";
import { address } from "./validation.js";

/** Longest session a wallet may open. */
const MAX_SESSION_SECONDS = 30 * 86_400;
const hex = z.string().regex(/^0x[0-9a-fA-F]*$/, "hex with 0x prefix");

const open = route({
  method: "post",
  path: "/sessions",
  summary: "Open a viewer session, signed by the viewer's wallet (EIP-712 Session)",
  request: {
    body: jsonBody(
      z.object({
        viewer: address,
        sessionKey: z.string().regex(/^0x04[0-9a-fA-F]{128}$/, "an uncompressed P-256 public key (0x04…)"),
        expiresAt: z.coerce
          .number()
          .int()
          .positive()
          .openapi({ description: "unix seconds, at most 30 days ahead" }),
        signature: hex.openapi({ description: "EIP-712 Session signature (EOA, ERC-1271 or ERC-6492)" }),
      }),
    ),
  },
  responses: {
    201: json(SessionOpened, "opened"),
    422: error("bad_signature: the session is not signed by the viewer"),
  },
});
const revoke = route({
  method: "post",
  path: "/sessions/{id}/revoke",
  summary: "Revoke a session: signed by the session key over 'hexads-revoke:<id>'",
  request: {
    params: z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, "a session id") }),
    body: jsonBody(z.object({ signature: hex })),
  },
  responses: {
    200: json(SessionRevoked, "revoked (or already revoked: the first time stays)"),
    404: error("unknown session"),
    422: error("bad_signature: not signed by the session's key"),
  },
});

export function sessionsApi(deps: ApiDeps, money: MoneyDeps) {
  return api()
    .openapi(open, async (c) => {
      const body = c.req.valid("json");
      const now = deps.now();
      if (body.expiresAt <= now) throw new BadRequestError("expiresAt is in the past", "session_expired");
      if (body.expiresAt > now + MAX_SESSION_SECONDS) {
        throw new BadRequestError(
          `a session lasts at most ${MAX_SESSION_SECONDS} seconds`,
          "session_too_long",
        );
      }
      const sessionKey = body.sessionKey.toLowerCase() as Hex;
      try {
        p256PublicKey(sessionKey);
      } catch {
        throw new BadRequestError("sessionKey is not a point on P-256", "bad_session_key");
      }
      const ok = await verifySession(money.client, {
        chainId: deps.deployment.chainId,
        adMarket: deps.deployment.AdMarket,
        message: { viewer: getAddress(body.viewer), sessionKey, expiresAt: BigInt(body.expiresAt) },
        signature: body.signature as Hex,
      });
      if (!ok) throw new AppError("bad_signature", "the session is not signed by the viewer", 422);
      const id = randomBytes(16).toString("hex");
      await deps.db.insert(sessions).values({
        id,
        viewer: body.viewer,
        sessionKey,
        expiresAt: body.expiresAt,
        createdAt: now,
      });
      return c.json({ id, viewer: body.viewer, expiresAt: body.expiresAt }, 201);
    })
    .openapi(revoke, async (c) => {
      const { id } = c.req.valid("param");
      const [session] = await deps.db.select().from(sessions).where(eq(sessions.id, id));
      if (!session) throw new NotFoundError(`no session ${id}`);
      if (checkSignature(session.sessionKey, revokeMessage(id), c.req.valid("json").signature)) {
        throw new AppError("bad_signature", "not signed by this session's key", 422);
      }
      const revokedAt = session.revokedAt ?? deps.now();
      await deps.db.update(sessions).set({ revokedAt }).where(eq(sessions.id, id));
      return c.json({ id, revokedAt }, 200);
    });
}
