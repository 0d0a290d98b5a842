import { describe, expect, it } from "vitest";
import { formatCountdown, formatHxa, parseHxa, shortAddress } from "./format";

describe("format", () => {
  it("shortens addresses and shows a dash for none", () => {
    expect(shortAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8")).toBe("0x7099…79c8");
    expect(shortAddress(null)).toBe("—");
  });
  it("formats wei as HXA with grouping", () => {
    expect(formatHxa(1234500000000000000000n)).toBe("1,234.5 HXA");
    expect(formatHxa("10000000000000000")).toBe("0.01 HXA");
    expect(formatHxa(undefined)).toBe("—");
  });
  it("parses only positive decimal amounts", () => {
    expect(parseHxa("12.5")).toBe(12500000000000000000n);
    expect(parseHxa("0")).toBeUndefined();
    expect(parseHxa("-1")).toBeUndefined();
    expect(parseHxa("1e3")).toBeUndefined();
    expect(parseHxa("")).toBeUndefined();
  });
  it("shows time left as a clock that stops at zero", () => {
    expect(formatCountdown(7)).toBe("0:07");
    expect(formatCountdown(245.2)).toBe("4:06");
    expect(formatCountdown(3723)).toBe("1:02:03");
    expect(formatCountdown(-5)).toBe("0:00");
  });
});
