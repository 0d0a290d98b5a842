import { type Creative, encodeCreative, parseCreative } from "@hexads/protocol";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "wouter";
import { adMarketAbi, useReadAdMarketActiveCutoff } from "../../generated";
import { AdCard } from "../../lib/AdCard";
import { api, type Campaign } from "../../lib/api";
import { cellPolygon } from "../../lib/cells";
import { deployment } from "../../lib/config";
import { approveIfNeeded, send } from "../../lib/contracts";
import { formatDate, formatHxa, parseHxa } from "../../lib/format";
import { MapView } from "../../lib/map/MapView";
import { TxStatus } from "../../lib/TxStatus";
import { useTx } from "../../lib/useTx";
import { useWallet } from "../wallet/useWallet";
import { CreativeFields, creativeOk } from "./CreativeFields";
import { HourChart } from "./HourChart";
import { IvtReport } from "./IvtReport";
import { areaCentre, areaOutlines, plotCount } from "./selection";

const noop = () => {};

/** My campaigns, each with its dashboard. */
export function CampaignsPage() {
  const w = useWallet();
  const list = useQuery({
    queryKey: ["my-campaigns", w.address],
    queryFn: () => api.campaigns({ advertiser: w.address }),
    enabled: !!w.address,
    refetchInterval: 5000,
  });
  const [open, setOpen] = useState<string>();
  if (!w.isConnected)
    return (
      <div className="page">
        <h1>My campaigns</h1>
        <p>Connect a wallet to see your campaigns.</p>
      </div>
    );
  const campaigns = list.data?.campaigns ?? [];
  return (
    <div className="page">
      <div className="row">
        <h1>My campaigns</h1>
        <div className="spacer" />
        <Link href="/advertise" className="btn primary">
          New campaign
        </Link>
      </div>
      {campaigns.length === 0 && (
        <p>
          No campaigns yet. <Link href="/advertise">Create one</Link> to show your ad on the map.
        </p>
      )}
      {campaigns.map((c) => (
        <CampaignRow
          key={c.id}
          c={c}
          open={open === c.id}
          onToggle={() => setOpen(open === c.id ? undefined : c.id)}
        />
      ))}
    </div>
  );
}

function CampaignRow({ c, open, onToggle }: { c: Campaign; open: boolean; onToggle: () => void }) {
  const creative = parseCreative(c.creativeUri);
  return (
    <section className="card campaign">
      <button type="button" className="campaign-head" onClick={onToggle} aria-expanded={open}>
        <span className={`status status-${c.status}`}>{c.status}</span>
        <strong>
          #{c.id} {creative?.title ?? "Untitled"}
        </strong>
        <span className="muted">
          {c.places.length > 0 && <>In {c.places.join(" · ")} · </>}
          {formatHxa(c.spent)} settled of {formatHxa(c.budget)} · {formatHxa(c.cpc)} per click · until{" "}
          {formatDate(c.end)}
        </span>
      </button>
      {open && <Dashboard c={c} creative={creative} />}
    </section>
  );
}

