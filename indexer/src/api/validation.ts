import { getResolution, isValidCell } from "h3-js";
import { isAddress } from "viem";
import { z } from "zod";
import { BadRequestError } from "../errors.js";

/** A res-7 H3 cell in its canonical 15-char hex form; parsed to bigint. */
export const plotCell = z
  .string()
  .regex(/^[0-9a-fA-F]{15}$/, "a cell is 15 hex characters, e.g. 871fb4662ffffff")
  .refine((c) => isValidCell(c) && getResolution(c) === 7, "not a valid resolution-7 H3 cell")
  .transform((c) => BigInt(`0x${c}`));

/** Any H3 cell of resolution 0-7 (campaign targets). */
export const anyCell = z
  .string()
  .regex(/^[0-9a-fA-F]{15}$/, "a cell is 15 hex characters")
  .refine((c) => isValidCell(c) && getResolution(c) <= 7, "not a valid H3 cell of resolution 0-7")
  .transform((c) => c.toLowerCase());

export const address = z
  .string()
  .refine((a) => isAddress(a, { strict: false }), "not an 0x address")
  .transform((a) => a.toLowerCase());

/** Largest id the database stores (int8); no chain will count campaigns or epochs that far. */
const MAX_ID = 2n ** 63n - 1n;
export const id = z.coerce.bigint().refine((v) => v > 0n && v <= MAX_ID, "ids run from 1 to 2^63-1");

/** Unix seconds (block time). */
export const unixSeconds = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 40);

const MAX_BBOX_DEG2 = 25;
/** "minLng,minLat,maxLng,maxLat"; minLng > maxLng means the box crosses the antimeridian. */
export const bbox = z.string().transform((s, ctx) => {
  const parts = s.split(",").map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    ctx.addIssue({ code: "custom", message: "bbox is minLng,minLat,maxLng,maxLat" });
    return z.NEVER;
  }
  const [minLng, minLat, maxLng, maxLat] = parts as [number, number, number, number];
  if (minLat < -90 || maxLat > 90 || minLat >= maxLat || Math.abs(minLng) > 180 || Math.abs(maxLng) > 180) {
    ctx.addIssue({
      code: "custom",
      message: "bbox out of range (lat -90..90, lng -180..180, minLat < maxLat)",
    });
    return z.NEVER;
  }
  const width = minLng <= maxLng ? maxLng - minLng : 360 - minLng + maxLng;
  if (width * (maxLat - minLat) > MAX_BBOX_DEG2) {
    ctx.addIssue({ code: "custom", message: `bbox too large: at most ${MAX_BBOX_DEG2} square degrees` });
    return z.NEVER;
  }
  return { minLng, minLat, maxLng, maxLat };
});

/** A wei amount: a decimal integer that fits a uint256. */
export const weiAmount = z
  .string()
  .refine(
    (v) => /^\d{1,78}$/.test(v) && BigInt(v) < 2n ** 256n,
    "an amount is decimal wei below 2^256, e.g. 1000000000000000000 for 1 HXA",
  );

const MAX_RADIUS_KM = 500;
/**
 * Where to look, as query fields: a bbox, or a centre (`near=lat,lng`) with `radiusKm`; neither means
 * everywhere. Refine the object with `oneArea`.
 */
export const areaFields = {
  bbox: bbox.optional().openapi({
    description:
      "minLng,minLat,maxLng,maxLat; at most 25 square degrees; minLng > maxLng crosses the antimeridian",
  }),
  near: z
    .string()
    .transform((s, ctx) => {
      const parts = s.split(",").map(Number);
      const [lat, lng] = parts as [number, number];
      if (parts.length !== 2 || !parts.every(Number.isFinite) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
        ctx.addIssue({ code: "custom", message: "near is lat,lng (lat -90..90, lng -180..180)" });
        return z.NEVER;
      }
      return { lat, lng };
    })
    .optional()
    .openapi({ description: "lat,lng of a centre; give radiusKm with it" }),
  radiusKm: z.coerce
    .number()
    .gt(0)
    .max(MAX_RADIUS_KM)
    .optional()
    .openapi({ description: `distance from near, in km (at most ${MAX_RADIUS_KM})` }),
};

/** The area fields make at most one area: a bbox, or near with radiusKm. */
export const oneArea = [
  (q: { bbox?: unknown; near?: unknown; radiusKm?: number }) =>
    (q.near === undefined) === (q.radiusKm === undefined) && !(q.bbox && q.near),
  "give a bbox, or near with radiusKm, or neither",
] as const;

export const page = {
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};

/** The 400 for input that fails its schema, with the first issue as a readable message. */
export function invalidInput(error: { issues: readonly z.core.$ZodIssue[] }): BadRequestError {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return new BadRequestError(`${where}${issue?.message ?? "invalid input"}`, "invalid_input");
}
