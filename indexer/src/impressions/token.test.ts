import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ImpressionClaims, ImpressionTokens, loadImpressionKey } from "./token.js";

const claims: ImpressionClaims = {
  id: ImpressionTokens.newId(),
  campaignId: 42n,
  cell: "871fb4662ffffff",
  viewer: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  sessionId: "abc",
  issuedAt: 1_700_000_000,
};

describe("ImpressionTokens", () => {
  const tokens = new ImpressionTokens(Buffer.alloc(32, 7));
  it("round-trips its claims", () => {
    expect(tokens.verify(tokens.sign(claims))).toEqual(claims);
    const viewed = { ...claims, servedMs: 1_700_000_000_250, viewableMs: 1_700_000_001_500 };
    expect(tokens.verify(tokens.sign(viewed))).toEqual(viewed);
  });
  it("rejects a token with any altered byte", () => {
    const t = tokens.sign(claims);
    const [body, mac] = t.split(".") as [string, string];
    const other = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), c: "43" }),
    );
    expect(tokens.verify(`${other.toString("base64url")}.${mac}`)).toBeUndefined();
    expect(tokens.verify(`${body}.${mac.slice(0, -2)}AA`)).toBeUndefined();
    expect(tokens.verify("garbage")).toBeUndefined();
  });
  it("rejects a token signed with another key", () => {
    const other = new ImpressionTokens(Buffer.alloc(32, 8));
    expect(tokens.verify(other.sign(claims))).toBeUndefined();
  });
});

describe("loadImpressionKey", () => {
  it("prefers the env key", () => {
    expect(loadImpressionKey({ envKey: "11".repeat(32), dataDir: "memory://" })).toEqual(
      Buffer.alloc(32, 0x11),
    );
  });
  it("generates a key on first start and reuses it after", () => {
    const dir = mkdtempSync(join(tmpdir(), "hexads-key-"));
    const first = loadImpressionKey({ dataDir: dir });
    expect(first.length).toBe(32);
    expect(readFileSync(join(dir, "impression.key"), "utf8")).toBe(first.toString("hex"));
    expect(loadImpressionKey({ dataDir: dir })).toEqual(first);
  });
});
