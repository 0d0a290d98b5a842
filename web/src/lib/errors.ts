// Turns a failed wallet or contract call into one sentence a person can act on.
import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from "viem";

const MESSAGES: Record<string, string> = {
  InvalidCell: "That is not a valid plot. Pick a hexagon on the map.",
  PlotAlreadyOwned: "Someone already owns this plot. If it is listed, you can buy it from them.",
  NotPlotOwner: "Only the plot's owner can do that.",
  InvalidBatchLength: "A batch holds 1 to 100 plots. Remove some plots from the basket.",
  NotListed: "This plot is no longer for sale.",
  ListingExpired: "This listing has expired. Ask the owner to list it again.",
  PriceAboveMax: "The price went up since you looked. Review the new price and try again.",
  InvalidPrice: "Enter a price above zero.",
  InvalidExpiry: "Pick an expiry date in the future.",
  CannotBuyOwnListing: "You cannot buy your own listing. Cancel it instead.",
  ERC20InsufficientBalance: "You do not have enough HXA. Get HXA from the faucet or claim your earnings.",
  ERC20InsufficientAllowance: "HXA spending was not approved. Approve and try again.",
  CampaignBudgetExceeded: "This campaign has spent its budget. Top it up or end it.",
  CpcTooLow: "The price per click is below the minimum. Raise it.",
  BudgetTooLow: "The budget must pay for at least one click.",
  InvalidWindow: "The campaign must end after it starts, and in the future.",
  InvalidTargetCount: "Choose between 1 and 256 areas.",
  InvalidTarget: "One of the areas is not a valid map cell.",
  CampaignEnded: "This campaign has ended.",
  WithdrawTooEarly:
    "Unspent budget can be withdrawn after the campaign ends and the next settlement is posted.",
  NothingToClaim: "Nothing new to claim yet. Earnings become claimable after the next settlement.",
  InvalidProof: "The claim proof does not match the latest settlement. Refresh and try again.",
  DripTooSoon: "The faucet gives HXA once an hour per wallet.",
};

/** The custom error's name and a sentence; unknown errors keep their name and arguments, never raw hex. */
export function describeError(err: unknown): { name: string; message: string } {
  if (err instanceof BaseError) {
    if (err.walk((e) => e instanceof UserRejectedRequestError)) {
      return { name: "UserRejected", message: "You declined the request in your wallet." };
    }
    const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName ?? "ContractReverted";
      const args = reverted.data?.args?.map(String).join(", ");
      return { name, message: MESSAGES[name] ?? `${name}${args ? `(${args})` : ""}` };
    }
    return { name: err.name, message: err.shortMessage };
  }
  return { name: "Error", message: err instanceof Error ? err.message : String(err) };
}
