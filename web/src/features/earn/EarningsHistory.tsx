import { formatDate, formatHxa } from "../../lib/format";
import { PlaceName } from "../../lib/PlaceName";
import { useEarningsHistory } from "../../lib/useEarnings";

const ROLE_TEXT = { viewer: "Your click", owner: "Click in your plot", protocol: "Protocol fee" };

/** The account's newest credits (with where each stands) and claims, newest first. */
export function EarningsHistory({ address }: { address: string }) {
  const history = useEarningsHistory(address);
  const credits = history.data?.credits ?? [];
  const claims = history.data?.claims ?? [];
  if (credits.length === 0 && claims.length === 0) return <p className="muted small">No earnings yet.</p>;
  return (
    <div className="earn-history">
      <h3>Claims</h3>
      {claims.length === 0 ? (
        <p className="muted small">Nothing claimed yet.</p>
      ) : (
        <ol className="history" data-testid="claim-history">
          {claims.map((c) => (
            <li key={c.txHash}>
              <span>Claimed {formatHxa(c.amount, 4)}</span>
              <div className="muted small">{formatDate(c.at)}</div>
            </li>
          ))}
        </ol>
      )}
      <h3>Credits</h3>
      <ol className="history" data-testid="credit-history">
        {credits.map((c) => (
          <li key={`${c.clickId}-${c.role}`}>
            <span>
              {ROLE_TEXT[c.role]} · +{formatHxa(c.amount, 4)}
            </span>
            <span className={`tag ${c.epochId ? "ok" : "warn"}`}>
              {c.epochId ? `settled in epoch ${c.epochId}` : "pending"}
            </span>
            <div className="muted small">
              {formatDate(c.at)} · campaign #{c.campaignId}
              {c.cell && (
                <>
                  {" "}
                  · plot <span className="mono">{c.cell}</span>
                  <PlaceName cell={c.cell} prefix=", " />
                </>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
