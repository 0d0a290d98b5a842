import { type Creative, describeSchedule, encodeCreative, splitFromContract } from "@hexads/protocol";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { parseEventLogs } from "viem";
import { useLocation } from "wouter";
import { adMarketAbi, useReadAdMarketMinCpc, useReadAdMarketSplit } from "../../generated";
import { checkAmount } from "../../lib/amount";
import { api } from "../../lib/api";
import { deployment } from "../../lib/config";
import { approveIfNeeded, permit, receiptOf, send } from "../../lib/contracts";
import { formatHxa } from "../../lib/format";
import { TxStatus } from "../../lib/TxStatus";
import { useTx } from "../../lib/useTx";
import { useWallet } from "../wallet/useWallet";
import { AreaPicker } from "./AreaPicker";
import { CreativeFields, creativeOk } from "./CreativeFields";
import { DeliveryFields } from "./DeliveryFields";
import { EVERY_DAY_ALL_HOURS, limits, masks } from "./delivery";
import { estimate, minCpcRule, pace } from "./estimate";
import { plotCount, toTargets } from "./selection";

const STEPS = ["Area", "Creative", "Budget", "Review"] as const;

/** The four-step campaign wizard: where, what, how much, then create. */
export function AdvertisePage() {
  const w = useWallet();
  const [, navigate] = useLocation();
  const [step, setStep] = useState(0);
  const [targets, setTargets] = useState<string[]>([]);
  const [creative, setCreative] = useState<Creative>({
    title: "",
    body: "",
    imageUrl: "",
    landingUrl: "https://",
  });
  const [deliveryForm, setDeliveryForm] = useState(EVERY_DAY_ALL_HOURS);
  const [cpcText, setCpcText] = useState("1");
  const [budgetText, setBudgetText] = useState("100");
  const [days, setDays] = useState("14");
  const tx = useTx();

  const plots = plotCount(targets);
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
  // Empty: no daily limit. Otherwise at least one click (AdMarket refuses less) and within the budget.
  const dailyCheck = deliveryForm.dailyText.trim()
    ? checkAmount(deliveryForm.dailyText, {
        ...(cpc !== undefined && {
          min: { wei: cpc, why: `A day's budget must pay for at least one click (${formatHxa(cpc, 6)}).` },
        }),
        ...(budget !== undefined && {
          max: { wei: budget, why: "A day's budget cannot be above the budget." },
        }),
      })
    : { value: 0n, problem: undefined };
  const schedule = masks(deliveryForm);
  const scheduleProblem =
    schedule.daysMask === 0
      ? "Pick at least one day."
      : schedule.hoursMask === 0
        ? "Pick different start and end hours."
        : undefined;
  const delivery =
    dailyCheck.value === undefined ? undefined : { dailyBudget: dailyCheck.value, ...schedule };
  const est = cpc && budget && split ? estimate(budget, cpc, split) : undefined;
  const activity = useQuery({
    queryKey: ["area-activity", targets],
    queryFn: () => api.areaActivity(targets),
    enabled: targets.length > 0 && targets.length <= 1000,
  });
  const recent = est && activity.data ? pace(est, activity.data) : undefined;
  const canNext = [
    targets.length > 0 && targets.length <= 256,
    creativeOk(creative),
    !!est && !!delivery && !scheduleProblem,
    true,
  ][step];

  const create = async () => {
    if (!w.checksummed || !budget || !cpc || !delivery) return;
    const d = deployment();
    const start = Math.floor(Date.now() / 1000) - 60;
    const end = start + Number(days) * 86400;
    const args = [budget, cpc, start, end, encodeCreative(creative), toTargets(targets)] as const;
    let created: `0x${string}` | undefined;
    const remember = async (hash: Promise<`0x${string}`>) => {
      created = await hash;
      return created;
    };
    const plain = () =>
      remember(
        send({ address: d.AdMarket, abi: adMarketAbi, functionName: "createCampaign", args: [...args] }),
      );
    // A second transaction, once the campaign exists: its id is in the creation's CampaignCreated log.
    const setDelivery = async () => {
      const logs = parseEventLogs({
        abi: adMarketAbi,
        eventName: "CampaignCreated",
        logs: (await receiptOf(created as `0x${string}`)).logs,
      });
      const campaignId = logs[0]?.args.campaignId;
      if (campaignId === undefined) throw new Error("The campaign's creation left no CampaignCreated event.");
      return send({
        address: d.AdMarket,
        abi: adMarketAbi,
        functionName: "setDelivery",
        args: [campaignId, delivery.dailyBudget, delivery.daysMask, delivery.hoursMask],
      });
    };
    const approvals = await approveIfNeeded(w.checksummed, d.AdMarket, budget);
    // One signature (EIP-2612 permit) instead of a separate approve, when the wallet signs permits.
    const sig = approvals.length ? await permit(w.checksummed, d.AdMarket, budget) : undefined;
    const steps = !approvals.length
      ? [plain]
      : sig
        ? [
            () =>
              remember(
                send({
                  address: d.AdMarket,
                  abi: adMarketAbi,
                  functionName: "createCampaignWithPermit",
                  args: [...args, sig],
                }),
              ),
          ]
        : [...approvals, plain];
    const ok = await tx.run("Create campaign", ...steps, ...(limits(delivery) ? [setDelivery] : []));
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

      {step === 1 && <CreativeFields value={creative} onChange={setCreative} />}

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
          <DeliveryFields
            value={deliveryForm}
            onChange={setDeliveryForm}
            dailyProblem={cpcCheck.problem || budgetCheck.problem ? undefined : dailyCheck.problem}
            scheduleProblem={scheduleProblem}
          />
          <p data-testid="estimate">
            {est
              ? `Your budget pays for ${est.clicks.toLocaleString("en-US")} clicks${
                  delivery && cpc && delivery.dailyBudget > 0n
                    ? `, at most ${(delivery.dailyBudget / cpc).toLocaleString("en-US")} a day`
                    : ""
                }. Each click pays the viewer ${formatHxa(est.perClick.viewer, 4)}, the plot's owner ${formatHxa(est.perClick.owner, 4)} and the protocol ${formatHxa(est.perClick.protocol, 4)}.`
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
            <dd>{creative.title}</dd>
            <dt>Per click</dt>
            <dd>{formatHxa(cpc)}</dd>
            <dt>Budget</dt>
            <dd>{formatHxa(budget)}</dd>
            <dt>Runs</dt>
            <dd>{days} days from now</dd>
            <dt>Daily budget</dt>
            <dd data-testid="review-daily">
              {delivery && delivery.dailyBudget > 0n ? formatHxa(delivery.dailyBudget) : "No daily limit"}
            </dd>
            <dt>Schedule</dt>
            <dd data-testid="review-schedule">{describeSchedule(schedule)}</dd>
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
