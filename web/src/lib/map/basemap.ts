// Basemaps. By default a street-level vector style from OpenFreeMap (public, keyless, OpenStreetMap
// data); VITE_MAP_STYLE_URL names another style, or "offline". The offline basemap (Natural Earth
// countries shipped with the app: world-atlas, served as a static file rather than bundled into the
// JavaScript, water and land colours) is the fallback when the street style, its tiles or its glyphs
// fail or do not load within a few seconds. Its country names are HTML labels (see MapView): text in
// a MapLibre style needs font files from a server, which an offline app does not have.
import type { Map as MlMap, StyleSpecification } from "maplibre-gl";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countriesUrl from "world-atlas/countries-110m.json?url";
import { fetchJson } from "../api";
import { config } from "../config";

export const STREET_STYLE_URL = "https://tiles.openfreemap.org/styles/liberty";

export type Basemap = "loading" | "street" | "offline";

/** The street style to try first, or undefined when the app is built for the offline basemap only. */
export function streetStyleUrl(): string | undefined {
  const url = config.mapStyleUrl;
  if (url === "offline") return undefined;
  return url || STREET_STYLE_URL;
}

/** The part of a MapLibre map the watch needs (a fake one in unit tests). */
type Watched = Pick<MlMap, "on" | "off" | "once">;

/**
 * Tells once how the street style went: `fallback` on an error (style, tile, glyph or sprite request)
 * before the map first settles, or when it has not settled within `timeoutMs`; else `shown`.
 */
export function watchStreetStyle(
  m: Watched,
  timeoutMs: number,
  shown: () => void,
  fallback: () => void,
): void {
  let done = false;
  const finish = (failed: boolean) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    m.off("error", onError);
    if (failed) fallback();
    else shown();
  };
  const onError = () => finish(true);
  const timer = setTimeout(() => finish(true), timeoutMs);
  m.on("error", onError);
  m.once("idle", () => finish(false));
}

export async function offlineStyle(): Promise<StyleSpecification> {
  const topo = await fetchJson<Topology<{ countries: GeometryCollection }>>(countriesUrl);
  const all = feature(topo, topo.objects.countries);
  // Antarctica's ring circles the pole and cannot be drawn as a flat polygon; nobody advertises there.
  const land: GeoJSON.FeatureCollection = {
    type: "FeatureCollection",
    features: all.features.filter((f) => f.id !== "010").map(unwrapFeature),
  };
  return {
    version: 8,
    name: "HexAds offline",
    sources: { countries: { type: "geojson", data: land, attribution: "Natural Earth" } },
    layers: [
      { id: "water", type: "background", paint: { "background-color": "#cfe3f1" } },
      { id: "land", type: "fill", source: "countries", paint: { "fill-color": "#f4f1ea" } },
      {
        id: "borders",
        type: "line",
        source: "countries",
        paint: { "line-color": "#b8b1a2", "line-width": 0.8 },
      },
    ],
  };
}

/** Rings that cross the antimeridian jump from +180 to -180; unwrap them so they do not streak across the map. */
function unwrapRing(ring: GeoJSON.Position[]): GeoJSON.Position[] {
  let offset = 0;
  return ring.map((p, i) => {
    const prev = ring[i - 1];
    if (prev) {
      const jump = (p[0] as number) - (prev[0] as number);
      if (jump > 180) offset -= 360;
      else if (jump < -180) offset += 360;
    }
    return [(p[0] as number) + offset, p[1] as number];
  });
}

function unwrapFeature(f: GeoJSON.Feature): GeoJSON.Feature {
  const g = f.geometry;
  if (g.type === "Polygon") return { ...f, geometry: { ...g, coordinates: g.coordinates.map(unwrapRing) } };
  if (g.type === "MultiPolygon") {
    return { ...f, geometry: { ...g, coordinates: g.coordinates.map((poly) => poly.map(unwrapRing)) } };
  }
  return f;
}
