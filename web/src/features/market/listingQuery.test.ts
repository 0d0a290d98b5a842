import { describe, expect, it } from "vitest";
import { listingQuery, parsePrices } from "./listingQuery";

const HXA = 10n ** 18n;

describe("the For sale filters", () => {
  it("parse prices typed in HXA, blank meaning no bound", () => {
    expect(parsePrices({ minPrice: "12.5", maxPrice: "" })).toEqual({
      minPrice: 12n * HXA + HXA / 2n,
      maxPrice: undefined,
    });
    expect(parsePrices({ minPrice: " ", maxPrice: "40" })).toEqual({
      minPrice: undefined,
      maxPrice: 40n * HXA,
    });
  });

  it("say which price is wrong", () => {
    expect(parsePrices({ minPrice: "abc", maxPrice: "" })).toEqual({
      problem: "Min price is an amount of HXA, like 12.5",
    });
    expect(parsePrices({ minPrice: "", maxPrice: "-1" })).toEqual({
      problem: "Max price is an amount of HXA, like 12.5",
    });
    expect(parsePrices({ minPrice: "50", maxPrice: "40" })).toEqual({
      problem: "Min price is above max price",
    });
  });

  it("become the listings query: area, prices in wei, expiry window, sort and page", () => {
    const now = 1_000_000;
    expect(
      listingQuery(
        {
          near: { lat: 48.85, lng: 2.35, label: "Paris" },
          radiusKm: 25,
          minPrice: 5n * HXA,
          expires: "7d",
        },
        "price_asc",
        20,
        20,
        now,
      ),
    ).toEqual({
      near: "48.85,2.35",
      radiusKm: 25,
      minPrice: (5n * HXA).toString(),
      maxPrice: undefined,
      expiresBefore: now + 7 * 86_400,
      expiresAfter: undefined,
      sort: "price_asc",
      limit: 20,
      offset: 20,
    });
    const later = listingQuery({ radiusKm: 25, expires: "later" }, "newest", 0, 20, now);
    expect(later).toMatchObject({ expiresAfter: now + 7 * 86_400, expiresBefore: undefined });
    expect(later).not.toHaveProperty("near");
  });
});
