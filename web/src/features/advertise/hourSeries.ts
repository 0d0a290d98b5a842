// The dashboard's chart data: one point per hour, with the quiet hours in between filled with zeros
// so a single busy hour reads as a bar in a day, not a dot in an auto-scaled void.

export interface HourRow {
  /** Unix seconds at the start of the hour. */
  hour: number;
  impressions: number;
  clicks: number;
}

const HOUR = 3600;

/** Columns [hours, impressions, clicks] from the first active hour (or `minHours` back) to now. */
export function hourSeries(rows: HourRow[], now: number, minHours = 24): [number[], number[], number[]] {
  const end = Math.floor(now / HOUR) * HOUR;
  const first = rows.reduce((m, r) => Math.min(m, r.hour), end);
  const start = Math.min(first, end - (minHours - 1) * HOUR);
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  const last = rows.reduce((m, r) => Math.max(m, r.hour), end);
  const out: [number[], number[], number[]] = [[], [], []];
  for (let h = start; h <= last; h += HOUR) {
    out[0].push(h);
    out[1].push(byHour.get(h)?.impressions ?? 0);
    out[2].push(byHour.get(h)?.clicks ?? 0);
  }
  return out;
}
