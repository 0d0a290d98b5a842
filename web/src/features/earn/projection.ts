// Projected earnings at the current pace: what the viewer's paid clicks of the last 24 hours would
// make over a day, a week and a month if the pace held.

const DAY = 86_400;

export interface Projection {
  /** Earned in the last 24 hours (wei): the pace. */
  perDay: bigint;
  perWeek: bigint;
  perMonth: bigint;
  /** The click list held only part of the day (it was full): the pace is at least this. */
  atLeast: boolean;
}

/**
 * The pace from `clicks` (newest first, at most `limit` of them): undefined without a paid click in
 * the last 24 hours.
 */
export function projectEarnings(
  clicks: readonly { status: string; earned?: string | null; at: number }[],
  now: number,
  limit: number,
): Projection | undefined {
  const recent = clicks.filter((c) => c.at > now - DAY);
  const paid = recent.filter((c) => c.status === "accepted");
  if (paid.length === 0) return undefined;
  const perDay = paid.reduce((sum, c) => sum + BigInt(c.earned ?? 0), 0n);
  return {
    perDay,
    perWeek: perDay * 7n,
    perMonth: perDay * 30n,
    atLeast: clicks.length >= limit && recent.length === clicks.length,
  };
}
