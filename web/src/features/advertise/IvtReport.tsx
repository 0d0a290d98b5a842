import { ivtReport } from "./ivtReport";

/** The clicks this campaign did not pay for, by reason, each explained in a line. */
export function IvtReport({ rejected, paid }: { rejected: Record<string, number>; paid: number }) {
  const report = ivtReport(rejected);
  const all = report.total + paid;
  return (
    <section className="ivt-report" aria-labelledby="ivt-report-title" data-testid="ivt-report">
      <h3 id="ivt-report-title">Clicks you did not pay for</h3>
      {report.total === 0 ? (
        <p className="muted small">None yet: every click on this campaign so far was a paid one.</p>
      ) : (
        <>
          <p className="small" data-testid="ivt-summary">
            {report.total} of {all} clicks refused, none charged to you: {report.invalid} invalid traffic
            (bots, farms, forged or repeated requests), {report.terms} outside your campaign's terms.
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>Why it was refused</th>
                <th className="num">Clicks</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.reason} data-testid={`ivt-${r.reason}`}>
                  <td>
                    <strong>{r.reason.replaceAll("_", " ")}</strong>
                    {r.kind === "invalid" && <span className="tag warn">invalid traffic</span>}
                    <div className="muted small">{r.why}</div>
                  </td>
                  <td className="num">{r.clicks}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
