import { useState } from "react";
import { plotsAbi } from "../../generated";
import type { Offer, PlotOffers } from "../../lib/api";
import { deployment } from "../../lib/config";
import { send } from "../../lib/contracts";
import { formatHxa, shortAddress } from "../../lib/format";
import { Review } from "../../lib/Review";
import { useNow } from "../../lib/useNow";
import type { RunTx } from "../../lib/useTx";
import { useWallet } from "../wallet/useWallet";
import { feePercent } from "./fees";
import { holdsHxa, offerState, offerStateText } from "./offerState";

/**
 * A plot's open offers, highest first: its owner accepts one after reviewing the fee and what it
 * receives; a buyer cancels its own (which also takes back the HXA of a dead one).
 */
export function OfferList({ cell, data, run }: { cell: string; data: PlotOffers; run: RunTx }) {
  const w = useWallet();
  const d = deployment();
  const now = useNow();
  const [accepting, setAccepting] = useState<Offer>();
  const id = BigInt(`0x${cell}`);
  const mine = !!w.address && data.owner === w.address;

  const accept = async (o: Offer) => {
    setAccepting(undefined);
    await run(`Accept offer from ${shortAddress(o.buyer)}`, () =>
      send({
        address: d.Plots,
        abi: plotsAbi,
        functionName: "acceptOffer",
        args: [id, o.buyer as `0x${string}`, BigInt(o.proceeds)],
      }),
    );
  };
  const cancel = (o: Offer) =>
    run(offerState(o, now) === "open" ? "Cancel offer" : "Take back HXA", () =>
      send({ address: d.Plots, abi: plotsAbi, functionName: "cancelOffer", args: [id] }),
    );

  return (
    <section aria-labelledby="offers-title">
      <h3 id="offers-title">Offers</h3>
      {accepting && (
        <Review
          title="Review the sale"
          rows={[
            { label: "Offer", value: formatHxa(accepting.amount, 4) },
            {
              label: `Market fee (${feePercent(data.feeBps)})`,
              value: `− ${formatHxa(accepting.fee, 4)}`,
            },
            { label: "You receive", value: formatHxa(accepting.proceeds, 4), key: true },
            { label: "Buyer", value: <span title={accepting.buyer}>{shortAddress(accepting.buyer)}</span> },
          ]}
          confirm={`Accept ${formatHxa(accepting.amount, 4)}`}
          onConfirm={() => accept(accepting)}
          onBack={() => setAccepting(undefined)}
        >
          <p>
            In one transaction the plot goes to the buyer and the HXA to you; the fee goes to the HexAds
            treasury. Your listing and the other offers made to you end with the sale. Your wallet asks once.
          </p>
        </Review>
      )}
      {data.offers.length === 0 ? (
        <p className="muted small">No open offers yet.</p>
      ) : (
        <ul className="offers">
          {data.offers.map((o) => {
            const state = offerState(o, now);
            const own = o.buyer === w.address;
            return (
              <li key={o.buyer} data-testid="offer">
                <div>
                  <strong>{formatHxa(o.amount, 4)}</strong>
                  <span className="muted small">
                    {" "}
                    from {own ? "you" : <span title={o.buyer}>{shortAddress(o.buyer)}</span>}
                  </span>
                  <div className="muted small">{offerStateText(state, o.expiry)}</div>
                </div>
                {mine && state === "open" && (
                  <button
                    type="button"
                    className="btn primary"
                    aria-label={`Accept ${formatHxa(o.amount, 4)} from ${shortAddress(o.buyer)}`}
                    onClick={() => setAccepting(o)}
                  >
                    Accept
                  </button>
                )}
                {own && holdsHxa(state) && (
                  <button type="button" className="btn" onClick={() => cancel(o)}>
                    {state === "open" ? "Cancel offer" : "Take back HXA"}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
