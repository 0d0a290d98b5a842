import type { EconomyHistory } from "../../lib/api";
import { formatHxa } from "../../lib/format";
import { useUPlot } from "../../lib/useUPlot";
import { ROLE_COLOURS, ROLE_LABELS } from "./flowGraph";
import { netSeries } from "./netSeries";

/**
 * Each role's net HXA over time (received minus paid), drawn with uPlot: who the loop has paid so
 * far and who has paid into it. The caption gives the latest figures in words.
 */
export function NetChart({ history }: { history: EconomyHistory }) {
  const series = netSeries(history);
  const last = history.points.at(-1)?.net ?? {};
  const summary = series.lines
    .map((l) => `${ROLE_LABELS[l.role]} ${formatHxa(last[l.role] ?? "0", 2)}`)
    .join("; ");
  const el = useUPlot<HTMLDivElement>(() => {
    const { at, lines } = netSeries(history);
    return {
      options: {
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
      data: [at, ...lines.map((l) => l.values)],
    };
  }, history);
  if (series.lines.length === 0) return <p className="muted">No HXA has moved yet.</p>;
  return (
    <figure className="chart" data-testid="economy-history">
      <div ref={el} />
      <figcaption className="small muted">Net HXA now (received minus paid): {summary}.</figcaption>
    </figure>
  );
}
