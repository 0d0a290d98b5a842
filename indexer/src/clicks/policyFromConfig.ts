import { parseEther } from "viem";
import type { Config } from "../config.js";
import type { ClickPolicy } from "./creditClick.js";

/** The click checks' limits as configured (CLICK_*, MAX_TRAVEL_KMH); unowned plots pay `treasury`. */
export const clickPolicyFrom = (config: Config, treasury: string): ClickPolicy => ({
  caps: { perCampaign: config.CLICK_CAP_PER_CAMPAIGN, perDay: config.CLICK_CAP_PER_DAY },
  ipLimit: config.CLICK_IP_LIMIT,
  ipWindowSeconds: config.CLICK_IP_WINDOW_SECONDS,
  velocity: { clicks: config.CLICK_VELOCITY_MAX, seconds: config.CLICK_VELOCITY_SECONDS },
  subnet: { viewers: config.CLICK_SUBNET_VIEWERS, seconds: config.CLICK_SUBNET_WINDOW_SECONDS },
  maxKmh: config.MAX_TRAVEL_KMH,
  minClickMs: config.CLICK_MIN_MS,
  minViewableMs: config.CLICK_VIEWABLE_MS,
  earnCapPerDay: parseEther(config.CLICK_EARN_CAP_PER_DAY),
  treasury: treasury.toLowerCase(),
});
