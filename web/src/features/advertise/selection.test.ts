import { cellToParent, getResolution, latLngToCell, uncompactCells } from "h3-js";
import { describe, expect, it } from "vitest";
import { cellsInPolygon, cellsInRadius, compact, plotCount, toTargets } from "./selection";

describe("selection", () => {
  it("a radius covers the centre and grows with the distance", () => {
    const small = cellsInRadius(48.8566, 2.3522, 1);
    const big = cellsInRadius(48.8566, 2.3522, 8);
    expect(small).toContain(latLngToCell(48.8566, 2.3522, 7));
    expect(big.length).toBeGreaterThan(small.length * 10);
  });
  it("compacting a full parent gives the parent, and covers exactly the same plots", () => {
    const parent = cellToParent(latLngToCell(48.8566, 2.3522, 7), 5);
    const children = uncompactCells([parent], 7);
    expect(compact(children)).toEqual([parent]);
    const area = cellsInRadius(48.8566, 2.3522, 6);
    const targets = compact(area);
    expect(targets.length).toBeLessThan(area.length);
    expect(new Set(uncompactCells(targets, 7))).toEqual(new Set(area));
    expect(plotCount(targets)).toBe(area.length);
    expect(targets.every((t) => getResolution(t) <= 7)).toBe(true);
  });
  it("a polygon gives the cells inside it", () => {
    const cells = cellsInPolygon([
      [48.84, 2.3],
      [48.84, 2.4],
      [48.88, 2.4],
      [48.88, 2.3],
    ]);
    expect(cells).toContain(latLngToCell(48.86, 2.35, 7));
  });
  it("targets are the cells as integers", () => {
    expect(toTargets(["871fb4662ffffff"])).toEqual([0x871fb4662ffffffn]);
  });
});
