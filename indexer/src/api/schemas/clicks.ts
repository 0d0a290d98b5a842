import { z } from "@hono/zod-openapi";
import { bigString, CreditRole, hexAddress, RejectReason, wei } from "./common.js";

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
