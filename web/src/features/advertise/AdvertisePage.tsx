import { cellToLatLng, uncompactCells } from "h3-js";
import { useMemo, useState } from "react";
import { useLocation } from "wouter";
import { adMarketAbi } from "../../generated";
import { cellPolygon } from "../../lib/cells";
import { deployment } from "../../lib/config";
import { approveIfNeeded, send } from "../../lib/contracts";
import { formatHxa, parseHxa } from "../../lib/format";
import { TxStatus } from "../../lib/TxStatus";
import { useTx } from "../../lib/useTx";
import { AdCard } from "../earn/AdCard";
import { encodeCreative } from "../earn/creative";
import { MapView } from "../map/MapView";
import { Search } from "../map/Search";
import { useWallet } from "../wallet/useWallet";
import { estimate } from "./estimate";
import { cellsInRadius, compact, plotCount, toTargets } from "./selection";

const STEPS = ["Area", "Creative", "Budget", "Review"] as const;
const noop = () => {};

/** The four-step campaign wizard: where, what, how much, then create. */
export function AdvertisePage() {
  const w = useWallet();
  const [, navigate] = useLocation();
  const [step, setStep] = useState(0);
  const [centre, setCentre] = useState<{ lat: number; lng: number }>();
  const [radiusKm, setRadiusKm] = useState(3);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [imageUrl, setImageUrl] = useState("");
  const [landingUrl, setLandingUrl] = useState("https://");
  const [cpcText, setCpcText] = useState("1");
  const [budgetText, setBudgetText] = useState("100");
  const [days, setDays] = useState("14");
  const [flyTo, setFlyTo] = useState<{ lat: number; lng: number; zoom: number; key: number }>();
  const tx = useTx();

  const targets = useMemo(
    () => (centre ? compact(cellsInRadius(centre.lat, centre.lng, radiusKm)) : []),
    [centre, radiusKm],
  );
  const plots = plotCount(targets);
  const cells = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: "FeatureCollection",
      features: uncompactCells(targets, 7).map((c) => ({
        type: "Feature",
        properties: { fill: "#ec4899", opacity: 0.4 },
        geometry: cellPolygon(c),
      })),
    }),
    [targets],
  );
  const outlines = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: "FeatureCollection",
      features: targets.map((t) => ({
        type: "Feature",
        properties: { stroke: "#9d174d", width: 2 },
        geometry: cellPolygon(t),
      })),
    }),
    [targets],
  );
  const creative = { title, body, imageUrl, landingUrl };
  const creativeOk = title.trim().length > 0 && /^https?:\/\/[^/]+\.[^/]+/.test(landingUrl);
  const cpc = parseHxa(cpcText);
  const budget = parseHxa(budgetText);
  const est = cpc && budget ? estimate(budget, cpc) : undefined;
  const canNext = [targets.length > 0 && targets.length <= 256, creativeOk, !!est, true][step];

  const create = async () => {
    if (!w.checksummed || !budget || !cpc) return;
    const d = deployment();
    const start = Math.floor(Date.now() / 1000) - 60;
    const end = start + Number(days) * 86400;
    const approvals = await approveIfNeeded(w.checksummed, d.AdMarket, budget);
    const ok = await tx.run("Create campaign", ...approvals, () =>
      send({
        address: d.AdMarket,
        abi: adMarketAbi,
        functionName: "createCampaign",
        args: [budget, cpc, start, end, encodeCreative(creative), toTargets(targets)],
      }),
    );
    if (ok) navigate("/campaigns");
  };

  if (!w.isConnected)
    return (
      <div className="page">
        <h1>Advertise</h1>
        <p>Connect a wallet to create a campaign.</p>
      </div>
    );
  return (
    <div className="page advertise">
      <h1>New campaign</h1>
      <ol className="wizard-steps">
        {STEPS.map((s, i) => (
          <li key={s} className={i === step ? "now" : i < step ? "done" : ""}>
            {i + 1}. {s}
          </li>
        ))}
      </ol>

      {step === 0 && (
        <section className="card">
          <h2>Where should your ad show?</h2>
          <p className="muted small">Search a place or click the map for the centre, then set the radius.</p>
          <div className="row">
            <div style={{ flex: 1 }}>
              <Search
                onGo={(lat, lng) => {
                  setCentre({ lat, lng });
                  setFlyTo({ lat, lng, zoom: 10, key: Date.now() });
                }}
              />
            </div>
            <label className="inline">
              Radius {radiusKm} km
              <input
                type="range"
                min={1}
                max={25}
                value={radiusKm}
                onChange={(e) => setRadiusKm(Number(e.target.value))}
                aria-label="Radius in km"
              />
            </label>
          </div>
          <MapView
            className="mini tall"
            view={{ lat: 30, lng: 10, zoom: 1.3 }}
            flyTo={flyTo}
            cells={cells}
            highlight={outlines}
            boxSelect={false}
            onMove={noop}
            onCellClick={(c) => {
              const [lat, lng] = cellToLatLng(c);
              setCentre({ lat, lng });
            }}
            onBox={noop}
          />
          <p data-testid="area-summary">
            {targets.length > 0
              ? `${plots.toLocaleString("en-US")} plots covered, as ${targets.length} compacted cell${targets.length === 1 ? "" : "s"}.`
              : "No area chosen yet."}
            {targets.length > 256 && " That is more than 256 cells: pick a smaller radius."}
          </p>
        </section>
      )}

      {step === 1 && (
        <section className="card creative-step">
          <div className="form">
            <label>
              Title
              <input
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                maxLength={60}
                placeholder="Café Hexagone: 10% off today"
              />
            </label>
            <label>
              Text
              <textarea value={body} onChange={(e) => setBody(e.target.value)} maxLength={160} rows={3} />
            </label>
            <label>
              Image URL (optional)
              <input value={imageUrl} onChange={(e) => setImageUrl(e.target.value)} placeholder="https://…" />
            </label>
            <label>
              Landing page
              <input value={landingUrl} onChange={(e) => setLandingUrl(e.target.value)} />
            </label>
          </div>
          <div>
            <div className="eyebrow">Preview, exactly as viewers see it</div>
            <AdCard creative={creative} cpc="a click" />
          </div>
        </section>
      )}

      {step === 2 && (
        <section className="card form">
          <label>
            Price per click (HXA)
            <input value={cpcText} onChange={(e) => setCpcText(e.target.value)} inputMode="decimal" />
          </label>
          <label>
            Budget (HXA)
            <input value={budgetText} onChange={(e) => setBudgetText(e.target.value)} inputMode="decimal" />
          </label>
          <label>
            Runs for
            <select value={days} onChange={(e) => setDays(e.target.value)}>
              <option value="1">1 day</option>
              <option value="7">7 days</option>
              <option value="14">14 days</option>
              <option value="30">30 days</option>
            </select>
          </label>
          <p data-testid="estimate">
            {est
              ? `Your budget pays for ${est.clicks.toLocaleString("en-US")} clicks; each viewer earns ${formatHxa(est.viewerPerClick, 4)}, the plot's owner and the protocol share the rest.`
              : "Enter a price per click and a budget of at least one click."}
          </p>
          <p className="muted small">
            Your balance: {formatHxa(w.hxa ?? 0n)}. Unspent budget comes back after the campaign ends.
          </p>
        </section>
      )}

      {step === 3 && (
        <section className="card">
          <h2>Review</h2>
          <dl className="facts">
            <dt>Area</dt>
            <dd>
              {plots.toLocaleString("en-US")} plots ({targets.length} cells)
            </dd>
            <dt>Ad</dt>
            <dd>{title}</dd>
            <dt>Per click</dt>
            <dd>{formatHxa(cpc)}</dd>
            <dt>Budget</dt>
            <dd>{formatHxa(budget)}</dd>
            <dt>Runs</dt>
            <dd>{days} days from now</dd>
          </dl>
          <button type="button" className="btn primary" onClick={create}>
            Create campaign
          </button>
          <TxStatus state={tx.state} />
        </section>
      )}

      <div className="row wizard-nav">
        <button type="button" className="btn" onClick={() => setStep(step - 1)} disabled={step === 0}>
          Back
        </button>
        {step < 3 && (
          <button type="button" className="btn primary" onClick={() => setStep(step + 1)} disabled={!canNext}>
            Next: {STEPS[step + 1]}
          </button>
        )}
      </div>
    </div>
  );
}
