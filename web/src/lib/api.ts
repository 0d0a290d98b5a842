// Client for the indexer API, typed from its OpenAPI description: web/src/api.generated.ts, written
// by tools/codegen.ts from the document the indexer's zod schemas generate. No indexer source is
// imported; a route whose shape changes changes these types, and the web's typecheck follows.
import type { components, paths } from "../api.generated";
import { config } from "./config";

// A schema some field uses as nullable is described as nullable itself (zod-to-openapi puts the
// field's `| null` on the component); the fields keep their null, the named types drop it.
type Schemas = { [K in keyof components["schemas"]]: NonNullable<components["schemas"][K]> };
export type AccountOffers = Schemas["AccountOffers"];
export type Ad = Schemas["Ad"];
export type AdsResponse = Schemas["Ads"];
export type AreaActivity = Schemas["AreaActivity"];
export type Campaign = Schemas["Campaign"];
export type CampaignStats = Schemas["CampaignStats"];
export type CampaignStatus = Schemas["CampaignStatus"];
export type ClickAccepted = Schemas["ClickAccepted"];
export type EarningsResponse = Schemas["Earnings"];
export type EconomyAccounts = Schemas["EconomyAccounts"];
export type EconomyFlow = Schemas["EconomyFlow"];
export type EconomyFlows = Schemas["EconomyFlows"];
export type EconomyHistory = Schemas["EconomyHistory"];
export type EpochDetail = Schemas["EpochDetail"];
export type HistoryResponse = Schemas["History"];
export type ListedPlot = Schemas["ListedPlot"];
export type Listing = Schemas["Listing"];
export type MarketStats = Schemas["MarketStats"];
export type Offer = Schemas["Offer"];
export type OwnedPlot = Schemas["OwnedPlot"];
export type PayoutSchedule = Schemas["PayoutSchedule"];
export type Place = Schemas["Place"];
export type PlaceSearchResponse = Schemas["PlaceSearch"];
export type Plot = Schemas["Plot"];
export type PlotDetail = Schemas["PlotDetail"];
export type PlotOffers = Schemas["PlotOffers"];
export type RejectReason = Schemas["RejectReason"];
export type StatusResponse = Schemas["Status"];
export type ViewerClicksResponse = Schemas["ViewerClicks"];

type Method = "get" | "post";
/** The paths that answer `method`. */
type PathOf<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: object } ? P : never;
}[keyof paths];
type Operation<P extends keyof paths, M extends Method> = Extract<paths[P][M], { responses: object }>;
/** The JSON body a route answers on success (200, or 201 for a creation), as its description says. */
export type Answer<P extends keyof paths, M extends Method = "get"> = Operation<
  P,
  M
>["responses"] extends infer R
  ? R extends { 200: { content: { "application/json": infer B } } }
    ? B
    : R extends { 201: { content: { "application/json": infer B } } }
      ? B
      : never
  : never;
/** A route's path parameters, query and JSON body, as its description says. */
type Input<P extends keyof paths, M extends Method> = {
  path?: Operation<P, M>["parameters"]["path"];
  query?: Operation<P, M>["parameters"]["query"];
  body?: Operation<P, M> extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `/plots/{cell}` with `{ cell }` filled in and the query appended (undefined entries left out). */
function url(template: string, path: object = {}, query: object = {}): string {
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String((path as Record<string, unknown>)[name])),
  );
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) search.set(k, String(v));
  const qs = search.toString();
  return `${config.indexerUrl}${filled}${qs ? `?${qs}` : ""}`;
}

