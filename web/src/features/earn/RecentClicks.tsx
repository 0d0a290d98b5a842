import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { formatDate, formatHxa } from "../../lib/format";
import { PlaceName } from "../../lib/PlaceName";
import { projectEarnings } from "./projection";

/** Clicks read for the pace (the route's most); the list shows the newest SHOWN. */
const PACE_CLICKS = 200;
const SHOWN = 20;

/** The viewer's newest clicks: what each paid, or why it was not paid. */
export function RecentClicks({ address }: { address: string }) {
  const clicks = useQuery({
    queryKey: ["viewer-clicks", address],
    queryFn: () => api.viewerClicks(address, PACE_CLICKS),
    refetchInterval: 5000,
  });
  const all = clicks.data?.clicks ?? [];
  const rows = all.slice(0, SHOWN);
  if (rows.length === 0) return null;
  const pace = projectEarnings(all, Date.now() / 1000, PACE_CLICKS);
  return (
    <div className="earn-history">
      <h3>Your clicks</h3>
      <p className="small" data-testid="projection">
        {pace
          ? `At your pace of the last 24 hours you earn ${pace.atLeast ? "at least " : "about "}${formatHxa(pace.perDay, 4)} a day: ${formatHxa(pace.perWeek, 2)} a week, ${formatHxa(pace.perMonth, 2)} a month.`
          : "No paid clicks in the last 24 hours: nothing to project yet."}
      </p>
      <ol className="history" data-testid="click-history">
        {rows.map((c) => (
          <li key={c.clickId}>
            {c.status === "accepted" ? (
              <>
                <span>Paid · +{formatHxa(c.earned ?? "0", 4)}</span>
                <span className="tag ok">paid</span>
              </>
            ) : (
              <>
                <span>Not paid: {c.message}</span>
                <span className="tag warn">{c.reason?.replaceAll("_", " ")}</span>
              </>
            )}
            <div className="muted small">
              {formatDate(c.at)} · campaign #{c.campaignId} · plot <span className="mono">{c.cell}</span>
              <PlaceName cell={c.cell} prefix=", " />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
