// Response shapes of the indexer API, inferred from the zod schemas (schemas/*.ts) that also
// describe them in /openapi.json. The web app imports these as types only.

export type { EarningsResponse, HistoryResponse, PayoutSchedule } from "./schemas/accounts.js";
export type { Ad, AdsResponse } from "./schemas/ads.js";
export type {
  AreaActivity,
  Campaign,
  CampaignDetail,
  CampaignStats,
  CampaignStatus,
  Epoch,
  EpochState,
} from "./schemas/campaigns.js";
export type { ClickAccepted, ClickRejected, ClickResponse } from "./schemas/clicks.js";
export type { CreditRole, ErrorResponse } from "./schemas/common.js";
export type {
  EconomyAccounts,
  EconomyFlow,
  EconomyFlows,
  EconomyHistory,
  EconomyRole,
} from "./schemas/economy.js";
export type { EpochDetail } from "./schemas/epochs.js";
export type { AccountOffers, Offer, PlotOffers } from "./schemas/offers.js";
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
