// A street basemap for tests, served from this machine: a MapLibre style and vector tiles cut
// (@maplibre/geojson-vt) and encoded (@maplibre/vt-pbf, both MapLibre's own) from a few fixture features around Paris: a grid of streets and
// the Champ de Mars park. The browser tests point the app at it to check the online basemap path,
// and stop it to check the fallback to the offline basemap.
import { createServer, type Server } from "node:http";
import { GeoJSONVT } from "@maplibre/geojson-vt";
import { fromGeojsonVt } from "@maplibre/vt-pbf";
import { freePort } from "./localChain";

/** The fixture's colours, for tests that look at pixels or layers. */
export const FIXTURE_STYLE = { name: "HexAds test streets", park: "#7bc86c", street: "#ff7a00" } as const;

function fixtureFeatures(): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  // Streets every ~1 km over central Paris, east-west and north-south.
  for (let i = 0; i <= 20; i++) {
    const lat = 48.8 + i * 0.01;
    const lng = 2.2 + i * 0.015;
    features.push({
      type: "Feature",
      properties: { kind: "street" },
      geometry: {
        type: "LineString",
        coordinates: [
          [2.2, lat],
          [2.5, lat],
        ],
      },
    });
    features.push({
      type: "Feature",
      properties: { kind: "street" },
      geometry: {
        type: "LineString",
        coordinates: [
          [lng, 48.8],
          [lng, 49.0],
        ],
      },
    });
  }
  features.push({
    type: "Feature",
    properties: { kind: "park", name: "Champ de Mars" },
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [2.2905, 48.8595],
          [2.3005, 48.8525],
          [2.3035, 48.854],
          [2.2935, 48.861],
          [2.2905, 48.8595],
        ],
      ],
    },
  });
  return { type: "FeatureCollection", features };
}

export interface BasemapFixture {
  styleUrl: string;
  /** Tiles served so far. */
  tilesServed(): number;
  stop(): Promise<void>;
}

export async function startBasemapFixture(): Promise<BasemapFixture> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const tiles = new GeoJSONVT(fixtureFeatures(), { maxZoom: 14, indexMaxZoom: 5 });
  let served = 0;
  const style = {
    version: 8,
    name: FIXTURE_STYLE.name,
    sources: {
      streets: {
        type: "vector",
        tiles: [`${base}/tiles/{z}/{x}/{y}.pbf`],
        minzoom: 0,
        maxzoom: 14,
        attribution: "Test streets © HexAds fixtures",
      },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#f2efe9" } },
      {
        id: "park",
        type: "fill",
        source: "streets",
        "source-layer": "streets",
        filter: ["==", ["get", "kind"], "park"],
        paint: { "fill-color": FIXTURE_STYLE.park },
      },
      {
        id: "street",
        type: "line",
        source: "streets",
        "source-layer": "streets",
        filter: ["==", ["get", "kind"], "street"],
        paint: { "line-color": FIXTURE_STYLE.street, "line-width": 3 },
      },
    ],
  };
  const server: Server = createServer((req, res) => {
    res.setHeader("access-control-allow-origin", "*");
    const url = req.url ?? "";
    if (url === "/style.json") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(style));
      return;
    }
    const m = url.match(/^\/tiles\/(\d+)\/(\d+)\/(\d+)\.pbf$/);
    if (m) {
      const tile = tiles.getTile(Number(m[1]), Number(m[2]), Number(m[3]));
      served++;
      if (!tile) {
        res.statusCode = 204;
        res.end();
        return;
      }
      res.setHeader("content-type", "application/x-protobuf");
      res.end(Buffer.from(fromGeojsonVt({ streets: tile }, { version: 2, extent: 4096 })));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    styleUrl: `${base}/style.json`,
    tilesServed: () => served,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
