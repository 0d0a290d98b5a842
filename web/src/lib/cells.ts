// Cells on screen: which H3 cells cover the view, and what state each plot is in.
import { cellToBoundary, cellToParent, POLYGON_TO_CELLS_FLAGS, polygonToCellsExperimental } from "h3-js";
import type { Plot } from "./api";

/** Above this many res-7 cells the view shows coarse aggregate cells instead. */
export const MAX_PLOT_CELLS = 4000;

export type Bounds = { west: number; south: number; east: number; north: number };

/**
 * Cells of resolution `res` covering the bounds. A view across the antimeridian (east < west, or a
 * longitude span past ±180) is cut into two boxes, since H3 polygons must not cross it.
 */
export function coverBounds(b: Bounds, res: number, limit = MAX_PLOT_CELLS): string[] | undefined {
  // Coarse views pad the box: their aggregate cells are big, and a parent half off screen still counts.
  const pad = res === 7 ? 0 : 0.5;
  const south = Math.max(-85, b.south - pad);
  const north = Math.min(85, b.north + pad);
  const lngPad = pad / Math.max(0.2, Math.cos(((south + north) / 2) * (Math.PI / 180)));
  const kmPerDeg = 111.32;
  const areaKm2 =
    (b.east - b.west + 2 * lngPad) *
    kmPerDeg *
    Math.cos(((south + north) / 2) * (Math.PI / 180)) *
    (north - south) *
    kmPerDeg;
  // Estimate first: computing millions of cells only to drop them would freeze the page.
  if (res === 7 && areaKm2 / 5.16 > limit * 1.5) return undefined;
  const wrap = (lng: number) => ((((lng + 180) % 360) + 360) % 360) - 180;
  const span = b.east - b.west + 2 * lngPad;
  if (span >= 360) return undefined;
  const west = wrap(b.west - lngPad);
  const east = wrap(b.east + lngPad);
  const boxes: [number, number][] =
    west <= east
      ? [[west, east]]
      : [
          [west, 180],
          [-180, east],
        ];
  const out = new Set<string>();
  for (const [w, e] of boxes) {
    const ring = [
      [south, w],
      [south, e],
      [north, e],
      [north, w],
      [south, w],
    ];
    // Every cell touching the box, not only those whose centre is inside it: edge cells show whole.
    for (const c of polygonToCellsExperimental(ring, res, POLYGON_TO_CELLS_FLAGS.containmentOverlapping)) {
      out.add(c);
      if (out.size > limit) return undefined;
    }
  }
  return [...out];
}

/** The cells the overlay draws and the box they cover (the view with a margin). */
export interface Cover {
  box: Bounds;
  cells: string[];
}

const inside = (view: Bounds, box: Bounds) =>
  view.west >= box.west && view.east <= box.east && view.south >= box.south && view.north <= box.north;

/** `b` grown by `f` of its width and height on every side. */
const grow = (b: Bounds, f: number): Bounds => {
  const w = (b.east - b.west) * f;
  const h = (b.north - b.south) * f;
  return { west: b.west - w, east: b.east + w, south: b.south - h, north: b.north + h };
};

/**
 * The overlay's cells for a view: the view and a margin of half its size each way (less when that
 * would pass `limit` cells), kept while the view stays inside it. A pan within the margin then
 * changes no feature, so MapLibre re-tiles nothing and the plots are not fetched again.
 */
export function overlayCover(view: Bounds, previous?: Cover, limit = MAX_PLOT_CELLS): Cover | undefined {
  if (previous && inside(view, previous.box)) return previous;
  for (const margin of [0.5, 0.25, 0]) {
    const box = grow(view, margin);
    const cells = coverBounds(box, 7, limit);
    if (cells) return { box, cells };
  }
  return undefined;
}

export type PlotState = "available" | "owned" | "mine" | "listed" | "ads";

/**
 * One state per plot, most useful first: a listing (buyable), then mine, then owned by others;
 * "has active ads" marks free plots, where a buyer would start earning the owner share at once.
 */
