import { useQuery } from "@tanstack/react-query";
import { cellArea, cellToLatLng, gridDisk } from "h3-js";
import { type CSSProperties, useEffect, useState } from "react";
import { plotsAbi, useReadHexTokenTotalSupply, useReadPlotsMarketFeeBps } from "../../generated";
import { checkAmount, supplyBound } from "../../lib/amount";
import { api, type Plot } from "../../lib/api";
import { plotState, STATE_STYLE } from "../../lib/cells";
import { deployment } from "../../lib/config";
import { approveIfNeeded, buyPlots, send } from "../../lib/contracts";
import { formatDate, formatHxa, shortAddress } from "../../lib/format";
import { TxStatus } from "../../lib/TxStatus";
import { useTx } from "../../lib/useTx";
import { useWallet } from "../wallet/useWallet";
import { usePrimaryPrice } from "./usePrimaryPrice";

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
  const [listPrice, setListPrice] = useState("");
  const [days, setDays] = useState("7");
  const summary = useQuery({ queryKey: ["plot-summary", cell], queryFn: () => api.plotsByCells([cell]) });
  const plot: Plot | undefined = summary.data?.plots[0];
  const detail = useQuery({
    queryKey: ["plot", cell],
    queryFn: () => api.plot(cell),
    enabled: !!plot?.owner,
  });
  const [lat, lng] = cellToLatLng(cell);
  const state = plotState(plot, w.address);
  const mine = !!w.address && plot?.owner === w.address;
  const d = deployment();
  const id = BigInt(`0x${cell}`);
  const supply = useReadHexTokenTotalSupply({ address: d.HexToken }).data;
  const feeBps = useReadPlotsMarketFeeBps({ address: d.Plots }).data;
  const priceCheck = checkAmount(listPrice, supply === undefined ? {} : { max: supplyBound(supply) });
  const parsedListPrice = priceCheck.value;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  const fee =
    parsedListPrice !== undefined && feeBps !== undefined ? (parsedListPrice * feeBps) / 10_000n : undefined;

  const buy = async () => {
    if (!w.checksummed || price === undefined) return;
    await tx.run("Buy plot", ...(await buyPlots(w.checksummed, [id], price)));
  };
  const list = async () => {
    if (!parsedListPrice) return;
    const expiry = BigInt(Math.floor(Date.now() / 1000) + Number(days) * 86400);
    await tx.run(plot?.listing ? "Change price" : "List for sale", () =>
      send({ address: d.Plots, abi: plotsAbi, functionName: "list", args: [id, parsedListPrice, expiry] }),
    );
  };
  const cancel = () =>
    tx.run("Cancel listing", () =>
      send({ address: d.Plots, abi: plotsAbi, functionName: "cancel", args: [id] }),
    );
  const buyListed = async () => {
    const listing = plot?.listing;
    if (!w.checksummed || !listing) return;
    const approvals = await approveIfNeeded(w.checksummed, d.Plots, BigInt(listing.price));
    await tx.run("Buy listed plot", ...approvals, () =>
      send({ address: d.Plots, abi: plotsAbi, functionName: "buyListed", args: [id, BigInt(listing.price)] }),
    );
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
          <button type="button" className="btn primary wide" onClick={buyListed}>
            Buy from owner for {formatHxa(plot.listing.price)}
          </button>
        )}
        {mine && (
          <form
            className="list-form"
            onSubmit={(e) => {
              e.preventDefault();
              void list();
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
            <label>
              For
              <select value={days} onChange={(e) => setDays(e.target.value)}>
                <option value="1">1 day</option>
                <option value="7">7 days</option>
                <option value="30">30 days</option>
              </select>
            </label>
            <p id="list-price-note" className="list-note" data-testid="list-price-note" aria-live="polite">
              {listPrice !== "" && priceCheck.problem ? (
                <span className="field-error">{priceCheck.problem}</span>
              ) : fee !== undefined && parsedListPrice !== undefined ? (
                `You receive ${formatHxa(parsedListPrice - fee, 4)} when it sells: the market keeps a ${
                  Number(feeBps) / 100
                } % fee (${formatHxa(fee, 4)}).`
              ) : feeBps !== undefined ? (
                `The market keeps a ${Number(feeBps) / 100} % fee from the sale price.`
              ) : null}
            </p>
            <button type="submit" className="btn primary" disabled={!parsedListPrice}>
              {plot?.listing ? "Change price" : "List for sale"}
            </button>
            {plot?.listing && (
              <button type="button" className="btn" onClick={cancel}>
                Cancel listing
              </button>
            )}
          </form>
        )}
        <TxStatus state={tx.state} />
      </section>

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
        <div className="neighbours">
          {gridDisk(cell, 1)
            .filter((c) => c !== cell)
            .map((c) => (
              <button key={c} type="button" className="chip mono" onClick={() => onSelect(c)}>
                {c.slice(0, 9)}…
              </button>
            ))}
        </div>
      </section>
    </aside>
  );
}
