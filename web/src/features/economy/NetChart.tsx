import { useEffect, useRef } from "react";
import type { EconomyHistory } from "../../lib/api";
import { formatHxa } from "../../lib/format";
import { ROLE_COLOURS, ROLE_LABELS } from "./flowGraph";
import { netSeries } from "./netSeries";

/**
 * Each role's net HXA over time (received minus paid), drawn with uPlot: who the loop has paid so
 * far and who has paid into it. The caption gives the latest figures in words.
 */
export function NetChart({ history }: { history: EconomyHistory }) {
  const el = useRef<HTMLDivElement>(null);
  const series = netSeries(history);
  const last = history.points.at(-1)?.net ?? {};
  const summary = series.lines
    .map((l) => `${ROLE_LABELS[l.role]} ${formatHxa(last[l.role] ?? "0", 2)}`)
    .join("; ");
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void (async () => {
      const [{ default: UPlot }] = await Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")]);
      if (cancelled || !el.current) return;
      const { at, lines } = netSeries(history);
      chart = new UPlot(
        {
          width: el.current.clientWidth || 600,
          height: 220,
          series: [
            {},
            ...lines.map((l) => ({
              label: ROLE_LABELS[l.role] ?? l.role,
              stroke: ROLE_COLOURS[l.role] ?? "#64748b",
              width: 2,
              points: { show: false },
            })),
          ],
          scales: { x: { time: true } },
          axes: [{}, { label: "net HXA", size: 60 }],
        },
        [at, ...lines.map((l) => l.values)],
        el.current,
      );
    })();
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [history]);
  if (series.lines.length === 0) return <p className="muted">No HXA has moved yet.</p>;
  return (
    <figure className="chart" data-testid="economy-history">
      <div ref={el} />
      <figcaption className="small muted">Net HXA now (received minus paid): {summary}.</figcaption>
    </figure>
  );
}
