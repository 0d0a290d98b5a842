import { useState } from "react";
import { plotsAbi, useReadHexTokenTotalSupply, useReadPlotsMarketFeeBps } from "../../generated";
import { checkAmount, supplyBound } from "../../lib/amount";
import type { Listing } from "../../lib/api";
import { deployment } from "../../lib/config";
import { send } from "../../lib/contracts";
import { formatDate, formatHxa } from "../../lib/format";
import { Review } from "../../lib/Review";
import type { RunTx } from "../../lib/useTx";
import { DaysSelect, daysFromNow } from "./DaysSelect";
import { feePercent, saleSplit } from "./fees";

/** The owner's listing: price and duration, what the seller receives after the fee, a review, then list. */
export function ListForm({ cell, listing, run }: { cell: string; listing: Listing | null; run: RunTx }) {
  const d = deployment();
  const [listPrice, setListPrice] = useState("");
  const [days, setDays] = useState("7");
  const [expiry, setExpiry] = useState<number>();
  const supply = useReadHexTokenTotalSupply({ address: d.HexToken }).data;
  const feeBps = useReadPlotsMarketFeeBps({ address: d.Plots }).data;
  const priceCheck = checkAmount(listPrice, supply === undefined ? {} : { max: supplyBound(supply) });
  const price = priceCheck.value;
  const split = price !== undefined && feeBps !== undefined ? saleSplit(price, feeBps) : undefined;
  const action = listing ? "Change price" : "List for sale";

  const list = async () => {
    if (!price || expiry === undefined) return;
    setExpiry(undefined);
    await run(action, () =>
      send({
        address: d.Plots,
        abi: plotsAbi,
        functionName: "list",
        args: [BigInt(`0x${cell}`), price, BigInt(expiry)],
      }),
    );
  };
  const cancel = () =>
    run("Cancel listing", () =>
      send({ address: d.Plots, abi: plotsAbi, functionName: "cancel", args: [BigInt(`0x${cell}`)] }),
    );

  if (expiry !== undefined && price !== undefined && split && feeBps !== undefined)
    return (
      <Review
        title={listing ? "Review the new price" : "Review your listing"}
        rows={[
          { label: "Price", value: formatHxa(price, 4) },
          { label: `Market fee (${feePercent(feeBps)})`, value: `− ${formatHxa(split.fee, 4)}` },
          { label: "You receive", value: formatHxa(split.proceeds, 4), key: true },
          { label: "For sale until", value: formatDate(expiry) },
        ]}
        confirm={`${listing ? "Change price to" : "List for"} ${formatHxa(price, 4)}`}
        onConfirm={list}
        onBack={() => setExpiry(undefined)}
      >
        <p>
          Anyone can buy it at this price until then; the fee goes to the HexAds treasury. Selling, sending
          the plot or cancelling ends the listing. Your wallet asks once.
        </p>
      </Review>
    );
  return (
    <form
      className="list-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (price) setExpiry(daysFromNow(days));
      }}
    >
      <label>
        Price (HXA)
        <input
          inputMode="decimal"
          value={listPrice}
          onChange={(e) => setListPrice(e.target.value)}
          placeholder="e.g. 25"
          aria-invalid={listPrice !== "" && !!priceCheck.problem}
          aria-describedby="list-price-note"
        />
      </label>
      <DaysSelect label="For" days={days} onChange={setDays} />
      <p id="list-price-note" className="list-note" data-testid="list-price-note" aria-live="polite">
        {listPrice !== "" && priceCheck.problem ? (
          <span className="field-error">{priceCheck.problem}</span>
        ) : split && price !== undefined && feeBps !== undefined ? (
          `You receive ${formatHxa(split.proceeds, 4)} when it sells: the market keeps a ${feePercent(
            feeBps,
          )} fee (${formatHxa(split.fee, 4)}).`
        ) : feeBps !== undefined ? (
          `The market keeps a ${feePercent(feeBps)} fee from the sale price.`
        ) : null}
      </p>
      <button type="submit" className="btn primary" disabled={!price || feeBps === undefined}>
        {action}
      </button>
      {listing && (
        <button type="button" className="btn" onClick={cancel}>
          Cancel listing
        </button>
      )}
    </form>
  );
}
