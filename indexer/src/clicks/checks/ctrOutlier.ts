export interface CtrLimit {
  /** A group is judged once it holds this many paid clicks. */
  minClicks: number;
  /** Its click-through rate must be at least this many times its peers'. */
  ratio: number;
  /** And its paid clicks this many standard deviations above what its peers' rate predicts. */
  sigmas: number;
  /** Impressions and clicks of the last this many seconds are compared. */
  seconds: number;
}

/**
 * People click a few ads in a hundred wherever they are; a farm parked in one cell, or let loose
 * for one hour, clicks nearly every ad it is shown. Five clicks well above the peers' rate are
 * needed, so a handful of honest clicks in a quiet cell never count.
 */
export const DEFAULT_CTR_LIMIT: CtrLimit = { minClicks: 5, ratio: 5, sigmas: 4, seconds: 86_400 };

/** One cell or one hour of a campaign: the impressions served in it and how many were paid for. */
export interface CtrGroup<K> {
  key: K;
  shown: number;
  clicked: number;
}

/**
 * The groups of one campaign whose click-through rate is far above their peers' (the campaign's
 * other groups pooled, outliers already found left out, so two farm cells do not hide each other):
 * at least `ratio` times it, and `sigmas` standard deviations above the binomial count it
 * predicts for the group's impressions. The peers' rate is smoothed (one click and one miss
 * added), so a campaign whose other cells have no clicks yet still has a rate.
 */
export function ctrOutliers<K>(groups: readonly CtrGroup<K>[], limit: CtrLimit = DEFAULT_CTR_LIMIT): K[] {
  const flagged = new Set<CtrGroup<K>>();
  for (;;) {
    const normal = groups.filter((g) => !flagged.has(g));
    const shown = normal.reduce((n, g) => n + g.shown, 0);
    const clicked = normal.reduce((n, g) => n + g.clicked, 0);
    const found = normal.filter((g) =>
      isOutlier(g, (clicked - g.clicked + 1) / (shown - g.shown + 2), limit),
    );
    if (!found.length) return groups.filter((g) => flagged.has(g)).map((g) => g.key);
    for (const g of found) flagged.add(g);
  }
}

/** `g` is far above `peer`, the click-through rate of its peers. */
export function isOutlier(g: { shown: number; clicked: number }, peer: number, limit: CtrLimit): boolean {
  if (g.clicked < limit.minClicks || g.shown === 0) return false;
  const expected = g.shown * peer;
  const sd = Math.sqrt(expected * (1 - peer));
  return g.clicked / g.shown >= limit.ratio * peer && g.clicked - expected >= limit.sigmas * sd;
}
