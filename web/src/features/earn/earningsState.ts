// Where a viewer's (or plot owner's) HXA stands: credited but not yet settled, settled in an epoch,
// claimable now, and already claimed. All amounts in wei.
import type { EarningsResponse } from "../../lib/api";

export type { EarningsResponse };

export interface Earnings {
  pending: bigint;
  /** Settled in a posted epoch but not claimable yet (its root is still in the challenge period). */
  settling: bigint;
  claimable: bigint;
  claimed: bigint;
  /** Everything ever earned. */
  total: bigint;
  step: "nothing" | "pending" | "claimable" | "claimed";
}

export function earningsState(r: EarningsResponse): Earnings {
  const pending = BigInt(r.pending);
  const settled = BigInt(r.settled);
  const claimed = BigInt(r.claimed);
  const claimable = BigInt(r.claimable);
  const settling = settled - claimed - claimable > 0n ? settled - claimed - claimable : 0n;
  const total = pending + (settled > claimed ? settled : claimed);
  const step =
    claimable > 0n
      ? "claimable"
      : pending > 0n || settling > 0n
        ? "pending"
        : claimed > 0n
          ? "claimed"
          : "nothing";
  return { pending, settling, claimable, claimed, total, step };
}
