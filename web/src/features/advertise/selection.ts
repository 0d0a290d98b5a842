// Turning an advertiser's area into campaign targets: res-7 cells, compacted into the fewest
// coarser cells (a whole city is a few dozen), as uint64 H3 indexes for the contract.
import {
  cellToLatLng,
  compactCells,
  greatCircleDistance,
  gridDisk,
  latLngToCell,
  polygonToCells,
} from "h3-js";
import { cellPolygon } from "../../lib/cells";

/** Res-7 cells whose centres lie within `km` of the point. */
export function cellsInRadius(lat: number, lng: number, km: number): string[] {
  const centre = latLngToCell(lat, lng, 7);
  // A res-7 ring is ~2.3 km wide; one extra ring makes sure the circle's edge is covered.
  const k = Math.ceil(km / 2.3) + 1;
  return gridDisk(centre, k).filter((c) => {
    const [clat, clng] = cellToLatLng(c);
    return greatCircleDistance([lat, lng], [clat, clng], "km") <= km || c === centre;
  });
}

/** Res-7 cells inside a polygon given as [lat, lng] points. */
export const cellsInPolygon = (points: [number, number][]) => polygonToCells(points, 7);

/** The fewest cells (resolution 0-7) covering exactly the same plots. */
export const compact = (cells: string[]) => compactCells([...new Set(cells)]).sort();

/** How many plots (res-7 cells) the compacted targets cover. */
export function plotCount(targets: string[]): number {
  return targets.reduce((n, t) => n + 7 ** (7 - Number.parseInt(t[1] as string, 16)), 0);
}

export const toTargets = (cells: string[]) => cells.map((c) => BigInt(`0x${c}`));

/** The mean of the targets' centres: where to name and show an area. */
export function areaCentre(targets: string[]) {
  const centres = targets.map((t) => cellToLatLng(t));
  const mean = (i: 0 | 1) => centres.reduce((sum, c) => sum + c[i], 0) / centres.length;
  return { lat: mean(0), lng: mean(1) };
}

/** The targets drawn as outlines on a map (its `highlight` layer). */
export const areaOutlines = (targets: string[]): GeoJSON.FeatureCollection => ({
  type: "FeatureCollection",
  features: targets.map((t) => ({
    type: "Feature",
    properties: { stroke: "#9d174d", width: 2 },
    geometry: cellPolygon(t),
  })),
});
