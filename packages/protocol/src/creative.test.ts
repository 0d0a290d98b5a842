import { describe, expect, it } from "vitest";
import { encodeCreative, parseCreative } from "./creative.js";

describe("creative", () => {
  it("round-trips through a data URI, accents included", () => {
    const c = {
      title: "Café Hexagone",
      body: "10% off",
      imageUrl: "",
      landingUrl: "https://example.com/cafe",
    };
    expect(parseCreative(encodeCreative(c))).toEqual(c);
  });
  it("rejects non-http landing pages and malformed JSON", () => {
    const bad = encodeCreative({ title: "x", body: "", imageUrl: "", landingUrl: "javascript:alert(1)" });
    expect(parseCreative(bad)).toBeUndefined();
    expect(parseCreative("data:application/json,{oops")).toBeUndefined();
    expect(parseCreative("ipfs://bafy")).toBeUndefined();
  });
});
