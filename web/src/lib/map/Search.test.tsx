import { describe, expect, it } from "vitest";
import { loadCities, parseCoordinates, searchCities } from "./Search";

describe("search", () => {
  it("reads coordinates typed as lat, lng", () => {
    expect(parseCoordinates("48.85, 2.35")).toEqual({ lat: 48.85, lng: 2.35 });
    expect(parseCoordinates("-33.9 151.2")).toEqual({ lat: -33.9, lng: 151.2 });
    expect(parseCoordinates("95, 0")).toBeUndefined();
    expect(parseCoordinates("Paris")).toBeUndefined();
  });
  it("finds cities by prefix first, biggest first", async () => {
    await loadCities();
    const r = searchCities("pari");
    expect(r[0]?.[0]).toBe("Paris");
    expect(searchCities("p")).toEqual([]);
  });
});
