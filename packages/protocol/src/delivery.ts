/**
 * A campaign's delivery (`AdMarket.setDelivery`, event `CampaignDeliveryUpdated`): a daily budget
 * and a weekly schedule, all in UTC. The indexer's click path refuses clicks outside them; the web
 * app sets and shows them.
 */
export interface Delivery {
  /** Most spent per UTC day, wei (0n: no daily limit). */
  dailyBudget: bigint;
  /** Weekdays the ad runs: bit d = day d as `Date.getUTCDay` counts (0 = Sunday). */
  daysMask: number;
  /** Hours the ad runs: bit h = UTC hour h (0-23). */
  hoursMask: number;
}

export const ALL_DAYS = 0x7f;
export const ALL_HOURS = 0xffffff;
/** A campaign that never set its delivery: every day, every hour, no daily limit. */
export const ALWAYS: Delivery = { dailyBudget: 0n, daysMask: ALL_DAYS, hoursMask: ALL_HOURS };
export const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/** Whether the schedule runs at `unixSeconds`. */
export function inSchedule(d: Pick<Delivery, "daysMask" | "hoursMask">, unixSeconds: number): boolean {
  const at = new Date(unixSeconds * 1000);
  return ((d.daysMask >> at.getUTCDay()) & 1) === 1 && ((d.hoursMask >> at.getUTCHours()) & 1) === 1;
}

/** Start of the UTC day of `unixSeconds`: the daily budget's day. */
export function utcDayStart(unixSeconds: number): number {
  return unixSeconds - (((unixSeconds % 86_400) + 86_400) % 86_400);
}

/** The schedule in words, e.g. "Mon–Fri, 09:00–17:00 UTC" or "every day, all hours UTC". */
export function describeSchedule(d: Pick<Delivery, "daysMask" | "hoursMask">): string {
  const day = (i: number) => DAY_NAMES[i] ?? "";
  const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
  const days =
    d.daysMask === ALL_DAYS
      ? "every day"
      : runs(d.daysMask, 7, (a, b) => (a === b ? day(a) : `${day(a)}–${day(b)}`));
  const hours =
    d.hoursMask === ALL_HOURS ? "all hours" : runs(d.hoursMask, 24, (a, b) => `${hh(a)}–${hh(b + 1)}`);
  return `${days}, ${hours} UTC`;
}

/** The runs of set bits of `mask` (width `n`), each named by `name(first, last)`, comma-separated. */
function runs(mask: number, n: number, name: (first: number, last: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    if (!((mask >> i) & 1)) continue;
    let j = i;
    while (j + 1 < n && (mask >> (j + 1)) & 1) j++;
    parts.push(name(i, j));
    i = j;
  }
  return parts.join(", ");
}
