import type { PayoutSchedule } from "../api/schemas/accounts.js";

/** The first payout round at or after `t`: rounds run at whole multiples of the interval (unix time). */
export const roundAtOrAfter = (t: number, intervalSeconds: number) =>
  Math.ceil(t / intervalSeconds) * intervalSeconds;

export interface PayoutInput {
  now: number;
  threshold: bigint;
  intervalSeconds: number;
  /** Claimable now against the active root. */
  claimable: bigint;
  /** Unclaimed amount in the pending (posted, challengeable) epoch, and when that epoch activates. */
  waiting: { amount: bigint; activatesAt: number } | null;
  /** Unclaimed earnings of every kind: claimable + in a pending epoch + credited but not settled. */
  unclaimed: bigint;
  /** When the next settlement round is expected to post an epoch. */
  nextSettlementAt: number;
  challengePeriod: number;
}

/**
 * When the operator's sponsored payout will next pay this account, and what it waits for: the next
 * round (claimable amount over the threshold), a challenge period to end, an epoch to be posted, or
 * more earnings (under the threshold: `at` is null).
 */
export function nextPayout(p: PayoutInput): PayoutSchedule {
  const threshold = p.threshold.toString();
  const round = (t: number) => roundAtOrAfter(Math.max(t, p.now), p.intervalSeconds);
  if (p.claimable > 0n && p.claimable >= p.threshold) {
    return { threshold, waitingFor: "round", at: round(p.now) };
  }
  if (p.waiting && p.waiting.amount > 0n && p.waiting.amount >= p.threshold) {
    return { threshold, waitingFor: "challenge", at: round(p.waiting.activatesAt) };
  }
  if (p.unclaimed > 0n && p.unclaimed >= p.threshold) {
    return { threshold, waitingFor: "settlement", at: round(p.nextSettlementAt + p.challengePeriod) };
  }
  return { threshold, waitingFor: "threshold", at: null };
}
