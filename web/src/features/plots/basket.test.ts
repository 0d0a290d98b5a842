import { describe, expect, it } from "vitest";
import { addAll, MAX_BASKET, toggle, toIds, total } from "./basket";

describe("basket", () => {
  it("toggles a cell in and out", () => {
    const one = toggle({ cells: [] }, "871fb4662ffffff");
    expect(one.cells).toEqual(["871fb4662ffffff"]);
    expect(toggle(one, "871fb4662ffffff").cells).toEqual([]);
  });
  it("adds a box without duplicates and never past the batch limit", () => {
    const cells = Array.from({ length: 150 }, (_, i) => i.toString(16).padStart(15, "8"));
    const b = addAll({ cells: [cells[0] as string] }, cells);
    expect(b.cells).toHaveLength(MAX_BASKET);
    expect(new Set(b.cells).size).toBe(MAX_BASKET);
    expect(toggle(b, "871fb4662ffffff").cells).toHaveLength(MAX_BASKET);
  });
  it("prices the batch and converts cells to token ids", () => {
    const b = { cells: ["871fb4662ffffff", "871fb4663ffffff"] };
    expect(total(b, 10n)).toBe(20n);
    expect(toIds(b)).toEqual([0x871fb4662ffffffn, 0x871fb4663ffffffn]);
  });
});
