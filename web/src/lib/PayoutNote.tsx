import type { PayoutSchedule } from "./api";
import { formatCountdown, formatDate, formatHxa } from "./format";
import { useNow } from "./useNow";

/** "in 4:05" within the hour, else "around 30 Nov 2026, 14:00". */
const when = (at: number, now: number) =>
  at - now < 3600 ? `in ${formatCountdown(at - now)}` : `around ${formatDate(at)}`;

/**
 * When the operator next sends this account's earnings to its wallet (sponsored payouts: no ETH
 * needed), or what it waits for. Nothing when the indexer runs no payouts.
 */
export function PayoutNote({ payout }: { payout: PayoutSchedule | null | undefined }) {
  const now = useNow();
  if (!payout) return null;
  const threshold = formatHxa(payout.threshold, 4);
  const text =
    payout.at === null
      ? `Paid to your wallet automatically, no ETH needed, once you have ${threshold} to collect.`
      : payout.waitingFor === "round"
        ? `Next payout ${when(payout.at, now)}: sent to your wallet, no ETH needed.`
        : payout.waitingFor === "challenge"
          ? `Next payout ${when(payout.at, now)}, when the challenge period of your settled earnings ends. No ETH needed.`
          : `Next payout ${when(payout.at, now)}, after the next settlement and its challenge period. No ETH needed.`;
  return (
    <p className="small payout-note" data-testid="next-payout">
      {text}
    </p>
  );
}
