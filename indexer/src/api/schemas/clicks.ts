import { z } from "@hono/zod-openapi";
import { bigString, CreditRole, hexAddress, RejectReason, wei } from "./common.js";

/** The body of POST /clicks and POST /impressions/viewable: an impression token signed by the session key. */
export const SignedToken = z.object({
  token: z.string().min(1).max(2048),
  signature: z.string().regex(/^0x[0-9a-fA-F]*$/, "hex with 0x prefix"),
});

/** POST /clicks 201: the click was paid, and to whom. */
export const ClickAccepted = z
  .object({
    status: z.literal("accepted"),
    clickId: bigString,
    cpc: wei,
    credits: z.array(z.object({ role: CreditRole, account: hexAddress, amount: wei })),
  })
  .openapi("ClickAccepted");
export type ClickAccepted = z.infer<typeof ClickAccepted>;

/** POST /clicks 422/429: the click was recorded and not paid, with the reason. */
export const ClickRejected = z
  .object({
    status: z.literal("rejected"),
    clickId: bigString,
    reason: RejectReason,
    error: z.object({ code: RejectReason, message: z.string() }),
  })
  .openapi("ClickRejected");
export type ClickRejected = z.infer<typeof ClickRejected>;

export type ClickResponse = ClickAccepted | ClickRejected;
