import { cellToLatLng, greatCircleDistance } from "h3-js";
import type { CheckResult } from "./checkResult.js";

export const DEFAULT_MAX_KMH = 500;
/** Two cells' centres can be this far apart while the viewer stands still near their border. */
const SLACK_KM = 5;

/**
 * A viewer cannot move faster than `maxKmh` between successive positions. Positions are res-7
 * cells (the server never learns more), so distance is between cell centres, with slack for
 * neighbouring cells.
 */
export function checkTravel(
  previous: { cell: string; at: number } | undefined,
  current: { cell: string; at: number },
  maxKmh = DEFAULT_MAX_KMH,
): CheckResult {
  if (!previous || previous.cell === current.cell) return null;
  const km = greatCircleDistance(cellToLatLng(previous.cell), cellToLatLng(current.cell), "km");
  if (km <= SLACK_KM) return null;
  const hours = Math.max(current.at - previous.at, 0) / 3600;
  return km - SLACK_KM > maxKmh * hours ? "impossible_travel" : null;
}
