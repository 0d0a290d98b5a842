import { useUPlot } from "../../lib/useUPlot";
import { type HourRow, hourSeries } from "./hourSeries";

/** Impressions and clicks per hour, drawn with uPlot (loaded only when a dashboard opens). */
export function HourChart({ rows }: { rows: HourRow[] }) {
  const el = useUPlot<HTMLElement>((UPlot) => {
    const bars = (offset: number) => UPlot.paths.bars?.({ size: [0.35, 40], align: offset as 1 | -1 });
    return {
      options: {
        height: 200,
        series: [
          {},
          {
            label: "Impressions",
            stroke: "#6366f1",
            fill: "#6366f1aa",
            paths: bars(-1),
            points: { show: false },
          },
          {
            label: "Clicks",
            stroke: "#ec4899",
            fill: "#ec4899cc",
            paths: bars(1),
            points: { show: false },
          },
        ],
        scales: {
          // Half an hour of margin each side, so the first and last hours' bars are whole.
          x: { time: true, range: (_u, min, max) => [min - 1800, max + 1800] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
        },
        axes: [{}, { label: "per hour" }],
      },
      data: hourSeries(rows, Date.now() / 1000),
    };
  }, rows);
  return <figure ref={el} className="chart" title="Impressions and clicks per hour" />;
}
