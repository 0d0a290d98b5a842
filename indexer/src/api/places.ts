import { cellToBoundary, cellToLatLng } from "h3-js";
import { Hono } from "hono";
import { z } from "zod";
import { gazetteer } from "../places/gazetteer.js";
import { cellHex } from "./serialize.js";
import type { PlaceSearchResponse, PlotMetadata } from "./types.js";
import { plotCell, validate } from "./validation.js";

const lat = z.coerce.number().min(-90, "lat is -90..90").max(90, "lat is -90..90");
const lng = z.coerce.number().min(-180, "lng is -180..180").max(180, "lng is -180..180");

/** The offline gazetteer over HTTP: place search for the map's search box, names for points and plots. */
export function placesApi() {
  return new Hono()
    .get(
      "/places/search",
      validate(
        "query",
        z.object({
          q: z.string().trim().min(1, "q is empty").max(100, "q is at most 100 characters"),
          limit: z.coerce.number().int().min(1).max(20).default(8),
        }),
      ),
      (c) => {
        const { q, limit } = c.req.valid("query");
        const body: PlaceSearchResponse = { query: q, results: gazetteer().search(q, limit) };
        return c.json(body);
      },
    )
    .get("/places/nearest", validate("query", z.object({ lat, lng })), (c) => {
      const q = c.req.valid("query");
      return c.json(gazetteer().nearest(q.lat, q.lng));
    })
    .get("/plots/:cell/metadata", validate("param", z.object({ cell: plotCell })), (c) => {
      const cell = cellHex(c.req.valid("param").cell);
      const [la, ln] = cellToLatLng(cell);
      const place = gazetteer().nearest(la, ln);
      const metadata: PlotMetadata = {
        name: `${place.label} · plot ${cell}`,
        description: `A HexAds plot: the H3 resolution-7 cell ${cell} (about 5 km²) at ${la.toFixed(5)}, ${ln.toFixed(5)}, ${place.label}. Its owner earns a share of every paid ad click inside it.`,
        image: hexagonSvg(cell, place.label),
        attributes: [
          { trait_type: "Place", value: place.name },
          { trait_type: "Country", value: place.country },
          { trait_type: "Latitude", value: Number(la.toFixed(5)) },
          { trait_type: "Longitude", value: Number(ln.toFixed(5)) },
          { trait_type: "H3 resolution", value: 7 },
        ],
      };
      return c.json(metadata);
    });
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[ch] ?? ch,
  );

/** The cell's outline as an SVG data URI, with its place name under it. */
function hexagonSvg(cell: string, label: string): string {
  const ring = cellToBoundary(cell, true);
  const lngs = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  const [minLng, maxLng, minLat, maxLat] = [
    Math.min(...lngs),
    Math.max(...lngs),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const scale = 180 / Math.max(maxLng - minLng, maxLat - minLat);
  const points = ring
    .slice(0, -1)
    .map(
      ([x, y]) =>
        `${(110 + (x - (minLng + maxLng) / 2) * scale).toFixed(1)},${(110 - (y - (minLat + maxLat) / 2) * scale).toFixed(1)}`,
    )
    .join(" ");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 220 260"><rect width="220" height="260" fill="#f4f1ea"/><polygon points="${points}" fill="#6366f1" fill-opacity="0.5" stroke="#312e81" stroke-width="2"/><text x="110" y="245" font-family="sans-serif" font-size="12" text-anchor="middle">${escapeXml(label)}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
