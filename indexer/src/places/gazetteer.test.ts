import { describe, expect, it } from "vitest";
import { gazetteer, normalise } from "./gazetteer.js";

describe("gazetteer", () => {
  const g = gazetteer();

  it("names a point after the place it is in, big places reaching further than small ones", () => {
    // The Eiffel Tower is 4 km from the centre of Paris and 3.4 km from Neuilly-sur-Seine.
    expect(g.nearest(48.8584, 2.2945)).toMatchObject({
      name: "Paris",
      countryCode: "FR",
      label: "Paris, France",
    });
    expect(g.nearest(48.8049, 2.1204).name).toBe("Versailles");
    expect(g.nearest(-23.55, -46.63).label).toBe("São Paulo, Brazil");
  });

  it("says how far away the place is when the point is outside every place", () => {
    const mid = g.nearest(0, -30); // mid-Atlantic
    expect(mid.km).toBeGreaterThan(300);
    expect(mid.label).toBe(`${Math.round(mid.km)} km from ${mid.name}, ${mid.country}`);
  });

  it("folds accents, case and punctuation", () => {
    expect(normalise("  São-Paulo ")).toBe("sao paulo");
    expect(g.search("sao paulo", 3)[0]?.label).toBe("São Paulo, Brazil");
    expect(g.search("KOLN", 3)[0]?.name).toBe("Köln");
  });

  it("reads 'city, country' with the country's name, code or alias", () => {
    expect(g.search("Paris, France", 3)[0]).toMatchObject({ name: "Paris", countryCode: "FR" });
    const usa = g.search("paris, usa", 5);
    expect(usa.length).toBe(5);
    expect(usa.every((r) => r.countryCode === "US" && /^Paris, [A-Z]{2}, United States$/.test(r.label))).toBe(
      true,
    );
    expect(g.search("Paris, US", 1)[0]?.countryCode).toBe("US");
  });

  it("knows aliases and landmarks", () => {
    expect(g.search("NYC", 1)[0]).toMatchObject({ name: "New York City", countryCode: "US" });
    const eiffel = g.search("eiffel tower", 3)[0];
    expect(eiffel).toMatchObject({ kind: "landmark", label: "Eiffel Tower, Paris, France" });
    expect(g.nearest(eiffel?.lat as number, eiffel?.lng as number).label).toBe("Paris, France");
  });

  it("puts exact names and bigger places first, and finds nothing for nonsense or postcodes", () => {
    expect(g.search("pa", 1)[0]?.name).toBe("Paris");
    expect(g.search("lyon", 2).map((r) => r.label)).toEqual([
      "Lyon, France",
      expect.stringMatching(/^Lyons, /),
    ]);
    expect(g.search("qxzqxz", 5)).toEqual([]);
    expect(g.search("75001", 5)).toEqual([]);
    expect(g.search("a", 5)).toEqual([]);
  });
});
