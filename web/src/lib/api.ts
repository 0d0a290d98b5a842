// Client for the indexer API. Only types are imported from the indexer, never code.
import type {
  AccountOffers,
  AdsResponse,
  AreaActivity,
  Campaign,
  CampaignStats,
  ClickResponse,
  EarningsResponse,
  EconomyAccounts,
  EconomyFlows,
  EconomyHistory,
  EpochDetail,
  HistoryResponse,
  OwnedPlot,
  Place,
  PlaceSearchResponse,
  Plot,
  PlotDetail,
  PlotOffers,
  StatusResponse,
} from "../../../indexer/src/api/types";
import { config } from "./config";

// The web app sees the indexer's response types through this module.
export type * from "../../../indexer/src/api/types";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls the indexer; any non-2xx answer throws an ApiError carrying the indexer's own sentence. */
async function request<T>(path: string, init?: { method: "POST"; json: unknown }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(
      `${config.indexerUrl}${path}`,
      init && {
        method: init.method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(init.json),
      },
    );
  } catch {
    throw new ApiError(0, "offline", "The indexer is not reachable. Is `npm run dev` running?");
  }
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok)
    throw new ApiError(res.status, body.error?.code ?? "error", body.error?.message ?? res.statusText);
  return body as T;
}

const get = <T>(path: string) => request<T>(path);
const post = <T>(path: string, json: unknown) => request<T>(path, { method: "POST", json });

export const api = {
  status: () => get<StatusResponse>("/status"),
  plotsByCells: (cells: string[]) => get<{ plots: Plot[] }>(`/plots?cells=${cells.join(",")}`),
  plotsSummary: (res: number) =>
    get<{ res: number; cells: { cell: string; owned: number }[] }>(`/plots/summary?res=${res}`),
  plot: (cell: string) => get<PlotDetail>(`/plots/${cell}`),
  /** Open offers on a plot, highest first (404 while nobody owns it). */
  plotOffers: (cell: string) => get<PlotOffers>(`/plots/${cell}/offers`),
  /** Offers an account made (any status) and open offers made to it on plots it owns. */
  accountOffers: (address: string) => get<AccountOffers>(`/accounts/${address}/offers`),
  accountPlots: (address: string) => get<{ plots: OwnedPlot[] }>(`/accounts/${address}/plots?limit=1000`),
  epoch: (id: string) => get<EpochDetail>(`/epochs/${id}?limit=1`),
  history: (address: string) => get<HistoryResponse>(`/accounts/${address}/history`),
  areaActivity: (cells: string[]) => get<AreaActivity>(`/areas/activity?cells=${cells.join(",")}`),
  economyFlows: (query: string) => get<EconomyFlows>(`/economy/flows${query}`),
  economyHistory: (query: string) => get<EconomyHistory>(`/economy/history${query}`),
  economyAccounts: () => get<EconomyAccounts>("/economy/accounts"),
  nearestPlace: (lat: number, lng: number) => get<Place>(`/places/nearest?lat=${lat}&lng=${lng}`),
  placeSearch: (q: string) => get<PlaceSearchResponse>(`/places/search?${new URLSearchParams({ q })}`),
  campaigns: (query = "") => get<{ campaigns: Campaign[] }>(`/campaigns${query}`),
  campaignStats: (id: string) => get<CampaignStats>(`/campaigns/${id}/stats`),
  earnings: (address: string) => get<EarningsResponse>(`/accounts/${address}/earnings`),
  ads: (cell: string, session: string) =>
    get<AdsResponse>(`/ads?cell=${cell}&session=${encodeURIComponent(session)}`),
  /** Answers the accepted click; a rejected one throws an ApiError whose message says why. */
  click: (token: string, signature: string) =>
    post<Extract<ClickResponse, { status: "accepted" }>>("/clicks", { token, signature }),
  openSession: (body: { viewer: string; sessionKey: string; expiresAt: number; signature: string }) =>
    post<{ id: string; viewer: string; expiresAt: number }>("/sessions", body),
};
