// What a budget buys: whole clicks at the chosen price, and the share each party gets of one.

export interface Estimate {
  clicks: bigint;
  /** Left over after the last whole click; withdrawable when the campaign ends. */
  remainder: bigint;
  viewerPerClick: bigint;
}

export function estimate(budget: bigint, cpc: bigint, viewerBps = 6000n): Estimate | undefined {
  if (cpc <= 0n || budget < cpc) return undefined;
  return { clicks: budget / cpc, remainder: budget % cpc, viewerPerClick: (cpc * viewerBps) / 10_000n };
}
