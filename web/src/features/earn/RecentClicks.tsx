import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { formatDate, formatHxa } from "../../lib/format";
import { PlaceName } from "../../lib/PlaceName";

/** The viewer's newest clicks: what each paid, or why it was not paid. */
export function RecentClicks({ address }: { address: string }) {
  const clicks = useQuery({
    queryKey: ["viewer-clicks", address],
    queryFn: () => api.viewerClicks(address),
    refetchInterval: 5000,
  });
  const rows = clicks.data?.clicks ?? [];
  if (rows.length === 0) return null;
  return (
    <div className="earn-history">
      <h3>Your clicks</h3>
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
