import { z } from "@hono/zod-openapi";
import { cellToBoundary, cellToLatLng } from "h3-js";
import { gazetteer } from "../places/gazetteer.js";
import { api, json, route } from "./route.js";
import { Place, PlaceSearchResponse, PlotMetadata } from "./schemas/places.js";
import { cellHex } from "./serialize.js";
import { plotCell } from "./validation.js";

const lat = z.coerce.number().min(-90, "lat is -90..90").max(90, "lat is -90..90");
const lng = z.coerce.number().min(-180, "lng is -180..180").max(180, "lng is -180..180");

const search = route({
  method: "get",
  path: "/places/search",
  summary:
    "Offline gazetteer search: accent- and case-insensitive city names, 'city, country', common aliases (NYC), a curated list of landmarks; no postcodes",
  request: {
    query: z.object({
      q: z
        .string()
        .trim()
        .min(1, "q is empty")
        .max(100, "q is at most 100 characters")
        .openapi({ description: "e.g. 'sao paulo', 'Paris, France', 'eiffel tower'" }),
      limit: z.coerce.number().int().min(1).max(20).default(8),
    }),
  },
  responses: { 200: json(PlaceSearchResponse, "the matches (empty when nothing matches)") },
});
const nearest = route({
  method: "get",
  path: "/places/nearest",
  summary: "The place a point is in or near (the name plots carry as `place`)",
  request: { query: z.object({ lat, lng }) },
  responses: { 200: json(Place, "the place") },
});
const metadata = route({
  method: "get",
  path: "/plots/{cell}/metadata",
  summary:
    "ERC-721 metadata JSON of a plot (name with its place, description, SVG image, attributes), independent of the chain",
  request: { params: z.object({ cell: plotCell.openapi({ description: "res-7 H3 cell" }) }) },
  responses: { 200: json(PlotMetadata, "the metadata") },
});

/** The offline gazetteer over HTTP: place search for the map's search box, names for points and plots. */
export function placesApi() {
  return api()
    .openapi(search, (c) => {
      const { q, limit } = c.req.valid("query");
      return c.json({ query: q, results: gazetteer().search(q, limit) }, 200);
    })
    .openapi(nearest, (c) => {
      const q = c.req.valid("query");
      return c.json(gazetteer().nearest(q.lat, q.lng), 200);
    })
    .openapi(metadata, (c) => {
      const cell = cellHex(c.req.valid("param").cell);
      const [la, ln] = cellToLatLng(cell);
      const place = gazetteer().nearest(la, ln);
      return c.json(
        {
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
        },
        200,
      );
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
