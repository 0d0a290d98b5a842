// What an ad promises the viewer: their true share of its cpc (from the on-chain split), or that a
// frequency cap means a click would not be paid now.
import { formatHxa } from "../../lib/format";

const DAY = 86_400;

export interface RecentCredit {
  campaignId: string;
  role: string;
  at: number;
}

/** Per campaign, until when a viewer already paid for it in the last 24 h is capped (unix seconds). */
export function cappedUntil(credits: RecentCredit[], now: number): Map<string, number> {
  const until = new Map<string, number>();
  for (const c of credits) {
    if (c.role !== "viewer" || c.at + DAY <= now) continue;
    until.set(c.campaignId, Math.max(until.get(c.campaignId) ?? 0, c.at + DAY));
  }
  return until;
}

const time = (unix: number) =>
  new Date(unix * 1000).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

export function adReward(
  cpc: bigint,
  viewerBps: number | undefined,
  caps: { campaignUntil?: number; dailyUntil?: number },
): string {
  if (caps.dailyUntil)
    return `today's limit of paid clicks reached: clicks pay again from ${time(caps.dailyUntil)}`;
  if (caps.campaignUntil)
    return `you were paid for this ad today: it pays you again from ${time(caps.campaignUntil)}`;
  if (viewerBps === undefined) return "you earn a share of each click";
  return `you earn ${formatHxa((cpc * BigInt(viewerBps)) / 10_000n, 4)} for a click`;
}
