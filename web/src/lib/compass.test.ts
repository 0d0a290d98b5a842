import { cellToLatLng, gridDisk, latLngToCell } from "h3-js";
import { describe, expect, it } from "vitest";
import { bearing, compass } from "./compass";

describe("bearing", () => {
  const paris = latLngToCell(48.8566, 2.3522, 7);
  it("points from a cell to the neighbour on its side of the compass", () => {
    const [lat, lng] = cellToLatLng(paris);
    const dist = (b: number, target: number) => Math.min(Math.abs(b - target), 360 - Math.abs(b - target));
    const nearest = (target: number) =>
      gridDisk(paris, 1)
        .filter((c) => c !== paris)
        .sort((a, b) => dist(bearing(paris, a), target) - dist(bearing(paris, b), target))[0];
    // The neighbour closest to due east/west/north/south lies that way in latitude or longitude.
    expect(cellToLatLng(nearest(90) as string)[1]).toBeGreaterThan(lng);
    expect(cellToLatLng(nearest(270) as string)[1]).toBeLessThan(lng);
    expect(cellToLatLng(nearest(0) as string)[0]).toBeGreaterThan(lat);
    expect(cellToLatLng(nearest(180) as string)[0]).toBeLessThan(lat);
  });
  it("gives the six neighbours six different 45° compass sectors", () => {
    const sectors = gridDisk(paris, 1)
      .filter((c) => c !== paris)
      .map((c) => compass(bearing(paris, c)).name);
    expect(new Set(sectors).size).toBe(6);
  });
  it("measures across the antimeridian the short way", () => {
    const west = latLngToCell(0, 179.99, 7);
    const east = gridDisk(west, 1).find((c) => (cellToLatLng(c)[1] as number) < 0) as string;
    expect(bearing(west, east)).toBeGreaterThan(0);
    expect(bearing(west, east)).toBeLessThan(180);
  });
});
