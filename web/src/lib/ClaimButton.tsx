import type { PayoutSchedule } from "./api";
import { formatHxa } from "./format";

/**
 * Claims `claimable` HXA with a transaction from the wallet, which holds `eth`. A wallet with no ETH
 * cannot pay that transaction's gas: where the operator runs sponsored payouts the button says the HXA
 * comes with the next payout, instead of sending a transaction the wallet would refuse.
 */
export function ClaimButton(props: {
  claimable: bigint;
  payout: PayoutSchedule | null | undefined;
  eth: bigint | undefined;
  onClaim: () => void;
}) {
  const noGas = props.eth === 0n && !!props.payout;
  const label =
    props.claimable === 0n
      ? "Nothing to claim yet"
      : noGas
        ? `${formatHxa(props.claimable, 4)} comes with the next payout`
        : `Claim ${formatHxa(props.claimable, 4)}`;
  return (
    <button
      type="button"
      className="btn primary"
      onClick={props.onClaim}
      disabled={props.claimable === 0n || noGas}
    >
      {label}
    </button>
  );
}
