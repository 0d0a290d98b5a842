import { z } from "@hono/zod-openapi";
import { bigString, hexAddress, wei } from "./common.js";

export const CampaignStatus = z
  .enum(["scheduled", "active", "paused", "exhausted", "ended", "withdrawn"])
  .openapi("CampaignStatus");
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const Delivery = z
  .object({
    dailyBudget: wei.openapi({ description: 'Most spent per UTC day ("0": no daily limit)' }),
    daysMask: z.number().int().openapi({ description: "UTC weekdays it runs: bit d = day d, 0 = Sunday" }),
    hoursMask: z.number().int().openapi({ description: "UTC hours it runs: bit h = hour h (0-23)" }),
    schedule: z.string().openapi({ description: 'The schedule in words, e.g. "Mon–Fri, 09:00–17:00 UTC"' }),
  })
  .openapi("Delivery", {
    description:
      "Set on-chain by AdMarket.setDelivery; a click past the day's budget is refused `daily_budget_spent`, one outside the schedule `outside_schedule`",
  });

export const Campaign = z
  .object({
    id: bigString,
    advertiser: hexAddress,
    budget: wei,
    spent: wei,
    cpc: wei,
    start: z.number(),
    end: z.number(),
    paused: z.boolean(),
    withdrawn: z.boolean(),
    status: CampaignStatus,
    creativeUri: z.string(),
    creativeUpdatedAt: z.number().nullable().openapi({
      description: "When the advertiser last replaced the creative (null: the one it launched with)",
    }),
    delivery: Delivery,
    targets: z.array(z.string()).openapi({ description: "H3 cells of resolution 0-7" }),
    places: z.array(z.string()).openapi({
      description:
        'The distinct places at the targets\' centres ("Paris, France"), at most 5, most targeted first',
    }),
    createdAt: z.number(),
  })
  .openapi("Campaign");
export type Campaign = z.infer<typeof Campaign>;

export const CampaignDetail = Campaign.extend({
  spentToday: wei.openapi({ description: "Paid clicks credited this UTC day, settled or not" }),
  history: z.array(
    z.object({
      event: z.string(),
      block: bigString,
      timestamp: z.number(),
      txHash: z.string(),
      args: z.record(z.string(), z.unknown()),
    }),
  ),
}).openapi("CampaignDetail");
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const Campaigns = z.object({ campaigns: z.array(Campaign) });

export const EpochState = z.enum(["pending", "active", "superseded", "vetoed"]).openapi("EpochState", {
  description:
    "pending: in its challenge window or due; active: the claimable root; superseded: below the active one (its amounts are in the active root); vetoed: by the guardian, or built on a vetoed one",
});
export type EpochState = z.infer<typeof EpochState>;

export const Epoch = z
  .object({
    id: bigString,
    root: z.string(),
    total: wei,
    cutoff: z.number(),
    activatesAt: z.number(),
    status: EpochState,
    postedAt: z.number(),
    txHash: z.string(),
  })
  .openapi("Epoch");
export type Epoch = z.infer<typeof Epoch>;

export const Epochs = z.object({ epochs: z.array(Epoch) });

/** GET /campaigns/{id}/stats. */
export const CampaignStats = z
  .object({
    campaignId: bigString,
    impressions: z.number(),
    clicks: z.object({
      accepted: z.number(),
      rejected: z.record(z.string(), z.number()).openapi({ description: "reason → rejected clicks" }),
    }),
    ctr: z.number().openapi({ description: "accepted clicks per impression" }),
    spend: z.object({ pending: wei, settled: wei }),
    byCell: z.array(z.object({ cell: z.string(), impressions: z.number(), clicks: z.number() })),
    byHour: z.array(
      z.object({
        hour: z.number().openapi({ description: "unix seconds at the start of the hour" }),
        impressions: z.number(),
        clicks: z.number(),
        rejected: z.number(),
      }),
    ),
  })
  .openapi("CampaignStats");
export type CampaignStats = z.infer<typeof CampaignStats>;

/** GET /areas/activity: what was served and clicked in an area over the last `days`. */
export const AreaActivity = z
  .object({ days: z.number(), impressions: z.number(), clicks: z.number() })
  .openapi("AreaActivity");
export type AreaActivity = z.infer<typeof AreaActivity>;
