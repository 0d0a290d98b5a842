import { z } from "@hono/zod-openapi";
import { hexAddress } from "./common.js";

export const SessionOpened = z
  .object({ id: z.string(), viewer: hexAddress, expiresAt: z.number() })
  .openapi("SessionOpened");
export type SessionOpened = z.infer<typeof SessionOpened>;

export const SessionRevoked = z.object({ id: z.string(), revokedAt: z.number() }).openapi("SessionRevoked");
export type SessionRevoked = z.infer<typeof SessionRevoked>;
