import { useQuery } from "@tanstack/react-query";
import { cellArea, cellToLatLng } from "h3-js";
import { type CSSProperties, useEffect, useRef } from "react";
import { api, type Plot } from "../../lib/api";
import { plotState, STATE_STYLE } from "../../lib/cells";
import { buyPlots } from "../../lib/contracts";
import { formatDate, formatHxa, shortAddress } from "../../lib/format";
import { TxStatus } from "../../lib/TxStatus";
import { useTx } from "../../lib/useTx";
import { useWallet } from "../wallet/useWallet";
import { BuyListed } from "./BuyListed";
import { ListForm } from "./ListForm";
import { MakeOffer } from "./MakeOffer";
import { Neighbours } from "./Neighbours";
import { OfferList } from "./OfferList";
import { SendPlot } from "./SendPlot";
import { usePlotOffers } from "./usePlotOffers";
import { usePrimaryPrice } from "./usePrimaryPrice";
import "./market.css";

const KIND_TEXT = {
  bought: "Bought",
  transfer: "Transferred",
  sale: "Sold",
  listed: "Listed",
  cancelled: "Listing ended",
};

/** Everything about one plot, with the actions that fit the viewer. */
export function PlotPanel({
  cell,
  onClose,
  onSelect,
}: {
  cell: string;
  onClose: () => void;
  onSelect: (c: string) => void;
}) {
  const w = useWallet();
  const price = usePrimaryPrice();
  const tx = useTx();
  const summary = useQuery({ queryKey: ["plot-summary", cell], queryFn: () => api.plotsByCells([cell]) });
  const plot: Plot | undefined = summary.data?.plots[0];
  const detail = useQuery({
    queryKey: ["plot", cell],
    queryFn: () => api.plot(cell),
    enabled: !!plot?.owner,
  });
  const offers = usePlotOffers(cell, !!plot?.owner);
  const [lat, lng] = cellToLatLng(cell);
  const state = plotState(plot, w.address);
  const mine = !!w.address && plot?.owner === w.address;
  const id = BigInt(`0x${cell}`);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  // A transaction started from further down the panel (an offer accepted) shows its progress here.
  const status = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (tx.state.stage === "signing") status.current?.scrollIntoView({ block: "nearest" });
  }, [tx.state.stage]);

  const buy = async () => {
    if (!w.checksummed || price === undefined) return;
    await tx.run("Buy plot", ...(await buyPlots(w.checksummed, [id], price)));
  };
  return (
    <aside className="panel" aria-label={`Plot ${cell}`}>
      <header className="panel-head">
        <div>
          <div className="eyebrow">
            Plot <span className="mono">{cell}</span>
          </div>
          <h2 data-testid="plot-place">{plot ? plot.place.label : "…"}</h2>
        </div>
        <button type="button" className="icon" onClick={onClose} aria-label="Close plot panel">
          ×
        </button>
      </header>
      <div className="state-chip" style={{ "--chip": STATE_STYLE[state].fill } as CSSProperties}>
        {mine ? (plot?.listing ? "Mine, for sale" : "Mine") : STATE_STYLE[state].label}
      </div>
      <dl className="facts">
        <dt>Centre</dt>
        <dd>
          {lat.toFixed(4)}, {lng.toFixed(4)}
        </dd>
        <dt>Area</dt>
        <dd>{cellArea(cell, "km2").toFixed(2)} km²</dd>
        <dt>Owner</dt>
        <dd title={plot?.owner ?? undefined}>{plot?.owner ? shortAddress(plot.owner) : "Nobody yet"}</dd>
        {plot?.boughtPrice && (
          <>
            <dt>Bought for</dt>
            <dd data-testid="bought-for">{formatHxa(plot.boughtPrice)}</dd>
          </>
        )}
        {plot?.listing && (
          <>
            <dt>For sale</dt>
            <dd>
              <strong>{formatHxa(plot.listing.price)}</strong> until {formatDate(plot.listing.expiry)}
            </dd>
          </>
        )}
        <dt>Active ads</dt>
        <dd>{plot?.activeAds ?? 0}</dd>
        {detail.data && (
          <>
            <dt title="The owner share of paid clicks in this plot, whoever owned it then">Paid to owners</dt>
            <dd data-testid="plot-earned">
              {formatHxa(detail.data.earnings.earned)}
              <span className="muted small">
                {" "}
                from {detail.data.earnings.clicks} {detail.data.earnings.clicks === 1 ? "click" : "clicks"}
                {BigInt(detail.data.earnings.pending) > 0n &&
                  `, ${formatHxa(detail.data.earnings.pending)} not settled yet`}
              </span>
            </dd>
          </>
        )}
      </dl>

      <section className="actions">
        {!w.isConnected && <p className="muted">Connect a wallet to buy or trade this plot.</p>}
        {w.isConnected && !plot?.owner && (
          <button type="button" className="btn primary wide" onClick={buy} disabled={price === undefined}>
            Buy for {formatHxa(price)}
          </button>
        )}
        {w.isConnected && plot?.listing && !mine && (
          <BuyListed cell={cell} listing={plot.listing} run={tx.run} />
        )}
        {w.isConnected && plot?.owner && !mine && (
          <MakeOffer
            cell={cell}
            current={offers.data?.offers.find((o) => o.buyer === w.address)}
            run={tx.run}
          />
        )}
        {mine && plot && (
          <>
            <ListForm cell={cell} listing={plot.listing} run={tx.run} />
            <SendPlot
              cell={cell}
              place={plot.place.label}
              listed={!!plot.listing}
              offers={offers.data?.offers.filter((o) => o.acceptable).length ?? 0}
              run={tx.run}
            />
          </>
        )}
        <div ref={status}>
          <TxStatus state={tx.state} />
        </div>
      </section>

      {offers.data && <OfferList cell={cell} data={offers.data} run={tx.run} />}

      {detail.data && detail.data.history.length > 0 && (
        <section>
          <h3>History</h3>
          <ol className="history">
            {detail.data.history.map((h) => (
              <li key={`${h.txHash}-${h.kind}`}>
                <span>{KIND_TEXT[h.kind]}</span>
                {h.price && <span> · {formatHxa(h.price)}</span>}
                {h.to && <span className="muted"> → {shortAddress(h.to)}</span>}
                <div className="muted small">{formatDate(h.timestamp)}</div>
              </li>
            ))}
          </ol>
        </section>
      )}
      <section>
        <h3>Neighbours</h3>
        <Neighbours cell={cell} onSelect={onSelect} />
      </section>
    </aside>
  );
}
