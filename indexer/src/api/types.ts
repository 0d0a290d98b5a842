// Response shapes of the indexer API. The web app imports these as types only. Shapes migrated to
// zod (schemas/*.ts, the single source of /openapi.json) are re-exported from there.

export type { Campaign, CampaignDetail, CampaignStatus, Epoch, EpochState } from "./schemas/campaigns.js";

import type { EpochState } from "./schemas/campaigns.js";

export type { ErrorResponse } from "./schemas/common.js";
export type { Place, PlaceMatch, PlaceSearchResponse, PlotMetadata } from "./schemas/places.js";
export type {
  Listing,
  OwnedPlot,
  Plot,
  PlotDetail,
  PlotEarnings,
  PlotHistoryEntry,
} from "./schemas/plots.js";
export type { PayoutStatus, SettlementStatus, StatusResponse } from "./schemas/status.js";

/** One ad served by GET /ads, with the impression token to click it within `expiresAt`. */
export interface Ad {
  campaignId: string;
  cpc: string;
  creativeUri: string;
  impressionId: string;
  token: string;
  expiresAt: number;
}

export interface AdsResponse {
  cell: string;
  ads: Ad[];
}

/** POST /clicks: 201 when paid (with who got what), 422/429 with the reason when not. */
export type ClickResponse =
  | {
      status: "accepted";
      clickId: string;
      cpc: string;
      credits: { role: "viewer" | "owner" | "protocol"; account: string; amount: string }[];
    }
  | { status: "rejected"; clickId: string; reason: string; error: { code: string; message: string } };

/** GET /accounts/:address/earnings. Amounts are decimal strings of HXA wei. */
export interface EarningsResponse {
  account: string;
  /** Credited, not yet in a posted epoch. */
  pending: string;
  pendingByRole: Partial<Record<"viewer" | "owner" | "protocol", string>>;
  /** Cumulative earnings in the latest posted epoch. */
  settled: string;
  settledEpochId: string | null;
  /** Claimed on-chain so far. */
  claimed: string;
  /** Claimable now against the active root (cumulative - claimed). */
  claimable: string;
  /** Arguments for AdMarket.claim(account, cumulative, proof), when something is claimable. */
  claim: { epochId: string; cumulative: string; amount: string; proof: string[] } | null;
  /** When the operator next pays this account without it sending a transaction; null when payouts are off. */
  payout: PayoutSchedule | null;
}

/** A sponsored payout: the operator claims for accounts whose unclaimed earnings reach `threshold`. */
export interface PayoutSchedule {
  /** Smallest claimable amount the operator pays out (HXA wei). */
  threshold: string;
  /**
   * What the next payout waits for: the next round (`round`), the challenge period of the epoch
   * holding the earnings (`challenge`), the next epoch (`settlement`), or more earnings (`threshold`).
   */
  waitingFor: "round" | "challenge" | "settlement" | "threshold";
  /** Estimated unix time of that payout; null while under the threshold. */
  at: number | null;
}

/** GET /accounts/:address/history: the newest credits and claims of an account. */
export interface HistoryResponse {
  account: string;
  credits: {
    clickId: string;
    campaignId: string;
    cell: string | null;
    role: "viewer" | "owner" | "protocol";
    amount: string;
    at: number;
    /** The epoch that settled it, or null while pending. */
    epochId: string | null;
  }[];
  claims: { amount: string; cumulative: string; at: number; txHash: string; block: string }[];
}

/** GET /areas/activity: what was served and clicked in an area over the last `days`. */
export interface AreaActivity {
  days: number;
  impressions: number;
  clicks: number;
}

/** GET /epochs/:id: the epoch and a page of its leaves, for public audit. */
export interface EpochDetail {
  id: string;
  root: string | undefined;
  total: string | undefined;
  cutoff: number | undefined;
  /** "built" while the settler has not posted it yet; else as `Epoch.status`. */
  status: "built" | EpochState;
  activatesAt: number | null;
  txHash: string | null;
  campaignSpends: { campaignId: string; cumulative: string }[];
  leafCount: number | null;
  leaves: { account: string; cumulative: string }[];
  limit: number;
  offset: number;
}

/** GET /campaigns/:id/stats. */
export interface CampaignStats {
  campaignId: string;
  impressions: number;
  clicks: { accepted: number; rejected: Record<string, number> };
  ctr: number;
  spend: { pending: string; settled: string };
  byCell: { cell: string; impressions: number; clicks: number }[];
  byHour: { hour: number; impressions: number; clicks: number; rejected: number }[];
}

/** One HXA flow between two roles over the chosen period, with what lies behind the number. */
export interface EconomyFlow {
  /** primarySale, resale, marketFee, budget, withdrawn, or a settled click share: viewer, owner, unownedShare, protocol. */
  kind: string;
  from: string;
  to: string;
  amount: string;
  count: number;
  /** Up to 20 transactions behind the flow (plot and campaign money). */
  txs: string[];
  /** Up to 20 epochs that settled it (click shares). */
  epochs: string[];
}

/** What a role paid into the loop and received from it; a sink only receives, a source only pays. */
export interface EconomyRole {
  role: string;
  paid: string;
  received: string;
  kind: "sink" | "source" | "both" | "idle";
}

/** GET /economy/flows: HXA flows between roles for a period (unix seconds) or one epoch. */
export interface EconomyFlows {
  from: number;
  to: number;
  epoch: string | null;
  flows: EconomyFlow[];
  roles: EconomyRole[];
}

/** GET /economy/history: each role's net HXA (received minus paid, all time) at evenly spaced times. */
export interface EconomyHistory {
  from: number;
  to: number;
  roles: string[];
  points: { at: number; net: Record<string, string> }[];
}

/** GET /economy/accounts: per role people play, how many accounts play it, and how many of them pay in or earn. */
export interface EconomyAccounts {
  /** Accounts that paid or earned HXA on the loop at all. */
  accounts: number;
  roles: { role: string; accounts: number; paying: number; earning: number }[];
}
