import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api";
import { ClaimButton } from "../../lib/ClaimButton";
import { cellPolygon } from "../../lib/cells";
import { sendClaim } from "../../lib/claim";
import { formatDate, formatHxa } from "../../lib/format";
import { MapView } from "../../lib/map/MapView";
import { PayoutNote } from "../../lib/PayoutNote";
import { TxStatus } from "../../lib/TxStatus";
import { useEarnings } from "../../lib/useEarnings";
import { useTx } from "../../lib/useTx";
import { earningsState } from "../earn/earningsState";
import { useWallet } from "../wallet/useWallet";
import { MyOffers } from "./MyOffers";

const noop = () => {};

/** My plots on a mini map and in a table (three columns, to fit a phone), their listing state, and my balances. */
export function Portfolio() {
  const w = useWallet();
  const plots = useQuery({
    queryKey: ["my-plots", w.address],
    queryFn: () => api.accountPlots(w.address as string),
    enabled: !!w.address,
  });
  const list = plots.data?.plots ?? [];
  const tx = useTx();
  const earnings = useEarnings(w.address);
  const e = earnings.data ? earningsState(earnings.data) : undefined;
  const claimable = e?.claimable ?? 0n;
  const waiting = e ? e.pending + e.settling : 0n;
  const claim = async () => {
    const c = earnings.data?.claim;
    if (!c || !w.checksummed) return;
    const account = w.checksummed;
    await tx.run("Claim earnings", () => sendClaim(account, c));
    await earnings.refetch();
  };
  const cells = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: "FeatureCollection",
      features: list.map((p) => ({
        type: "Feature",
        properties: { fill: p.listing ? "#f59e0b" : "#10b981", opacity: 0.8 },
        geometry: cellPolygon(p.cell),
      })),
    }),
    [list],
  );
  const centre = viewOf(list);
  const empty: GeoJSON.FeatureCollection = { type: "FeatureCollection", features: [] };

  if (!w.isConnected)
    return (
      <div className="page">
        <h1>Portfolio</h1>
        <p>Connect a wallet to see your plots and balances.</p>
      </div>
    );
  return (
    <div className="page portfolio">
      <h1>Portfolio</h1>
      <div className="cards">
        <div className="card">
          <div className="eyebrow">HXA balance</div>
          <div className="big" data-testid="portfolio-hxa">
            {formatHxa(w.hxa ?? 0n)}
          </div>
        </div>
        <div className="card">
          <div className="eyebrow">ETH balance</div>
          <div className="big">{w.eth !== undefined ? `${(Number(w.eth) / 1e18).toFixed(4)} ETH` : "…"}</div>
        </div>
        <div className="card">
          <div className="eyebrow">Plots owned</div>
          <div className="big" data-testid="portfolio-count">
            {list.length}
          </div>
        </div>
        <div className="card">
          <div className="eyebrow">For sale</div>
          <div className="big">{list.filter((p) => p.listing).length}</div>
        </div>
        <div className="card">
          <div className="eyebrow">Plots earned</div>
          <div className="big" data-testid="portfolio-earned">
            {formatHxa(list.reduce((sum, p) => sum + BigInt(p.earnings.earned), 0n))}
          </div>
        </div>
      </div>
      <section className="card claim-card" aria-labelledby="money-waiting">
        <h2 id="money-waiting">Money waiting for you</h2>
        <p data-testid="portfolio-claimable">
          <strong>{formatHxa(claimable, 4)}</strong> to claim now
          {waiting > 0n && (
            <span className="muted">; {formatHxa(waiting, 4)} more after the next settlement</span>
          )}
          .
        </p>
        <p className="muted small">
          Your plots earn a share of every paid ad click in them (and your own clicks earn too); each
          settlement makes them claimable.
        </p>
        <ClaimButton claimable={claimable} payout={earnings.data?.payout} eth={w.eth} onClaim={claim} />
        <PayoutNote payout={earnings.data?.payout} />
        <TxStatus state={tx.state} />
      </section>
      {list.length > 0 && (
        <MapView
          key={list[0]?.cell}
          className="mini"
          view={centre}
          cells={cells}
          highlight={empty}
          boxSelect={false}
          onMove={noop}
          onCellClick={noop}
          onBox={noop}
        />
      )}
      {list.length === 0 ? (
        <p>
          You own no plots yet. <Link href="/">Find one on the map</Link>.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="My plots">
            <thead>
              <tr>
                <th>Plot</th>
                <th>Bought</th>
                <th>Earned</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.cell}>
                  <td>
                    <Link href={`/?at=${p.lat.toFixed(4)},${p.lng.toFixed(4)},13&cell=${p.cell}`}>
                      {p.place.label}
                    </Link>
                    <div className="mono muted small">{p.cell}</div>
                  </td>
                  <td>
                    <strong>{formatHxa(p.boughtPrice)}</strong>
                    <div className="muted small">{p.boughtAt ? formatDate(p.boughtAt) : "—"}</div>
                    <div className="small">
                      {p.listing ? `For sale at ${formatHxa(p.listing.price)}` : "Not listed"}
                    </div>
                  </td>
                  <td title={`${p.earnings.clicks} paid clicks`}>
                    <strong>{formatHxa(p.earnings.earned)}</strong>
                    <div className="muted small">
                      {p.activeAds} active ad{p.activeAds === 1 ? "" : "s"}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {w.address && <MyOffers address={w.address} />}
    </div>
  );
}

/** A view that shows every plot: centred on their box, zoomed so the box fits the mini map. */
function viewOf(list: { lat: number; lng: number }[]) {
  if (list.length === 0) return { lat: 30, lng: 10, zoom: 1 };
  const lats = list.map((p) => p.lat);
  const lngs = list.map((p) => p.lng);
  const span = Math.max(Math.max(...lats) - Math.min(...lats), Math.max(...lngs) - Math.min(...lngs), 0.02);
  const zoom = Math.max(1, Math.min(12, Math.log2(360 / span) - 1.5));
  return {
    lat: (Math.max(...lats) + Math.min(...lats)) / 2,
    lng: (Math.max(...lngs) + Math.min(...lngs)) / 2,
    zoom,
  };
}
