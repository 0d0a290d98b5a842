import { formatUnits, parseUnits } from "viem";

/** 0x1234…abcd, the way wallets show addresses. */
export const shortAddress = (a: string | null | undefined) => (a ? `${a.slice(0, 6)}…${a.slice(-4)}` : "—");

/** An HXA amount in wei as a short human figure: "1,234.5 HXA". */
export function formatHxa(wei: bigint | string | null | undefined, digits = 2): string {
  if (wei === null || wei === undefined) return "—";
  const value = Number(formatUnits(BigInt(wei), 18));
  return `${value.toLocaleString("en-US", { maximumFractionDigits: digits })} HXA`;
}

/** Parses what a person typed ("12.5") into wei, or undefined when it is not a positive amount. */
export function parseHxa(text: string): bigint | undefined {
  const t = text.trim();
  if (!/^\d+(\.\d{1,18})?$/.test(t)) return undefined;
  const v = parseUnits(t, 18);
  return v > 0n ? v : undefined;
}

export const formatDate = (unix: number) =>
  new Date(unix * 1000).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** Seconds left as a clock: "0:07", "4:05", "1:02:03"; never negative. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}
