import type { CheckResult } from "./checkResult.js";

export interface FrequencyCaps {
  /** Paid clicks one viewer may make on one campaign per 24 h (default 1). */
  perCampaign: number;
  /** Paid clicks one viewer may make across all campaigns per 24 h. */
  perDay: number;
}

export const DEFAULT_FREQUENCY_CAPS: FrequencyCaps = { perCampaign: 1, perDay: 50 };

/** Counts are of the viewer's paid clicks in the last 24 h, before this one. */
export function checkFrequency(
  counts: { campaign: number; day: number },
  caps: FrequencyCaps = DEFAULT_FREQUENCY_CAPS,
): CheckResult {
  if (counts.campaign >= caps.perCampaign) return "frequency_campaign";
  if (counts.day >= caps.perDay) return "frequency_daily";
  return null;
}
