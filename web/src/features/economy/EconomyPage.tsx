import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, type EconomyAccounts, type EconomyFlow } from "../../lib/api";
import { config } from "../../lib/config";
import { formatDate, formatHxa } from "../../lib/format";
import { FlowChart } from "./FlowChart";
import { FLOW_LABELS, ROLE_LABELS } from "./flowGraph";
import { NetChart } from "./NetChart";
import { VerifyPanel } from "./VerifyPanel";

const SHOWN_TXS = 3;

type Period = { kind: "all" } | { kind: "days"; days: number } | { kind: "epoch"; epoch: string };

const periodQuery = (p: Period, now: number) =>
  p.kind === "epoch" ? { epoch: p.epoch } : p.kind === "days" ? { from: now - p.days * 86_400, to: now } : {};

const ROLE_KIND: Record<string, string> = {
  sink: "only receives",
  source: "only pays",
  both: "pays and receives",
  idle: "no HXA moved",
};

/** The value loop: who paid whom in HXA over a period or an epoch, and a conservation check anyone can run. */
export function EconomyPage() {
  const [period, setPeriod] = useState<Period>({ kind: "all" });
  const [epochText, setEpochText] = useState("1");
  const [now] = useState(() => Math.floor(Date.now() / 1000));
  const query = periodQuery(period, now);
  const flows = useQuery({ queryKey: ["economy-flows", query], queryFn: () => api.economyFlows(query) });
  // One epoch is a moment, not a stretch of time: its page shows the history of all time.
  const span = period.kind === "epoch" ? {} : query;
  const history = useQuery({ queryKey: ["economy-history", span], queryFn: () => api.economyHistory(span) });
  const people = useQuery({ queryKey: ["economy-accounts"], queryFn: api.economyAccounts });
  const showEpoch = (epoch: string) => {
    setEpochText(epoch);
    setPeriod({ kind: "epoch", epoch });
  };
  const choose = (value: string) => {
    if (value === "all") setPeriod({ kind: "all" });
    else if (value === "epoch") setPeriod({ kind: "epoch", epoch: epochText });
    else setPeriod({ kind: "days", days: Number(value) });
  };
  const data = flows.data;
  return (
    <div className="page economy">
      <h1>Economy</h1>
      <p className="muted">
        Every role on the value loop pays and earns HXA: plot buyers pay the treasury and sellers, advertisers
        escrow budgets, each paid click is shared between the viewer, the plot's owner and the protocol.
      </p>
      <form className="row period" onSubmit={(e) => e.preventDefault()}>
        <label>
          Period{" "}
          <select
            value={period.kind === "days" ? String(period.days) : period.kind}
            onChange={(e) => choose(e.currentTarget.value)}
          >
            <option value="all">All time</option>
            <option value="1">Last 24 hours</option>
            <option value="7">Last 7 days</option>
            <option value="epoch">One epoch</option>
          </select>
        </label>
        {period.kind === "epoch" && (
          <label>
            Epoch{" "}
            <input
              type="number"
              min={1}
              inputMode="numeric"
              value={epochText}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setEpochText(v);
                if (/^[1-9]\d*$/.test(v)) setPeriod({ kind: "epoch", epoch: v });
              }}
            />
          </label>
        )}
        {data && (
          <span className="small muted" data-testid="economy-period">
            {data.epoch ? `Epoch ${data.epoch}: ` : ""}
            {data.from === 0 ? "Since launch" : formatDate(data.from)} – {formatDate(data.to)}
          </span>
        )}
      </form>
      {flows.isError && (
        <p className="verify-bad" role="alert">
          {(flows.error as Error).message}
        </p>
      )}
      {data && (
        <>
          <FlowChart flows={data.flows} />
          <h3>Flows</h3>
          <div className="table-scroll">
            <table className="table" data-testid="economy-flows">
              <thead>
                <tr>
                  <th>From → to</th>
                  <th>What</th>
                  <th>HXA</th>
                  <th>Behind it</th>
                </tr>
              </thead>
              <tbody>
                {data.flows
                  .filter((f) => BigInt(f.amount) > 0n)
                  .map((f) => (
                    <tr key={f.kind}>
                      <td>
                        {ROLE_LABELS[f.from]} → {ROLE_LABELS[f.to]}
                      </td>
                      <td>
                        {FLOW_LABELS[f.kind]} ({f.count})
                      </td>
                      <td data-testid={`flow-${f.kind}`}>{formatHxa(f.amount, 4)}</td>
                      <td>
                        <Behind flow={f} onEpoch={showEpoch} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          <h3>Per role</h3>
          <div className="table-scroll">
            <table className="table" data-testid="economy-roles">
              <thead>
                <tr>
                  <th>Role</th>
                  <th>Paid</th>
                  <th>Received</th>
                  <th>On the loop</th>
                </tr>
              </thead>
              <tbody>
                {data.roles.map((r) => (
                  <tr key={r.role}>
                    <td>{ROLE_LABELS[r.role]}</td>
                    <td>{formatHxa(r.paid, 4)}</td>
                    <td data-testid={`role-${r.role}`}>{formatHxa(r.received, 4)}</td>
                    <td className={r.kind === "sink" || r.kind === "source" ? "role-flag" : "muted"}>
                      {ROLE_KIND[r.kind]}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {history.data && (
        <>
          <h3>Over time</h3>
          <NetChart history={history.data} />
        </>
      )}
      {people.data && <People people={people.data} />}
      <VerifyPanel />
    </div>
  );
}

const PERSON_ROLE: Record<string, string> = {
  plotBuyers: "bought plots",
  plotSellers: "sold plots",
  advertisers: "ran campaigns",
  viewers: "earned from clicks",
  plotOwners: "earned a plot share",
};

const PAYING = new Set(["plotBuyers", "advertisers"]);

/** Whether the people in each role also take the loop's other side: viewers who spend, buyers who earn. */
function People({ people }: { people: EconomyAccounts }) {
  return (
    <>
      <h3>People on the loop</h3>
      <p className="small muted">{people.accounts} accounts paid or earned HXA.</p>
      <div className="table-scroll">
        <table className="table" data-testid="economy-people">
          <thead>
            <tr>
              <th>Accounts that…</th>
              <th>Count</th>
              <th>Also pay in</th>
              <th>Also earn</th>
            </tr>
          </thead>
          <tbody>
            {people.roles
              .filter((r) => r.accounts > 0)
              .map((r) => (
                <tr key={r.role} data-testid={`people-${r.role}`}>
                  <td>{PERSON_ROLE[r.role] ?? r.role}</td>
                  <td>{r.accounts}</td>
                  <td>{PAYING.has(r.role) ? "—" : r.paying}</td>
                  <td>{PAYING.has(r.role) ? r.earning : "—"}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The epochs (which switch the page to that epoch) or transactions a figure comes from. */
function Behind({ flow, onEpoch }: { flow: EconomyFlow; onEpoch: (epoch: string) => void }) {
  if (flow.epochs.length > 0)
    return (
      <span className="row">
        {flow.epochs.map((e) => (
          <button key={e} type="button" className="link" onClick={() => onEpoch(e)}>
            epoch {e}
          </button>
        ))}
      </span>
    );
  const more = flow.count - SHOWN_TXS;
  return (
    <span className="row">
      {flow.txs.slice(0, SHOWN_TXS).map((tx) =>
        config.explorerUrl ? (
          <a
            key={tx}
            className="mono small"
            href={`${config.explorerUrl}/tx/${tx}`}
            target="_blank"
            rel="noreferrer"
          >
            {tx.slice(0, 10)}…
          </a>
        ) : (
          <code key={tx} className="small" title={tx}>
            {tx.slice(0, 10)}…
          </code>
        ),
      )}
      {more > 0 && <span className="small muted">+{more} more</span>}
    </span>
  );
}
