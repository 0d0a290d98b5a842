import { describe, expect, it } from "vitest";
import { splitClick } from "./split.js";

/** The split AdMarket starts with (its constructor). */
const SPLIT_60_30_10 = { viewerBps: 6000, ownerBps: 3000, protocolBps: 1000 };

function randomBig(bits: number): bigint {
  let v = 0n;
  for (let i = 0; i < bits; i += 30) v = (v << 30n) | BigInt(Math.floor(Math.random() * 2 ** 30));
  return v & ((1n << BigInt(bits)) - 1n);
}

describe("splitClick", () => {
  it("splits 1 HXA 60/30/10", () => {
    expect(splitClick(10n ** 18n, SPLIT_60_30_10)).toEqual({
      viewer: 6n * 10n ** 17n,
      owner: 3n * 10n ** 17n,
      protocol: 10n ** 17n,
    });
  });
  it("gives the rounding remainder to the protocol", () => {
    expect(splitClick(7n, SPLIT_60_30_10)).toEqual({ viewer: 4n, owner: 2n, protocol: 1n });
    expect(splitClick(1n, { viewerBps: 5000, ownerBps: 5000, protocolBps: 0 })).toEqual({
      viewer: 0n,
      owner: 0n,
      protocol: 1n,
    });
  });
  it("always sums to cpc, viewer and owner get their floor share (10,000 random cases)", () => {
    for (let i = 0; i < 10_000; i++) {
      const viewerBps = 4000 + Math.floor(Math.random() * 6001);
      const protocolBps = Math.floor(Math.random() * Math.min(2001, 10_001 - viewerBps));
      const split = { viewerBps, protocolBps, ownerBps: 10_000 - viewerBps - protocolBps };
      const cpc = randomBig(1 + Math.floor(Math.random() * 128));
      const s = splitClick(cpc, split);
      expect(s.viewer + s.owner + s.protocol).toBe(cpc);
      expect(s.viewer).toBe((cpc * BigInt(viewerBps)) / 10_000n);
      expect(s.owner).toBe((cpc * BigInt(split.ownerBps)) / 10_000n);
      expect(s.protocol >= 0n).toBe(true);
      expect(s.protocol - (cpc * BigInt(protocolBps)) / 10_000n <= 2n).toBe(true);
    }
  });
  it("refuses a split that does not sum to 10,000 bps", () => {
    expect(() => splitClick(100n, { viewerBps: 6000, ownerBps: 3000, protocolBps: 999 })).toThrow(RangeError);
  });
});