function Dashboard({ c, creative }: { c: Campaign; creative: Creative | undefined }) {
  const stats = useQuery({
    queryKey: ["campaign-stats", c.id],
    queryFn: () => api.campaignStats(c.id),
    refetchInterval: 5000,
  });
  const detail = useQuery({
    queryKey: ["campaign", c.id],
    queryFn: () => api.campaign(c.id),
    refetchInterval: 5000,
  });
  const [editing, setEditing] = useState<Creative>();
  const activeCutoff = useReadAdMarketActiveCutoff({ address: deployment().AdMarket }).data;
  const w = useWallet();
  const tx = useTx();
  const [amount, setAmount] = useState("50");
  const s = stats.data;
  const now = Date.now() / 1000;
  const ended = now >= c.end;
  const id = BigInt(c.id);
  const d = deployment();
  const act = (
    label: string,
    functionName: "pauseCampaign" | "resumeCampaign" | "endCampaign" | "withdrawUnspent",
  ) => tx.run(label, () => send({ address: d.AdMarket, abi: adMarketAbi, functionName, args: [id] }));
  const withdrawBlock = c.withdrawn
    ? "Already withdrawn."
    : !ended
      ? "Available once the campaign has ended."
      : activeCutoff === undefined || activeCutoff < BigInt(c.end)
        ? "Available once a settlement covering the end has passed its challenge period, so that every click made before the end is paid."
        : undefined;
  const heat = useMemo<GeoJSON.FeatureCollection>(() => {
    const max = Math.max(1, ...(s?.byCell ?? []).map((x) => x.clicks));
    return {
      type: "FeatureCollection",
      features: (s?.byCell ?? []).map((x) => ({
        type: "Feature",
        properties: {
          fill: x.clicks > 0 ? "#dc2626" : "#6366f1",
          opacity: x.clicks > 0 ? 0.25 + (0.6 * x.clicks) / max : 0.2,
        },
        geometry: cellPolygon(x.cell),
      })),
    };
  }, [s]);
  const outlines = useMemo(() => areaOutlines(c.targets), [c.targets]);

  return (
    <div className="dashboard">
      {/* The ad and its area from the first minute, before any click: then the heat of clicks over it. */}
      <div className="campaign-overview">
        {creative && <AdCard creative={creative} reward="viewers earn a share of each click" />}
        <div>
          <p data-testid="campaign-area">
            {plotCount(c.targets).toLocaleString("en-US")} plots
            {c.places.length > 0 && ` in ${c.places.join(" · ")}`}
          </p>
          <p data-testid="campaign-delivery">
            {BigInt(c.delivery.dailyBudget) > 0n
              ? `${formatHxa(c.delivery.dailyBudget)} a day${detail.data ? ` (${formatHxa(detail.data.spentToday)} spent today)` : ""}`
              : "No daily limit"}{" "}
            · {c.delivery.schedule}
          </p>
          {c.creativeUpdatedAt !== null && (
            <p className="muted small" data-testid="creative-updated">
              Ad edited {formatDate(c.creativeUpdatedAt)}: clicks on views of the earlier ad are still paid.
            </p>
          )}
          {c.targets.length > 0 && (
            <MapView
              className="mini"
              view={{ ...areaCentre(c.targets), zoom: 10 }}
              cells={heat}
              highlight={outlines}
              boxSelect={false}
              onMove={noop}
              onCellClick={noop}
              onBox={noop}
            />
          )}
        </div>
      </div>
      <div className="cards">
        <div className="card">
          <div className="eyebrow">Impressions</div>
          <div className="big">{s?.impressions ?? "…"}</div>
        </div>
        <div className="card">
          <div className="eyebrow">Paid clicks</div>
          <div className="big" data-testid="paid-clicks">
            {s?.clicks.accepted ?? "…"}
          </div>
        </div>
        <div className="card">
          <div className="eyebrow">CTR</div>
          <div className="big">{s ? `${(s.ctr * 100).toFixed(1)} %` : "…"}</div>
        </div>
        <div className="card">
          <div className="eyebrow">Spent</div>
          <div className="big small-big">
            {s ? `${formatHxa(s.spend.pending)} pending · ${formatHxa(s.spend.settled)} settled` : "…"}
          </div>
        </div>
      </div>
      {s && <IvtReport rejected={s.clicks.rejected} paid={s.clicks.accepted} />}
      {s && s.byHour.length > 0 && <HourChart rows={s.byHour} />}
      <div className="row">
        {c.paused ? (
          <button
            type="button"
            className="btn"
            disabled={ended}
            onClick={() => act("Resume", "resumeCampaign")}
          >
            Resume
          </button>
        ) : (
          <button
            type="button"
            className="btn"
            disabled={ended}
            onClick={() => act("Pause", "pauseCampaign")}
          >
            Pause
          </button>
        )}
        <input
          className="amount"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-label="Top-up amount (HXA)"
          disabled={ended}
        />
        <button
          type="button"
          className="btn"
          disabled={ended || !parseHxa(amount)}
          onClick={async () => {
            const value = parseHxa(amount);
            if (!value || !w.checksummed) return;
            const approvals = await approveIfNeeded(w.checksummed, d.AdMarket, value);
            await tx.run("Top up", ...approvals, () =>
              send({ address: d.AdMarket, abi: adMarketAbi, functionName: "topUp", args: [id, value] }),
            );
          }}
        >
          Top up
        </button>
        <button
          type="button"
          className="btn"
          disabled={ended}
          onClick={() =>
            tx.run("Extend by 7 days", () =>
              send({
                address: d.AdMarket,
                abi: adMarketAbi,
                functionName: "extend",
                args: [id, c.end + 7 * 86400],
              }),
            )
          }
        >
          Extend 7 days
        </button>
        <button
          type="button"
          className="btn"
          disabled={ended || !!editing}
          onClick={() =>
            setEditing(creative ?? { title: "", body: "", imageUrl: "", landingUrl: "https://" })
          }
        >
          Edit ad
        </button>
        <button
          type="button"
          className="btn"
          disabled={ended}
          onClick={() => act("End campaign", "endCampaign")}
        >
          End now
        </button>
        <button
          type="button"
          className="btn"
          disabled={!!withdrawBlock}
          title={withdrawBlock}
          onClick={() => act("Withdraw unspent", "withdrawUnspent")}
        >
          Withdraw unspent
        </button>
      </div>
      {editing && (
        <form
          className="edit-ad"
          aria-label="Edit ad"
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await tx.run("Save ad", () =>
              send({
                address: d.AdMarket,
                abi: adMarketAbi,
                functionName: "updateCreative",
                args: [id, encodeCreative(editing)],
              }),
            );
            if (ok) setEditing(undefined);
          }}
        >
          <CreativeFields value={editing} onChange={setEditing} />
          <p className="muted small">
            Viewers see the new ad from the next time ads load; clicks on the old one already shown are still
            paid.
          </p>
          <div className="row">
            <button type="submit" className="btn primary" disabled={!creativeOk(editing)}>
              Save ad
            </button>
            <button type="button" className="btn" onClick={() => setEditing(undefined)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {ended && (
        <p className="muted small">This campaign has ended{withdrawBlock ? `: ${withdrawBlock}` : "."}</p>
      )}
      <TxStatus state={tx.state} />
    </div>
  );
}
