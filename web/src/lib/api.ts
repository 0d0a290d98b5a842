// Client for the indexer API. Only types are imported from the indexer, never code.
import type {
  AreaActivity,
  Campaign,
  EpochDetail,
  HistoryResponse,
  OwnedPlot,
  Plot,
  PlotDetail,
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

async function get<T>(path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${config.indexerUrl}${path}`);
  } catch {
    throw new ApiError(0, "offline", "The indexer is not reachable. Is `npm run dev` running?");
  }
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok)
    throw new ApiError(res.status, body.error?.code ?? "error", body.error?.message ?? res.statusText);
  return body as T;
}

export const api = {
  status: () => get<StatusResponse>("/status"),
  plotsByCells: (cells: string[]) => get<{ plots: Plot[] }>(`/plots?cells=${cells.join(",")}`),
  plotsSummary: (res: number) =>
    get<{ res: number; cells: { cell: string; owned: number }[] }>(`/plots/summary?res=${res}`),
  plot: (cell: string) => get<PlotDetail>(`/plots/${cell}`),
  accountPlots: (address: string) => get<{ plots: OwnedPlot[] }>(`/accounts/${address}/plots?limit=1000`),
  epoch: (id: string) => get<EpochDetail>(`/epochs/${id}?limit=1`),
  history: (address: string) => get<HistoryResponse>(`/accounts/${address}/history`),
  areaActivity: (cells: string[]) => get<AreaActivity>(`/areas/activity?cells=${cells.join(",")}`),
  campaigns: (query = "") => get<{ campaigns: Campaign[] }>(`/campaigns${query}`),
};
