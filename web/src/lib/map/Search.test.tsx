import { describe, expect, it } from "vitest";
import { parseCoordinates } from "./coordinates";
import { photonResult } from "./geocode";

describe("coordinates as people type them", () => {
  it("reads decimal degrees, with or without a comma, sign or hemisphere letters", () => {
    expect(parseCoordinates("48.85, 2.35")).toEqual({ ok: true, lat: 48.85, lng: 2.35 });
    expect(parseCoordinates("-33.9 151.2")).toEqual({ ok: true, lat: -33.9, lng: 151.2 });
    expect(parseCoordinates("48.8584° N, 2.2945° E")).toEqual({ ok: true, lat: 48.8584, lng: 2.2945 });
    expect(parseCoordinates("33.9 S 151.2 E")).toEqual({ ok: true, lat: -33.9, lng: 151.2 });
    expect(parseCoordinates("48.8584N,2.2945W")).toEqual({ ok: true, lat: 48.8584, lng: -2.2945 });
  });
  it("takes the hemisphere letters' word for which is latitude", () => {
    expect(parseCoordinates("2.2945 E, 48.8584 N")).toEqual({ ok: true, lat: 48.8584, lng: 2.2945 });
    expect(parseCoordinates("12 W 45 N")).toEqual({ ok: true, lat: 45, lng: -12 });
  });
  it("reads degrees, minutes and seconds", () => {
    const eiffel = { ok: true, lat: 48.858333, lng: 2.294444 };
    expect(parseCoordinates(`48°51'30"N 2°17'40"E`)).toEqual(eiffel);
    expect(parseCoordinates("48° 51′ 30″ N, 2° 17′ 40″ E")).toEqual(eiffel);
    expect(parseCoordinates("N 48 51 30 E 2 17 40")).toEqual(eiffel);
    expect(parseCoordinates("48 51 30 2 17 40")).toEqual(eiffel);
    expect(parseCoordinates("48 61 0 N 2 0 0 E")).toBeUndefined(); // 61 minutes
  });
  it("says why coordinates are off the globe", () => {
    expect(parseCoordinates("91, 200")).toEqual({
      ok: false,
      message:
        "Not a place on Earth: latitude 91 is outside -90 to 90 and longitude 200 is outside -180 to 180.",
    });
    expect(parseCoordinates("-91 0")).toMatchObject({ ok: false });
  });
  it("leaves place names, postcodes and odd numbers to the place search", () => {
    for (const text of ["Paris", "75001", "1 2 3", "Eiffel Tower", "N 48 N 2", "48.85, 2.35, 7"])
      expect(parseCoordinates(text)).toBeUndefined();
  });
});

describe("Photon results", () => {
  it("names a result from what the feature has and tells spots from areas", () => {
    const feature = (properties: Record<string, string>) => ({
      geometry: { coordinates: [2.2945, 48.8584] as [number, number] },
      properties,
    });
    expect(
      photonResult(
        feature({
          name: "Tour Eiffel",
          city: "Paris",
          country: "France",
          type: "house",
          osm_value: "attraction",
        }),
      ),
    ).toEqual({
      label: "Tour Eiffel, Paris, France",
      detail: "attraction",
      lat: 48.8584,
      lng: 2.2945,
      spot: true,
      source: "online",
    });
    expect(
      photonResult(feature({ postcode: "75001", city: "Paris", country: "France", type: "district" })),
    ).toMatchObject({
      label: "75001, Paris, France",
      spot: false,
    });
    expect(
      photonResult(feature({ name: "Paris", city: "Paris", country: "France", type: "city" }))?.label,
    ).toBe("Paris, France");
    expect(photonResult(feature({ country: "France" }))).toBeUndefined();
  });
});