/** Calls the indexer; any non-2xx answer throws an ApiError carrying the indexer's own sentence. */
async function request<M extends Method, P extends PathOf<M>>(
  method: M,
  path: P,
  input: Input<P, M> = {},
): Promise<Answer<P, M>> {
  let res: Response;
  try {
    res = await fetch(
      url(path, input.path ?? {}, input.query ?? {}),
      method === "post"
        ? {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(input.body),
          }
        : undefined,
    );
  } catch {
    throw new ApiError(0, "offline", "The indexer is not reachable. Is `npm run dev` running?");
  }
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok)
    throw new ApiError(res.status, body.error?.code ?? "error", body.error?.message ?? res.statusText);
  return body as Answer<P, M>;
}

/**
 * JSON from elsewhere than the indexer (the geocoder, the app's own assets): a non-2xx answer
 * throws like a network failure, instead of being read as data.
 */
export async function fetchJson<T>(href: string, init?: RequestInit): Promise<T> {
  const res = await fetch(href, init);
  if (!res.ok) throw new Error(`${href} answered ${res.status}`);
  return (await res.json()) as T;
}

const get = <P extends PathOf<"get">>(path: P, input?: Input<P, "get">) => request("get", path, input);
const post = <P extends PathOf<"post">>(path: P, input?: Input<P, "post">) => request("post", path, input);

export const api = {
  status: () => get("/status"),
  plotsByCells: (cells: string[]) => get("/plots", { query: { cells: cells.join(",") } }),
  plotsSummary: (res: number) => get("/plots/summary", { query: { res } }),
  plot: (cell: string) => get("/plots/{cell}", { path: { cell } }),
  /** Open offers on a plot, highest first (404 while nobody owns it). */
  plotOffers: (cell: string) => get("/plots/{cell}/offers", { path: { cell } }),
  /** Offers an account made (any status) and open offers made to it on plots it owns. */
  accountOffers: (address: string) => get("/accounts/{address}/offers", { path: { address } }),
  accountPlots: (address: string) =>
    get("/accounts/{address}/plots", { path: { address }, query: { limit: 1000 } }),
  /** Plots for sale matching the filters, one page, with how many match in all. */
  listings: (query: Input<"/listings", "get">["query"]) => get("/listings", { query }),
  /** An area's floor price, live listings and latest resales (everywhere without an area). */
  marketStats: (query: Input<"/market/stats", "get">["query"]) => get("/market/stats", { query }),
  epoch: (id: string) => get("/epochs/{id}", { path: { id }, query: { limit: 1 } }),
  history: (address: string) => get("/accounts/{address}/history", { path: { address } }),
  viewerClicks: (address: string, limit = 20) =>
    get("/accounts/{address}/clicks", { path: { address }, query: { limit } }),
  areaActivity: (cells: string[]) => get("/areas/activity", { query: { cells: cells.join(",") } }),
  economyFlows: (query: Input<"/economy/flows", "get">["query"]) => get("/economy/flows", { query }),
  economyHistory: (query: Input<"/economy/history", "get">["query"]) => get("/economy/history", { query }),
  economyAccounts: () => get("/economy/accounts"),
  nearestPlace: (lat: number, lng: number) => get("/places/nearest", { query: { lat, lng } }),
  placeSearch: (q: string) => get("/places/search", { query: { q } }),
  campaigns: (query: Input<"/campaigns", "get">["query"] = {}) => get("/campaigns", { query }),
  campaign: (id: string) => get("/campaigns/{id}", { path: { id } }),
  campaignStats: (id: string) => get("/campaigns/{id}/stats", { path: { id } }),
  earnings: (address: string) => get("/accounts/{address}/earnings", { path: { address } }),
  ads: (cell: string, session: string) => get("/ads", { query: { cell, session } }),
  /** Reports an ad on screen (signed by the session key); answers the token to click. */
  viewable: (token: string, signature: string) =>
    post("/impressions/viewable", { body: { token, signature } }),
  /** Answers the accepted click; a rejected one throws an ApiError whose message says why. */
  click: (token: string, signature: string) => post("/clicks", { body: { token, signature } }),
  openSession: (body: NonNullable<Input<"/sessions", "post">["body"]>) => post("/sessions", { body }),
};
