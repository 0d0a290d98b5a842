// Place search for the map: the online geocoder (Photon, OpenStreetMap data) when the browser
// reaches it, the indexer's offline gazetteer always. Photon's fair-use terms ask for modest
// traffic: queries are debounced by the search box, at most one per second leaves this module,
// and after a failure it is left alone for a minute. A browser cannot set User-Agent; Photon sees
// the page's Referer instead.
import { api, fetchJson } from "../api";
import { config } from "../config";

export interface SearchResult {
  label: string;
  /** A second line: the country, the kind of place. */
  detail: string;
  lat: number;
  lng: number;
  /** A single spot (landmark, street, address, postcode): the search selects its plot. */
  spot: boolean;
  source: "online" | "offline";
}

interface PhotonFeature {
  geometry: { coordinates: [number, number] };
  properties: {
    name?: string;
    street?: string;
    housenumber?: string;
    postcode?: string;
    city?: string;
    state?: string;
    country?: string;
    type?: string;
    osm_value?: string;
  };
}

/** Photon's result as a search result; the name is built from what the feature has. */
export function photonResult(f: PhotonFeature): SearchResult | undefined {
  const p = f.properties;
  const [lng, lat] = f.geometry.coordinates;
  const street = p.street ? `${p.street}${p.housenumber ? ` ${p.housenumber}` : ""}` : undefined;
  const name = p.name ?? street ?? p.postcode;
  if (!name || !Number.isFinite(lat) || !Number.isFinite(lng)) return undefined;
  const where = [
    p.postcode && p.postcode !== name ? p.postcode : undefined,
    p.city !== name ? p.city : undefined,
    p.country,
  ]
    .filter(Boolean)
    .join(", ");
  const area = ["country", "state", "county", "city", "district"].includes(p.type ?? "");
  return {
    label: where ? `${name}, ${where}` : name,
    detail: p.osm_value?.replaceAll("_", " ") ?? p.type ?? "",
    lat,
    lng,
    spot: !area,
    source: "online",
  };
}

const ONE_PER_MS = 1000;
const BACK_OFF_MS = 60_000;
let lastRequest = 0;
let failedAt = Number.NEGATIVE_INFINITY;

/** Online results, or undefined when the geocoder is off, backing off, or unreachable. */
export async function searchOnline(q: string, signal?: AbortSignal): Promise<SearchResult[] | undefined> {
  const url = config.geocoderUrl;
  if (!url || Date.now() - failedAt < BACK_OFF_MS) return undefined;
  const wait = lastRequest + ONE_PER_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  if (signal?.aborted) return undefined;
  lastRequest = Date.now();
  try {
    const timeout = AbortSignal.timeout(3000);
    const body = await fetchJson<{ features?: PhotonFeature[] }>(
      `${url}?${new URLSearchParams({ q, limit: "6", lang: "en" })}`,
      { signal: signal ? AbortSignal.any([signal, timeout]) : timeout },
    );
    return (body.features ?? []).flatMap((f) => photonResult(f) ?? []);
  } catch {
    if (!signal?.aborted) failedAt = Date.now();
    return undefined;
  }
}

/** The indexer's gazetteer: cities by name, "city, country", aliases, landmarks. */
export async function searchOffline(q: string): Promise<SearchResult[]> {
  const { results } = await api.placeSearch(q);
  return results.map((r) => ({
    label: r.label,
    detail:
      r.kind === "landmark"
        ? "landmark"
        : r.population
          ? `${r.population.toLocaleString("en-US")} people`
          : "",
    lat: r.lat,
    lng: r.lng,
    spot: r.kind === "landmark",
    source: "offline",
  }));
}
