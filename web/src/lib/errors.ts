// Turns a failed wallet or contract call into one sentence a person can act on.
import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from "viem";
import type { adMarketAbi, faucetAbi, hexTokenAbi, plotsAbi } from "../generated";

type Abis = typeof adMarketAbi | typeof faucetAbi | typeof hexTokenAbi | typeof plotsAbi;
/** Every custom error the contracts can revert with, from the generated ABIs. */
export type ContractErrorName = Extract<Abis[number], { type: "error" }>["name"];

/** Operator-only calls (settler, guardian, admin); a person using the app never makes them. */
const OPERATOR = "Only the protocol's operators can do that.";
const INTERNAL = "The contract refused the values it was given. Reload the page and try again.";

// A contract error without a sentence here fails typecheck: the Record is keyed by every ABI error.
const MESSAGES: Record<ContractErrorName, string> = {
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
  OwnPlotOffer: "You own this plot, so you cannot make an offer on it.",
  NoOffer: "There is no open offer from that account on this plot any more. Refresh to see the offers.",
  OfferExpired: "This offer has expired. The buyer can make a new one.",
  OfferNotToOwner: "This offer was made to the plot's previous owner. The buyer can make you a new one.",
  ProceedsBelowMin:
    "The offer was lowered or the market fee changed since you looked. Review what you would receive and try again.",
  OfferStillLive: "This offer is still open: only its buyer can take it back before it expires.",
  ReentrancyGuardReentrantCall: INTERNAL,
  ERC20InsufficientBalance:
    "You do not have enough HXA for this. Claim your earnings on the Earn page, or receive HXA from another wallet.",
  ERC20InsufficientAllowance: "HXA spending was not approved. Approve and try again.",
  CampaignBudgetExceeded: "This campaign has spent its budget. Top it up or end it.",
  CpcTooLow: "The price per click is below the minimum. Raise it.",
  BudgetTooLow: "The budget must pay for at least one click.",
  InvalidWindow: "The campaign must end after it starts, and in the future.",
  InvalidTargetCount: "Choose between 1 and 256 areas.",
  InvalidTarget: "One of the areas is not a valid map cell.",
  CampaignEnded: "This campaign has ended.",
  InvalidDelivery:
    "This schedule would never show the ad: pick at least one day and one hour, and a daily budget of at least one click.",
  EmptyCreative: "The ad needs a creative: fill in its title and landing page.",
  WithdrawTooEarly:
    "Unspent budget can be withdrawn after the campaign ends and a settlement covering its end has passed its challenge period.",
  SpendNotActive:
    "A settlement of this campaign is still in its challenge period. Withdraw once it is claimable.",
  NothingToClaim: "Nothing new to claim yet. Earnings become claimable after the next settlement.",
  InvalidProof: "The claim proof does not match the latest settlement. Refresh and try again.",
  DripTooSoon: "The faucet gives HXA once an hour per wallet.",
  AlreadyWithdrawn: "This campaign's unspent budget was already withdrawn.",
  EndNotLater: "The new end date must be later than the current one.",
  PausedStateUnchanged: "The campaign is already in that state. Refresh to see it.",
  NotAdvertiser: "Only the advertiser who created this campaign can do that.",
  UnknownCampaign: "This campaign does not exist.",
  FaucetEmpty: "The faucet is empty for now. Try again later or ask for HXA.",
  ERC2612ExpiredSignature: "The signature expired before the transaction was sent. Try again.",
  ERC2612InvalidSigner: "The permit was signed by another account. Try again from this wallet.",
  ERC721IncorrectOwner: "This plot belongs to someone else now. Refresh the map.",
  ERC721InsufficientApproval: "This plot's owner has not approved that transfer.",
  ERC721NonexistentToken: "Nobody has bought this plot yet.",
  ERC721InvalidReceiver: "That address cannot receive plots.",
  ERC20InvalidReceiver: "That address cannot receive HXA.",
  ZeroAddress: "An address is missing. Enter a valid 0x address.",
  AccessControlUnauthorizedAccount: OPERATOR,
  AccessControlBadConfirmation: OPERATOR,
  ChallengePeriodActive: OPERATOR,
  ChallengePeriodTooLong: OPERATOR,
  ClaimsExceedSettled: OPERATOR,
  FeeTooHigh: OPERATOR,
  InvalidCutoff: OPERATOR,
  InvalidSplit: OPERATOR,
  NoPendingEpoch: OPERATOR,
  SpendDecreased: OPERATOR,
  TotalMismatch: OPERATOR,
  UnexpectedEpoch: OPERATOR,
  ZeroRoot: OPERATOR,
  AccessControlEnforcedDefaultAdminDelay: OPERATOR,
  AccessControlEnforcedDefaultAdminRules: OPERATOR,
  AccessControlInvalidDefaultAdmin: OPERATOR,
  ChallengePeriodNotDue: OPERATOR,
  ChallengePeriodTooShort: OPERATOR,
  NotUndoing: OPERATOR,
  RoleGrantNotReady: OPERATOR,
  RoleNotDelayed: OPERATOR,
  RoleRevokeNotReady: OPERATOR,
  CampaignClosed: OPERATOR,
  TooManyPending: OPERATOR,
  UndoMismatch: OPERATOR,
  UndoPending: OPERATOR,
  LengthMismatch: INTERNAL,
  ECDSAInvalidSignature: INTERNAL,
  ECDSAInvalidSignatureLength: INTERNAL,
  ECDSAInvalidSignatureS: INTERNAL,
  ERC20InvalidApprover: INTERNAL,
  ERC20InvalidSender: INTERNAL,
  ERC20InvalidSpender: INTERNAL,
  ERC2981InvalidDefaultRoyalty: INTERNAL,
  ERC2981InvalidDefaultRoyaltyReceiver: INTERNAL,
  ERC2981InvalidTokenRoyalty: INTERNAL,
  ERC2981InvalidTokenRoyaltyReceiver: INTERNAL,
  ERC721InvalidApprover: INTERNAL,
  ERC721InvalidOperator: INTERNAL,
  ERC721InvalidOwner: INTERNAL,
  ERC721InvalidSender: INTERNAL,
  InvalidAccountNonce: "The wallet's signature nonce is out of date. Try again.",
  InvalidShortString: INTERNAL,
  SafeCastOverflowedUintDowncast: INTERNAL,
  SafeERC20FailedOperation: INTERNAL,
  StringTooLong: INTERNAL,
  StringsInsufficientHexLength: INTERNAL,
};

const isContractError = (name: string): name is ContractErrorName => Object.hasOwn(MESSAGES, name);

/** The custom error's name and a sentence; an error no ABI declares keeps its name and arguments, never raw hex. */
export function describeError(err: unknown): { name: string; message: string } {
  // wagmi's own error when "Browser wallet" is chosen but no extension injected a provider.
  if (err instanceof Error && err.name === "ProviderNotFoundError") {
    return {
      name: err.name,
      message:
        "No browser wallet was found. Install a wallet extension (such as MetaMask or Rabby) and reload this page.",
    };
  }
  if (err instanceof BaseError) {
    if (err.walk((e) => e instanceof UserRejectedRequestError)) {
      return { name: "UserRejected", message: "You declined the request in your wallet." };
    }
    const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName ?? "ContractReverted";
      const args = reverted.data?.args?.map(String).join(", ");
      return { name, message: isContractError(name) ? MESSAGES[name] : `${name}${args ? `(${args})` : ""}` };
    }
    return { name: err.name, message: err.shortMessage };
  }
  return { name: "Error", message: err instanceof Error ? err.message : String(err) };
}
