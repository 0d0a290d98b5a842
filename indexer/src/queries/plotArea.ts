import { and, between, gte, lte, or, type SQL, sql } from "drizzle-orm";
import { plots } from "../db/schema.js";

export interface Bbox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}
/** An area of the map: a bounding box, or a circle around a centre. */
export type Area = { bbox: Bbox } | { near: { lat: number; lng: number }; radiusKm: number };

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LAT = (Math.PI * EARTH_RADIUS_KM) / 180;

/** The area of validated query fields (see `areaFields`), or undefined for everywhere. */
export function areaOf(q: {
  bbox?: Bbox;
  near?: { lat: number; lng: number };
  radiusKm?: number;
}): Area | undefined {
  if (q.bbox) return { bbox: q.bbox };
  if (q.near && q.radiusKm !== undefined) return { near: q.near, radiusKm: q.radiusKm };
  return undefined;
}

/** The condition "the plot's centre lies in the area" on the plots table. */
export function plotInArea(area: Area): SQL {
  if ("bbox" in area) {
    const b = area.bbox;
    const lng =
      b.minLng <= b.maxLng
        ? between(plots.lng, b.minLng, b.maxLng)
        : or(gte(plots.lng, b.minLng), lte(plots.lng, b.maxLng));
    return and(between(plots.lat, b.minLat, b.maxLat), lng) as SQL;
  }
  const { lat, lng } = area.near;
  const dLat = area.radiusKm / KM_PER_DEGREE_LAT;
  // Great-circle distance (haversine); the latitude band lets the (lat, lng) index narrow the scan.
  const haversine = sql`${2 * EARTH_RADIUS_KM} * asin(least(1, sqrt(
    power(sin(radians(${plots.lat} - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(${plots.lat}))
      * power(sin(radians(${plots.lng} - ${lng}::float8) / 2), 2))))`;
  return and(
    between(plots.lat, lat - dLat, lat + dLat),
    sql`${haversine} <= ${area.radiusKm}::float8`,
  ) as SQL;
}
