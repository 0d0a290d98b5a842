import type { CheckResult } from "./checkResult.js";

export interface CampaignState {
  start: number;
  end: number;
  paused: boolean;
  withdrawn: boolean;
}

/** Clicks are paid only while the campaign runs: started, before its end, not paused or withdrawn. */
export function checkCampaign(campaign: CampaignState | undefined, now: number): CheckResult {
  if (!campaign) return "campaign_unknown";
  if (campaign.withdrawn || now >= campaign.end) return "campaign_ended";
  if (now < campaign.start) return "campaign_not_started";
  if (campaign.paused) return "campaign_paused";
  return null;
}
