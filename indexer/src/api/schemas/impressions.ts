import { z } from "@hono/zod-openapi";

/** POST /impressions/viewable 201: the impression token dated with the signed viewability report. */
export const ViewableReported = z
  .object({
    token: z.string().openapi({ description: "the impression token to click, carrying viewableAt" }),
    viewableAt: z.number().openapi({
      description: "unix ms of the report on the server's clock; a click is paid CLICK_VIEWABLE_MS after it",
    }),
  })
  .openapi("ViewableReported");
export type ViewableReported = z.infer<typeof ViewableReported>;
