import { z } from "@hono/zod-openapi";
import { bigString, wei } from "./common.js";

/** One ad served by GET /ads, with the impression token to click it within `expiresAt`. */
export const Ad = z
  .object({
    campaignId: bigString,
    cpc: wei,
    creativeUri: z.string(),
    impressionId: z.string(),
    token: z.string().openapi({ description: "signed impression token, posted back to POST /clicks" }),
    expiresAt: z.number().openapi({ description: "unix seconds; the token is refused after it" }),
  })
  .openapi("Ad");
export type Ad = z.infer<typeof Ad>;

export const AdsResponse = z
  .object({ cell: z.string().openapi({ description: "the res-7 cell the ads are for" }), ads: z.array(Ad) })
  .openapi("Ads");
export type AdsResponse = z.infer<typeof AdsResponse>;
