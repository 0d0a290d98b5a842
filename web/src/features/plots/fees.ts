// The market fee as the seller sees it: taken from the price, paid to the treasury.

/** The fee and what the seller receives on a sale at `price` under `feeBps`, as Plots computes them. */
export function saleSplit(price: bigint, feeBps: bigint | number) {
  const fee = (price * BigInt(feeBps)) / 10_000n;
  return { fee, proceeds: price - fee };
}

/** "2.5 %" */
export const feePercent = (feeBps: bigint | number) => `${Number(feeBps) / 100} %`;
