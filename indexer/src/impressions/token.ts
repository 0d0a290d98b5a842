import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What an impression token vouches for: this ad was shown to this viewer in this cell at this time. */
export interface ImpressionClaims {
  /** Random id (hex); the unique key that stops one impression from paying twice. */
  id: string;
  campaignId: bigint;
  /** Res-7 cell, hex. */
  cell: string;
  viewer: string;
  sessionId: string;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix ms of the same moment, for the reaction-time check (tokens from before it had none). */
  servedMs?: number;
  /**
   * Unix ms at which the viewer's session reported the ad at least half on screen
   * (POST /impressions/viewable, dated by the server); absent until then.
   */
  viewableMs?: number;
}

/**
 * Signs and verifies impression tokens with HMAC-SHA256 under a server key:
 * `base64url(json) "." base64url(mac)`. Only this server (and its replicas sharing the key) can
 * mint them; a changed byte fails verification.
 */
export class ImpressionTokens {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error("impression key must be at least 32 bytes");
  }

  static newId(): string {
    return randomBytes(16).toString("hex");
  }

  sign(claims: ImpressionClaims): string {
    const body = Buffer.from(
      JSON.stringify({
        i: claims.id,
        c: claims.campaignId.toString(),
        h: claims.cell,
        v: claims.viewer,
        s: claims.sessionId,
        t: claims.issuedAt,
        m: claims.servedMs,
        w: claims.viewableMs,
      }),
    ).toString("base64url");
    return `${body}.${this.mac(body)}`;
  }

  /** The claims of a genuine token, or undefined for anything forged, altered or malformed. */
  verify(token: string): ImpressionClaims | undefined {
    const dot = token.indexOf(".");
    if (dot <= 0 || token.length > 2048) return undefined;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), "base64url");
    const expected = Buffer.from(this.mac(body), "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const p = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
      return {
        id: String(p.i),
        campaignId: BigInt(p.c),
        cell: String(p.h),
        viewer: String(p.v),
        sessionId: String(p.s),
        issuedAt: Number(p.t),
        servedMs: p.m === undefined ? undefined : Number(p.m),
        viewableMs: p.w === undefined ? undefined : Number(p.w),
      };
    } catch {
      return undefined;
    }
  }

  private mac(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}

/**
 * The server key: `IMPRESSION_KEY` (hex, ≥ 32 bytes) when set — replicas sharing one database
 * must share it — otherwise a key generated on first start and kept in `dataDir`, or a fresh
 * in-memory key when the data dir is in memory.
 */
export function loadImpressionKey(opts: { envKey?: string; dataDir: string }): Buffer {
  if (opts.envKey) return Buffer.from(opts.envKey.replace(/^0x/, ""), "hex");
  if (opts.dataDir.startsWith("memory://")) return randomBytes(32);
  const file = join(opts.dataDir, "impression.key");
  if (existsSync(file)) return Buffer.from(readFileSync(file, "utf8").trim(), "hex");
  mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString("hex"), { mode: 0o600 });
  return key;
}
