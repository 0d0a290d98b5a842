import { cellToBoundary, getResolution, gridDisk, latLngToCell } from "h3-js";
import { describe, expect, it } from "vitest";
import type { Plot } from "./api";
import { aggregate, cellPolygon, coverBounds, overlayCover, plotFeatures, plotState } from "./cells";

const plot = (p: Partial<Plot>): Plot => ({
  cell: "871fb4662ffffff",
  owner: null,
  lat: 0,
  lng: 0,
  place: { name: "Null Island", country: "Nowhere", countryCode: "XX", km: 0, label: "Null Island" },
  boughtPrice: null,
  boughtAt: null,
  lastSalePrice: null,
  listing: null,
  activeAds: 0,
  ...p,
});

describe("coverBounds", () => {
  it("covers a city view with res-7 cells that include its centre", () => {
    const cells = coverBounds({ west: 2.3, south: 48.84, east: 2.4, north: 48.87 }, 7) ?? [];
    // ~24 km² of view plus the cells cut by its edges.
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.length).toBeLessThan(60);
    expect(cells.every((c) => getResolution(c) === 7)).toBe(true);
    expect(cells).toContain(latLngToCell(48.855, 2.35, 7));
  });
  it("splits a view across the antimeridian and covers both sides", () => {
    const cells = coverBounds({ west: 179.9, south: -0.05, east: 180.1, north: 0.05 }, 7) ?? [];
    expect(cells).toContain(latLngToCell(0, 179.95, 7));
    expect(cells).toContain(latLngToCell(0, -179.95, 7));
  });
  it("gives up rather than returning too many cells", () => {
    expect(coverBounds({ west: -10, south: 40, east: 10, north: 55 }, 7)).toBeUndefined();
  });
});

describe("overlayCover", () => {
  const view = { west: 2.3, south: 48.84, east: 2.4, north: 48.87 };
  const shift = (dLng: number, dLat: number) => ({
    west: view.west + dLng,
    east: view.east + dLng,
    south: view.south + dLat,
    north: view.north + dLat,
  });
  it("covers the view and half its size again on every side", () => {
    const cover = overlayCover(view);
    expect(cover?.cells).toEqual(expect.arrayContaining(coverBounds(view, 7) ?? []));
    // A cell a third of the view's width east of it is drawn before the pan reaches it.
    expect(cover?.cells).toContain(latLngToCell(48.855, 2.4 + 0.1 / 3, 7));
  });
  it("keeps the same cells while a pan stays within the margin, and covers anew past it", () => {
    const first = overlayCover(view);
    expect(overlayCover(shift(0.04, 0.01), first)).toBe(first);
    const moved = overlayCover(shift(0.06, 0), first);
    expect(moved).not.toBe(first);
    expect(moved?.cells).toContain(latLngToCell(48.855, 2.46 + 0.1 / 3, 7));
  });
  it("narrows the margin to stay within the cell limit, down to the view itself", () => {
    const exact = coverBounds(view, 7) ?? [];
    const tight = overlayCover(view, undefined, exact.length);
    expect(tight?.cells.length).toBe(exact.length);
    expect(overlayCover(view, undefined, exact.length - 1)).toBeUndefined();
  });
});

describe("plotState", () => {
  const me = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  it("ranks listing over mine over owned, and marks free plots with ads", () => {
    expect(plotState(undefined, me)).toBe("available");
    expect(plotState(plot({ activeAds: 2 }), me)).toBe("ads");
    expect(plotState(plot({ owner: "0xabc" }), me)).toBe("owned");
    expect(plotState(plot({ owner: "0xabc", activeAds: 1 }), me)).toBe("owned");
    expect(plotState(plot({ owner: me }), me.toUpperCase())).toBe("mine");
    expect(plotState(plot({ owner: me, listing: { seller: me, price: "1", expiry: 1 } }), me)).toBe("listed");
  });
});

describe("plotFeatures", () => {
  it("gives each covered cell its own id and its state's colour and pattern", () => {
    const [free, listed, ads] = gridDisk(latLngToCell(48.85, 2.35, 7), 1);
    const cover = [free, listed, ads] as string[];
    const plots = [
      plot({ cell: listed, owner: "0xabc", listing: { seller: "0xabc", price: "1", expiry: 1 } }),
      plot({ cell: ads, activeAds: 3 }),
    ];
    const props = plotFeatures(cover, plots, undefined).features.map((f) => f.properties);
    expect(props).toEqual([
      { cell: free, state: "available", fill: "#94a3b8", opacity: 0.08 },
      { cell: listed, state: "listed", fill: "#f59e0b", opacity: 0.6, pattern: "stripes" },
      { cell: ads, state: "ads", fill: "#ec4899", opacity: 0.35, pattern: "dots" },
    ]);
  });
});

describe("cellPolygon and aggregate", () => {
  it("draws a cell's own boundary, closed, and the same one again from its cache", () => {
    for (const cell of gridDisk(latLngToCell(-33.87, 151.21, 7), 2)) {
      const ring = cellPolygon(cell).coordinates[0] ?? [];
      expect(ring).toEqual(cellToBoundary(cell, true));
      expect(ring.at(-1)).toEqual(ring[0]);
      expect(cellPolygon(cell)).toBe(cellPolygon(cell));
    }
  });
  it("draws cells on the antimeridian without a wrap-around edge", () => {
    // Cells whose first vertex lies east of it and cells whose first vertex lies west of it.
    for (const cell of gridDisk(latLngToCell(0, 179.999, 7), 2)) {
      const lngs = (cellPolygon(cell).coordinates[0] ?? []).map((p) => p[0] as number);
      expect(Math.max(...lngs) - Math.min(...lngs)).toBeLessThan(1);
    }
  });
  it("counts owned plots per parent cell", () => {
    const a = latLngToCell(48.85, 2.35, 7);
    const b = latLngToCell(48.86, 2.36, 7);
    const counts = aggregate(
      [plot({ cell: a, owner: "0x1" }), plot({ cell: b, owner: "0x2" }), plot({ cell: a })],
      4,
    );
    expect([...counts.values()].reduce((x, y) => x + y, 0)).toBe(2);
  });
});
