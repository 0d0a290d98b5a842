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

/** A time within the next 24 h as the viewer reads it: "21:02" today, "21:02 tomorrow" otherwise. */
export function when(unix: number, now: number): string {
  const at = new Date(unix * 1000);
  const time = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return at.toDateString() === new Date(now * 1000).toDateString() ? time : `${time} tomorrow`;
}

export function adReward(
  cpc: bigint,
  viewerBps: number | undefined,
  caps: { campaignUntil?: number; dailyUntil?: number },
  now: number,
): string {
  if (caps.dailyUntil)
    return `today's limit of paid clicks reached: clicks pay again from ${when(caps.dailyUntil, now)}`;
  if (caps.campaignUntil)
    return `you were paid for this ad in the last 24 h: it pays you again from ${when(caps.campaignUntil, now)}`;
  if (viewerBps === undefined) return "you earn a share of each click";
  return `you earn ${formatHxa((cpc * BigInt(viewerBps)) / 10_000n, 4)} for a click`;
}
