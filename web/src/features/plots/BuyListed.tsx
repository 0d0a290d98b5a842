import { useState } from "react";
import { plotsAbi, useReadPlotsListingOf } from "../../generated";
import type { Listing } from "../../lib/api";
import { deployment } from "../../lib/config";
import { approveIfNeeded, send } from "../../lib/contracts";
import { formatDate, formatHxa, shortAddress } from "../../lib/format";
import { Review } from "../../lib/Review";
import type { RunTx } from "../../lib/useTx";
import { useWallet } from "../wallet/useWallet";
import { feePercent, saleSplit } from "./fees";
import { signaturesText, useApprovalNeeded } from "./useApprovalNeeded";

/** Buying a listed plot: price, the fee inside it and the total, reviewed before the wallet opens. */
export function BuyListed({ cell, listing, run }: { cell: string; listing: Listing; run: RunTx }) {
  const w = useWallet();
  const d = deployment();
  const id = BigInt(`0x${cell}`);
  const price = BigInt(listing.price);
  const [reviewing, setReviewing] = useState(false);
  // The fee a listing pays is fixed when it is made: read it from the listing itself.
  const onChain = useReadPlotsListingOf({ address: d.Plots, args: [id], query: { enabled: reviewing } }).data;
  const approve = useApprovalNeeded(reviewing ? price : undefined);

  const buy = async () => {
    setReviewing(false);
    if (!w.checksummed) return;
    const approvals = await approveIfNeeded(w.checksummed, d.Plots, price);
    await run("Buy listed plot", ...approvals, () =>
      send({ address: d.Plots, abi: plotsAbi, functionName: "buyListed", args: [id, price] }),
    );
  };

  if (!reviewing)
    return (
      <button type="button" className="btn primary wide" onClick={() => setReviewing(true)}>
        Buy from owner for {formatHxa(price)}
      </button>
    );
  const split = onChain ? saleSplit(price, onChain.feeBps) : undefined;
  return (
    <Review
      title="Review your purchase"
      rows={[
        { label: "Price", value: formatHxa(price, 4) },
        {
          label: onChain ? `Market fee (${feePercent(onChain.feeBps)})` : "Market fee",
          value: split ? `${formatHxa(split.fee, 4)}, included` : "…",
        },
        { label: "Seller receives", value: split ? formatHxa(split.proceeds, 4) : "…" },
        { label: "You pay in total", value: formatHxa(price, 4), key: true },
      ]}
      confirm={`Pay ${formatHxa(price, 4)}`}
      onConfirm={buy}
      onBack={() => setReviewing(false)}
    >
      <p>
        The plot comes from {shortAddress(listing.seller)} to you in the same transaction. The fee is taken
        from the price: you pay nothing on top. Listed until {formatDate(listing.expiry)}.
      </p>
      {approve !== undefined && <p>{signaturesText(approve, "buy")}</p>}
    </Review>
  );
}
