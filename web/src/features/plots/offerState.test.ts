import { describe, expect, it } from "vitest";
import { holdsHxa, offerState, offerStateText } from "./offerState";

const NOW = 1_800_000_000;
const open = { status: "open" as const, expiry: NOW + 60, acceptable: true };

describe("offerState", () => {
  it("is open while the owner it was made to can accept it", () => {
    expect(offerState(open, NOW)).toBe("open");
  });
  it("is expired once its expiry has passed, even if the indexer last saw it acceptable", () => {
    expect(offerState(open, NOW + 61)).toBe("expired");
  });
  it("is ownerChanged when unexpired but no longer acceptable", () => {
    expect(offerState({ ...open, acceptable: false }, NOW)).toBe("ownerChanged");
  });
  it("keeps a closed offer's status whatever the time", () => {
    expect(offerState({ ...open, status: "accepted" }, NOW + 999)).toBe("accepted");
    expect(offerState({ ...open, status: "cancelled" }, NOW)).toBe("cancelled");
  });
  it("says which states still hold the buyer's HXA", () => {
    expect(["open", "expired", "ownerChanged"].every((s) => holdsHxa(s as never))).toBe(true);
    expect(holdsHxa("withdrawn")).toBe(false);
    expect(holdsHxa("accepted")).toBe(false);
  });
});

describe("offerStateText", () => {
  it("gives an open offer's end date and a closed one's outcome", () => {
    expect(offerStateText("open", NOW)).toMatch(/^Open until \d{1,2} \w{3} 2027, \d\d:\d\d$/);
    expect(offerStateText("ownerChanged", NOW)).toBe("Plot changed hands, HXA still held");
  });
});
