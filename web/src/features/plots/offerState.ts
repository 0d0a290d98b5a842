// What an offer from the indexer means to the people on either side of it, right now.
import type { Offer } from "../../lib/api";
import { formatDate } from "../../lib/format";

export type OfferState = "open" | "expired" | "ownerChanged" | "cancelled" | "withdrawn" | "accepted";

/**
 * The offer's state at `now` (unix seconds). An open offer that can no longer be accepted still
 * escrows its HXA: it expired, or the plot left the owner it was made to (its buyer takes it back).
 */
export function offerState(offer: Pick<Offer, "status" | "expiry" | "acceptable">, now: number): OfferState {
  if (offer.status !== "open") return offer.status;
  if (now > offer.expiry) return "expired";
  return offer.acceptable ? "open" : "ownerChanged";
}

export const OFFER_STATE_TEXT: Record<OfferState, string> = {
  open: "Open",
  expired: "Expired, HXA still held",
  ownerChanged: "Plot changed hands, HXA still held",
  cancelled: "Cancelled, HXA returned",
  withdrawn: "Ended, HXA returned",
  accepted: "Accepted",
};

/** Open offers keep the buyer's HXA in escrow until the buyer takes it back (cancelOffer). */
export const holdsHxa = (s: OfferState) => s === "open" || s === "expired" || s === "ownerChanged";

/** The state in words, with its end date while it is open. */
export const offerStateText = (state: OfferState, expiry: number) =>
  state === "open" ? `Open until ${formatDate(expiry)}` : OFFER_STATE_TEXT[state];
