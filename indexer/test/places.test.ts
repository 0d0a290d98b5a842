import { latLngToCell } from "h3-js";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { type ApiDeps, createApp } from "../src/api/index.js";
import type { Place, PlaceSearchResponse, PlotMetadata } from "../src/api/schemas/places.js";

// The places routes read only the gazetteer, so no chain or database is needed.
const app = createApp({ registry: new Registry(), corsOrigin: "*" } as unknown as ApiDeps);
const get = async <T>(path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as T };
};

describe("places API", () => {
  it("searches like people type", async () => {
    const { status, body } = await get<PlaceSearchResponse>("/places/search?q=sao%20paulo&limit=3");
    expect(status).toBe(200);
    expect(body.results[0]).toMatchObject({ label: "São Paulo, Brazil", kind: "city" });
    expect(body.results).toHaveLength(3);
    const none = await get<PlaceSearchResponse>("/places/search?q=zzqqxx");
    expect(none).toEqual({ status: 200, body: { query: "zzqqxx", results: [] } });
  });

  it("names a point, and rejects one off the globe", async () => {
    const { body } = await get<Place>("/places/nearest?lat=48.8584&lng=2.2945");
    expect(body.label).toBe("Paris, France");
    const bad = await get<{ error: { code: string; message: string } }>("/places/nearest?lat=91&lng=200");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/lat is -90\.\.90/);
  });

  it("rejects empty and oversized queries", async () => {
    expect((await get("/places/search?q=%20")).status).toBe(400);
    expect((await get(`/places/search?q=${"a".repeat(101)}`)).status).toBe(400);
    expect((await get("/places/search?q=paris&limit=0")).status).toBe(400);
  });

  it("serves token metadata named after the plot's place", async () => {
    const cell = latLngToCell(48.8584, 2.2945, 7);
    const { status, body } = await get<PlotMetadata>(`/plots/${cell}/metadata`);
    expect(status).toBe(200);
    expect(body.name).toBe(`Paris, France · plot ${cell}`);
    expect(body.attributes).toContainEqual({ trait_type: "Country", value: "France" });
    expect(body.image).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(body.image.split(",")[1] as string, "base64").toString()).toContain("Paris, France");
    expect((await get(`/plots/${latLngToCell(48.85, 2.29, 6)}/metadata`)).status).toBe(400);
  });
});
