import { useQuery } from "@tanstack/react-query";
import { cellToLatLng } from "h3-js";
import { api } from "./api";

/**
 * The human name of a point or cell ("Lyon, France", "12 km from Lyon, France") from the indexer's
 * gazetteer; nothing while it loads or when the indexer is unreachable.
 */
export function PlaceName({
  cell,
  at,
  prefix = "",
}: {
  cell?: string;
  at?: { lat: number; lng: number };
  /** Text shown before the name, only once there is one. */
  prefix?: string;
}) {
  const [lat, lng] = at ? [at.lat, at.lng] : cell ? cellToLatLng(cell) : [Number.NaN, Number.NaN];
  // ~100 m steps: one request per plot, however the point was found.
  const key = [Number(lat.toFixed(3)), Number(lng.toFixed(3))] as const;
  const place = useQuery({
    queryKey: ["place", ...key],
    queryFn: () => api.nearestPlace(...key),
    enabled: Number.isFinite(lat) && Number.isFinite(lng),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return place.data ? (
    <>
      {prefix}
      <span data-testid="place-name">{place.data.label}</span>
    </>
  ) : null;
}
