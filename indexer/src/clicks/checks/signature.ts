import { createPublicKey, type KeyObject, verify } from "node:crypto";
import type { CheckResult } from "./checkResult.js";

const keyCache = new Map<string, KeyObject>();

/**
 * Parses a P-256 public key given as uncompressed SEC1 hex (`0x04` + x + y, 65 bytes), the form
 * WebCrypto exports with `exportKey("raw", key)`. Throws when it is not a point on the curve.
 */
export function p256PublicKey(hex: string): KeyObject {
  const cached = keyCache.get(hex);
  if (cached) return cached;
  const raw = Buffer.from(hex.replace(/^0x/, ""), "hex");
  if (raw.length !== 65 || raw[0] !== 4) throw new Error("session key must be an uncompressed P-256 point");
  const key = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: raw.subarray(1, 33).toString("base64url"),
      y: raw.subarray(33).toString("base64url"),
    },
    format: "jwk",
  });
  if (keyCache.size > 10_000) keyCache.clear();
  keyCache.set(hex, key);
  return key;
}

/**
 * Verifies a session-key signature: ECDSA P-256 over SHA-256 of `message`, in the IEEE P1363
 * `r || s` form (64 bytes, hex) that WebCrypto's `sign` produces.
 */
export function checkSignature(publicKeyHex: string, message: string, signatureHex: string): CheckResult {
  try {
    const sig = Buffer.from(signatureHex.replace(/^0x/, ""), "hex");
    if (sig.length !== 64) return "bad_signature";
    const ok = verify(
      "sha256",
      Buffer.from(message, "utf8"),
      { key: p256PublicKey(publicKeyHex), dsaEncoding: "ieee-p1363" },
      sig,
    );
    return ok ? null : "bad_signature";
  } catch {
    return "bad_signature";
  }
}
