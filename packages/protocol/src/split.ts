/** The click split in basis points, as set on-chain by `AdMarket.setSplit` (sums to 10,000). */
export interface SplitBps {
  viewerBps: number;
  ownerBps: number;
  protocolBps: number;
}

/** The split from `AdMarket.split()`'s return tuple (viewerBps, ownerBps, protocolBps). */
export const splitFromContract = ([viewerBps, ownerBps, protocolBps]: readonly [number, number, number]) => ({
  viewerBps,
  ownerBps,
  protocolBps,
});

/**
 * Splits one click's `cpc` into the viewer, plot owner and protocol shares. Viewer and owner are
 * rounded down; the protocol takes the rest, so the three always sum to exactly `cpc`.
 */
export function splitClick(
  cpc: bigint,
  split: SplitBps,
): { viewer: bigint; owner: bigint; protocol: bigint } {
  if (cpc < 0n) throw new RangeError("cpc must not be negative");
  if (split.viewerBps + split.ownerBps + split.protocolBps !== 10_000) {
    throw new RangeError("split must sum to 10,000 bps");
  }
  const viewer = (cpc * BigInt(split.viewerBps)) / 10_000n;
  const owner = (cpc * BigInt(split.ownerBps)) / 10_000n;
  return { viewer, owner, protocol: cpc - viewer - owner };
}
