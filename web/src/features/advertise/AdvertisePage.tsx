import { encodeCreative, splitFromContract } from "@hexads/protocol";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useLocation } from "wouter";
import { adMarketAbi, useReadAdMarketMinCpc, useReadAdMarketSplit } from "../../generated";
import { AdCard } from "../../lib/AdCard";
import { checkAmount } from "../../lib/amount";
import { api } from "../../lib/api";
import { deployment } from "../../lib/config";
import { approveIfNeeded, permit, send } from "../../lib/contracts";
import { formatHxa } from "../../lib/format";
import { TxStatus } from "../../lib/TxStatus";
import { useTx } from "../../lib/useTx";
import { useWallet } from "../wallet/useWallet";
import { AreaPicker } from "./AreaPicker";
import { estimate, minCpcRule, pace } from "./estimate";
import { plotCount, toTargets } from "./selection";

const STEPS = ["Area", "Creative", "Budget", "Review"] as const;

/** The four-step campaign wizard: where, what, how much, then create. */
export function AdvertisePage() {
  const w = useWallet();
  const [, navigate] = useLocation();
  const [step, setStep] = useState(0);
  const [targets, setTargets] = useState<string[]>([]);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [imageUrl, setImageUrl] = useState("");
  const [landingUrl, setLandingUrl] = useState("https://");
  const [cpcText, setCpcText] = useState("1");
  const [budgetText, setBudgetText] = useState("100");
  const [days, setDays] = useState("14");
  const tx = useTx();

  const plots = plotCount(targets);
  const creative = { title, body, imageUrl, landingUrl };
  const creativeOk = title.trim().length > 0 && /^https?:\/\/[^/]+\.[^/]+/.test(landingUrl);
  // The split is AdMarket's, read from the chain: `setSplit` can change it at any time.
  const onChainSplit = useReadAdMarketSplit({ address: deployment().AdMarket });
  const split = onChainSplit.data ? splitFromContract(onChainSplit.data) : undefined;
  const minCpc = useReadAdMarketMinCpc({ address: deployment().AdMarket }).data;
  const cpcRule = minCpc === undefined ? undefined : minCpcRule(minCpc);
  // Checked against the chain here, so that Create does not fail after four steps.
  const cpcCheck = checkAmount(cpcText, cpcRule ? { min: cpcRule.bound } : {});
  const cpc = cpcCheck.value;
  const balance = w.hxa;
  const budgetCheck = checkAmount(budgetText, {
    ...(cpc !== undefined && {
      min: { wei: cpc, why: `The budget must pay for at least one click (${formatHxa(cpc, 6)}).` },
    }),
    ...(balance !== undefined && {
      max: {
        wei: balance,
        why: `Your balance is ${formatHxa(balance)}: lower the budget, or claim your earnings on the Earn page first.`,
      },
    }),
  });
  const budget = budgetCheck.value;
  const est = cpc && budget && split ? estimate(budget, cpc, split) : undefined;
  const activity = useQuery({
    queryKey: ["area-activity", targets],
    queryFn: () => api.areaActivity(targets),
    enabled: targets.length > 0 && targets.length <= 1000,
  });
  const recent = est && activity.data ? pace(est, activity.data) : undefined;
  const canNext = [targets.length > 0 && targets.length <= 256, creativeOk, !!est, true][step];

  const create = async () => {
    if (!w.checksummed || !budget || !cpc) return;
    const d = deployment();
    const start = Math.floor(Date.now() / 1000) - 60;
    const end = start + Number(days) * 86400;
    const args = [budget, cpc, start, end, encodeCreative(creative), toTargets(targets)] as const;
    const plain = () =>
      send({ address: d.AdMarket, abi: adMarketAbi, functionName: "createCampaign", args: [...args] });
    const approvals = await approveIfNeeded(w.checksummed, d.AdMarket, budget);
    // One signature (EIP-2612 permit) instead of a separate approve, when the wallet signs permits.
    const sig = approvals.length ? await permit(w.checksummed, d.AdMarket, budget) : undefined;
    const steps = !approvals.length
      ? [plain]
      : sig
        ? [
            () =>
              send({
                address: d.AdMarket,
                abi: adMarketAbi,
                functionName: "createCampaignWithPermit",
                args: [...args, sig],
              }),
          ]
        : [...approvals, plain];
    const ok = await tx.run("Create campaign", ...steps);
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

      {step === 0 && <AreaPicker targets={targets} onChange={setTargets} />}

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
            <AdCard creative={creative} reward="viewers earn a share of each click" />
          </div>
        </section>
      )}

      {step === 2 && (
        <section className="card form">
          <label>
            Price per click (HXA)
            <input
              value={cpcText}
              onChange={(e) => setCpcText(e.target.value)}
              inputMode="decimal"
              aria-invalid={!!cpcCheck.problem}
              aria-describedby="cpc-min cpc-problem"
            />
            <span id="cpc-min" className="muted small" data-testid="cpc-min">
              {cpcRule?.hint ?? "Reading the minimum from the chain…"}
            </span>
            <span id="cpc-problem" className="field-error" data-testid="cpc-problem">
              {cpcCheck.problem}
            </span>
          </label>
          <label>
            Budget (HXA)
            <input
              value={budgetText}
              onChange={(e) => setBudgetText(e.target.value)}
              inputMode="decimal"
              aria-invalid={!!budgetCheck.problem}
              aria-describedby="budget-problem"
            />
            <span id="budget-problem" className="field-error" data-testid="budget-problem">
              {cpcCheck.problem ? undefined : budgetCheck.problem}
            </span>
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
              ? `Your budget pays for ${est.clicks.toLocaleString("en-US")} clicks. Each click pays the viewer ${formatHxa(est.perClick.viewer, 4)}, the plot's owner ${formatHxa(est.perClick.owner, 4)} and the protocol ${formatHxa(est.perClick.protocol, 4)}.`
              : !split
                ? onChainSplit.isError
                  ? "Could not read the click split from the chain."
                  : "Reading the click split from the chain…"
                : "Enter a valid price per click and budget to see what they buy."}
          </p>
          {recent && activity.data && (
            <p className="small" data-testid="area-activity">
              {activity.data.impressions === 0
                ? `No ads were shown in this area in the last ${activity.data.days} days: you would be the first.`
                : `In the last ${activity.data.days} days this area saw ${recent.impressionsPerDay.toFixed(1)} ads and ${recent.clicksPerDay.toFixed(1)} paid clicks a day${
                    recent.daysToSpend !== undefined
                      ? `; at that pace your budget lasts about ${Math.ceil(recent.daysToSpend)} days.`
                      : "."
                  }`}
            </p>
          )}
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
