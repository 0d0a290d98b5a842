// Response shapes of the indexer API. The web app imports these as types only.

export interface StatusResponse {
  chainId: number;
  head: string;
  indexed: string;
  lag: number;
  database: "pglite" | "postgres";
  leader: boolean;
  contracts: { HexToken: string; Plots: string; AdMarket: string; Faucet: string; deployBlock: number };
  /** The settler's state (epochs, conservation check) when this process runs it, else null. */
  settlement: SettlementStatus | null;
}

export interface Listing {
  seller: string;
  price: string;
  expiry: number;
}

export interface Plot {
  cell: string;
  owner: string | null;
  lat: number;
  lng: number;
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

export interface PlotDetail extends Plot {
  history: PlotHistoryEntry[];
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

export interface Epoch {
  id: string;
  root: string;
  total: string;
  cutoff: number;
  activatesAt: number;
  status: "pending" | "active" | "vetoed";
  postedAt: number;
  txHash: string;
}

export interface ErrorResponse {
  error: { code: string; message: string };
}

/** The settler's state, as reported in /status. */
export interface SettlementStatus {
  /** Why settlement stopped (conservation or consistency failure), or null while it runs. */
  halted: string | null;
  lastEpochId: string | null;
  lastPostedAt: number | null;
  /** After the last epoch: Σ leaves, total posted on-chain, Σ campaign spend on-chain. */
  conservation: {
    epochId: string;
    ok: boolean;
    leaves: string;
    postedTotal: string;
    campaignSpend: string;
  } | null;
}