export function plotState(plot: Plot | undefined, me: string | undefined): PlotState {
  if (!plot?.owner) return plot && plot.activeAds > 0 ? "ads" : "available";
  if (plot.listing) return "listed";
  if (me && plot.owner === me.toLowerCase()) return "mine";
  return "owned";
}

export const STATE_STYLE: Record<PlotState, { fill: string; label: string; opacity: number }> = {
  available: { fill: "#94a3b8", label: "Available", opacity: 0.08 },
  owned: { fill: "#6366f1", label: "Owned by others", opacity: 0.45 },
  mine: { fill: "#10b981", label: "Mine", opacity: 0.6 },
  listed: { fill: "#f59e0b", label: "For sale", opacity: 0.6 },
  ads: { fill: "#ec4899", label: "Free, with active ads", opacity: 0.35 },
};

/**
 * Cell polygons built before, kept across moves: a pan or a data refresh then builds polygons only
 * for the cells new to the view (cellToBoundary is most of the overlay's cost). Emptied when full.
 */
const polygons = new Map<string, GeoJSON.Polygon>();
const MAX_CACHED_POLYGONS = 50_000;

/** Forgets the cached polygons (the map bench measures a first view with it). */
export const clearPolygonCache = () => polygons.clear();

/** A GeoJSON polygon for a cell, with longitudes unwrapped so cells on the antimeridian draw whole. */
export function cellPolygon(cell: string): GeoJSON.Polygon {
  let polygon = polygons.get(cell);
  if (!polygon) {
    if (polygons.size >= MAX_CACHED_POLYGONS) polygons.clear();
    polygon = buildPolygon(cell);
    polygons.set(cell, polygon);
  }
  return polygon;
}

function buildPolygon(cell: string): GeoJSON.Polygon {
  // cellToBoundary returns fresh arrays, so they are unwrapped in place: a copy of every vertex was
  // a sixth of a first view's time (10k cells).
  const ring = cellToBoundary(cell, true);
  const first = ring[0]?.[0] ?? 0;
  for (const point of ring) {
    const lng = point[0] as number;
    if (lng - first > 180) point[0] = lng - 360;
    else if (first - lng > 180) point[0] = lng + 360;
  }
  return { type: "Polygon", coordinates: [ring] };
}

/** A GeoJSON feature for a cell with the given properties (its id in `cell`). */
export const cellFeature = (cell: string, properties: Record<string, unknown>): GeoJSON.Feature => ({
  type: "Feature",
  properties: { cell, ...properties },
  geometry: cellPolygon(cell),
});

/** A state's feature properties but the cell: its colour, and a pattern for listed plots and plots with ads. */
function stateProperties(state: PlotState): Record<string, unknown> {
  const s = STATE_STYLE[state];
  const pattern = state === "listed" ? "stripes" : state === "ads" ? "dots" : undefined;
  return { state, fill: s.fill, opacity: s.opacity, ...(pattern ? { pattern } : {}) };
}

/** Built once, shared by every feature in the state. */
const STATE_PROPERTIES: Record<PlotState, Record<string, unknown>> = {
  available: stateProperties("available"),
  owned: stateProperties("owned"),
  mine: stateProperties("mine"),
  listed: stateProperties("listed"),
  ads: stateProperties("ads"),
};

/** The plot overlay: each covered cell coloured (and patterned) by its plot's state for `me`. */
export function plotFeatures(
  cover: string[],
  plots: Plot[],
  me: string | undefined,
): GeoJSON.FeatureCollection {
  const byCell = new Map<string, Plot>(plots.map((p) => [p.cell, p]));
  return {
    type: "FeatureCollection",
    features: cover.map((c) => cellFeature(c, STATE_PROPERTIES[plotState(byCell.get(c), me)])),
  };
}

/** Owned plots counted per coarse parent cell, for the zoomed-out view. */
export function aggregate(plots: Plot[], res: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of plots) {
    if (!p.owner) continue;
    const parent = cellToParent(p.cell, res);
    counts.set(parent, (counts.get(parent) ?? 0) + 1);
  }
  return counts;
}
