import { describe, expect, it } from "vitest";
import { confirmationsFor, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("fills defaults for the embedded setup", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(42069);
    expect(c.DATA_DIR).toBe(".data");
    expect(c.DATABASE_URL).toBeUndefined();
  });
  it("waits 12 confirmations on real chains and none on the dev chain, unless told", () => {
    expect(confirmationsFor(loadConfig({}), 31337)).toBe(0);
    expect(confirmationsFor(loadConfig({}), 8453)).toBe(12);
    expect(confirmationsFor(loadConfig({ CONFIRMATIONS: "3" }), 8453)).toBe(3);
  });
  it("refuses bad values with a readable message", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ RPC_URL: "not a url" })).toThrow(/RPC_URL/);
    expect(() => loadConfig({ PAYOUT_MIN: "-1" })).toThrow(/PAYOUT_MIN/);
    expect(() => loadConfig({ PAYOUT_MIN: "0.1234567890123456789" })).toThrow(/PAYOUT_MIN/);
    expect(() => loadConfig({ PAYOUT_BATCH: "500" })).toThrow(/PAYOUT_BATCH/);
  });
});
