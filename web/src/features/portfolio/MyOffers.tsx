import { useQuery } from "@tanstack/react-query";
import { cellToLatLng } from "h3-js";
import { Link } from "wouter";
import { plotsAbi } from "../../generated";
import { api, type Offer } from "../../lib/api";
import { deployment } from "../../lib/config";
import { send } from "../../lib/contracts";
import { formatHxa, shortAddress } from "../../lib/format";
import { PlaceName } from "../../lib/PlaceName";
import { TxStatus } from "../../lib/TxStatus";
import { useNow } from "../../lib/useNow";
import { useTx } from "../../lib/useTx";
import { holdsHxa, offerState, offerStateText } from "../plots/offerState";
import "./offers.css";

const plotLink = (cell: string) => {
  const [lat, lng] = cellToLatLng(cell);
  return `/?at=${lat.toFixed(4)},${lng.toFixed(4)},13&cell=${cell}`;
};

function PlotCell({ cell }: { cell: string }) {
  return (
    <td>
      <Link href={plotLink(cell)}>
        <PlaceName cell={cell} />
        <div className="mono small">{cell}</div>
      </Link>
    </td>
  );
}

/** The offers I made (any state, with my HXA still held or not) and the open offers on my plots. */
export function MyOffers({ address }: { address: string }) {
  const d = deployment();
  const now = useNow();
  const tx = useTx();
  const offers = useQuery({
    queryKey: ["account-offers", address],
    queryFn: () => api.accountOffers(address),
  });
  const made = offers.data?.made ?? [];
  const received = offers.data?.received ?? [];
  const takeBack = (o: Offer) =>
    tx.run(offerState(o, now) === "open" ? "Cancel offer" : "Take back HXA", () =>
      send({ address: d.Plots, abi: plotsAbi, functionName: "cancelOffer", args: [BigInt(`0x${o.cell}`)] }),
    );

  return (
    <section className="my-offers" aria-labelledby="my-offers">
      <h2 id="my-offers">Offers</h2>
      <h3 id="offers-received">On your plots</h3>
      {received.length === 0 ? (
        <p className="muted">Nobody has an open offer on your plots.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-labelledby="offers-received">
            <thead>
              <tr>
                <th>Plot</th>
                <th>Offer</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody>
              {received.map((o) => {
                const state = offerState(o, now);
                return (
                  <tr key={`${o.cell}-${o.buyer}`}>
                    <PlotCell cell={o.cell} />
                    <td>
                      <strong>{formatHxa(o.amount, 4)}</strong>
                      <div className="small">You receive {formatHxa(o.proceeds, 4)}</div>
                      <div className="muted small">{offerStateText(state, o.expiry)}</div>
                    </td>
                    <td title={o.buyer}>{shortAddress(o.buyer)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h3 id="offers-made">Made by you</h3>
      {made.length === 0 ? (
        <p className="muted">
          You have made no offers. Open any owned plot on the map and choose <q>Make an offer</q>.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-labelledby="offers-made">
            <thead>
              <tr>
                <th>Plot</th>
                <th>Offer</th>
                <th>Your HXA</th>
              </tr>
            </thead>
            <tbody>
              {made.map((o) => {
                const state = offerState(o, now);
                return (
                  <tr key={`${o.cell}-${o.buyer}`}>
                    <PlotCell cell={o.cell} />
                    <td>
                      <strong>{formatHxa(o.amount, 4)}</strong>
                      <div className="muted small" data-testid="made-offer-state">
                        {offerStateText(state, o.expiry)}
                      </div>
                    </td>
                    <td>
                      {holdsHxa(state) ? (
                        <button type="button" className="btn" onClick={() => takeBack(o)}>
                          {state === "open" ? "Cancel offer" : "Take back HXA"}
                        </button>
                      ) : state === "accepted" ? (
                        "Paid"
                      ) : (
                        "Returned"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <TxStatus state={tx.state} />
    </section>
  );
}
