import { useReadHexTokenAllowance } from "../../generated";
import { deployment } from "../../lib/config";
import { useWallet } from "../wallet/useWallet";

/** Whether paying `amount` HXA to the plot market needs an approve first; undefined while unknown. */
export function useApprovalNeeded(amount: bigint | undefined): boolean | undefined {
  const w = useWallet();
  const d = deployment();
  const allowance = useReadHexTokenAllowance({
    address: d.HexToken,
    args: w.checksummed ? [w.checksummed, d.Plots] : undefined,
    query: { enabled: !!w.checksummed && amount !== undefined },
  }).data;
  return amount === undefined || allowance === undefined ? undefined : allowance < amount;
}

/** The sentence that tells how many times the wallet will ask. */
export const signaturesText = (approve: boolean, what: string) =>
  approve
    ? `Your wallet asks twice: first to let the plot market take the HXA (approve), then to ${what}.`
    : `Your wallet asks once, to ${what}.`;
