// Response shapes of the indexer API. The web app imports these as types only. Shapes migrated to
// zod (schemas/*.ts, the single source of /openapi.json) are re-exported from there.
export type { ErrorResponse } from "./schemas/common.js";
export type { PayoutStatus, SettlementStatus, StatusResponse } from "./schemas/status.js";

export interface Listing {
  seller: string;
  price: string;
  expiry: number;
}

/** A plot's human name: the place it is in or near, from the indexer's offline gazetteer. */
export interface Place {
  name: string;
  country: string;
  countryCode: string;
  /** Distance from the point to the place's centre. */
  km: number;
  /** "Paris, France", or "12 km from Lyon, France" when the point is outside the place. */
  label: string;
}

/** A search result of GET /places/search. */
export interface PlaceMatch {
  name: string;
  country: string;
  countryCode: string;
  lat: number;
  lng: number;
  kind: "city" | "landmark";
  population: number | null;
  /** "Paris, France", "Paris, TX, United States" or "Eiffel Tower, Paris, France". */
  label: string;
}

export interface Plot {
  cell: string;
  owner: string | null;
  lat: number;
  lng: number;
  /** The place the plot is in or near, from the offline gazetteer. */
  place: Place;
  /** The latest purchase, by the current owner unless it was since given away: mint or market sale. */
  boughtPrice: string | null;
  boughtAt: number | null;
  lastSalePrice: string | null;
  listing: Listing | null;
  activeAds: number;
}

export interface PlotHistoryEntry {
  kind: "bought" | "transfer" | "sale" | "listed" | "cancelled";
  from: string | null;
  to: string | null;
  price: string | null;
  block: string;
  timestamp: number;
  txHash: string;
}

/** The owner share of paid clicks in a plot, in HXA wei (decimal strings). */
export interface PlotEarnings {
  /** All owner credits for clicks in this cell, settled or not. */
  earned: string;
  /** The part no epoch has settled yet. */
  pending: string;
  /** Paid clicks in this cell. */
  clicks: number;
}

export interface PlotDetail extends Plot {
  history: PlotHistoryEntry[];
  earnings: PlotEarnings;
}

/** A plot in an account's portfolio, with the owner share that account earned in it. */
export interface OwnedPlot extends Plot {
  earnings: PlotEarnings;
}

export type CampaignStatus = "scheduled" | "active" | "paused" | "exhausted" | "ended" | "withdrawn";

export interface Campaign {
  id: string;
  advertiser: string;
  budget: string;
  spent: string;
  cpc: string;
  start: number;
  end: number;
  paused: boolean;
  withdrawn: boolean;
  status: CampaignStatus;
  creativeUri: string;
  targets: string[];
  /** The distinct places at the targets' centres ("Paris, France"), at most 5, most targeted first. */
  places: string[];
  createdAt: number;
}

export interface CampaignDetail extends Campaign {
  history: {
    event: string;
    block: string;
    timestamp: number;
    txHash: string;
    args: Record<string, unknown>;
  }[];
}

export type EpochState = "pending" | "active" | "superseded" | "vetoed";

export interface Epoch {
  id: string;
  root: string;
  total: string;
  cutoff: number;
  activatesAt: number;
  /**
   * pending: in its challenge window or due; active: the claimable root; superseded: below the
   * active one (its amounts are in the active root); vetoed: by the guardian, or built on a vetoed one.
   */
  status: EpochState;
  postedAt: number;
  txHash: string;
}

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

/** GET /places/search. */
export interface PlaceSearchResponse {
  query: string;
  results: PlaceMatch[];
}

/** GET /plots/:cell/metadata: ERC-721 metadata JSON, independent of the chain's tokenURI. */
export interface PlotMetadata {
  name: string;
  description: string;
  image: string;
  attributes: { trait_type: string; value: string | number }[];
}
