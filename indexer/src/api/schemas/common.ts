// Schemas shared by every resource. Schema modules import only zod and @hexads/protocol: they are
// the types of the API (the indexer's routes, its tests) and, through /openapi.json, of the web app.
import { REJECT_REASONS } from "@hexads/protocol";
import { z } from "@hono/zod-openapi";

/** { error: { code, message } }: every 4xx/5xx answer. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: "stable machine-readable code" }),
      message: z.string().openapi({ description: "one sentence a person can act on" }),
    }),
  })
  .openapi("Error");
export type ErrorResponse = z.infer<typeof ErrorBody>;

export const RejectReason = z.enum(REJECT_REASONS).openapi("RejectReason", {
  description: "Why a click was not paid (or, on GET /ads, why the session cannot be used)",
});

/** Who a paid click credits. */
export const CreditRole = z.enum(["viewer", "owner", "protocol"]).openapi("CreditRole");
export type CreditRole = z.infer<typeof CreditRole>;

/** A decimal string of wei (HXA has 18 decimals; amounts exceed 2^53). */
export const wei = z.string().openapi({ description: "decimal wei", example: "1000000000000000000" });
/** A block number or id as a decimal string (may exceed 2^53). */
export const bigString = z.string().openapi({ description: "decimal integer", example: "42" });
export const hexAddress = z
  .string()
  .openapi({ description: "0x address", example: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" });
