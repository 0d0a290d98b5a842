import { useEffect, useRef } from "react";

/** Impressions and clicks per hour, drawn with uPlot (loaded only when a dashboard opens). */
export function HourChart({ rows }: { rows: { hour: number; impressions: number; clicks: number }[] }) {
  const el = useRef<HTMLElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void (async () => {
      const [{ default: UPlot }] = await Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")]);
      if (cancelled || !el.current) return;
      const data: [number[], number[], number[]] = [
        rows.map((r) => r.hour),
        rows.map((r) => r.impressions),
        rows.map((r) => r.clicks),
      ];
      chart = new UPlot(
        {
          width: el.current.clientWidth || 600,
          height: 200,
          series: [
            {},
            { label: "Impressions", stroke: "#6366f1", width: 2 },
            { label: "Clicks", stroke: "#ec4899", width: 2 },
          ],
          axes: [{}, { label: "per hour" }],
        },
        data,
        el.current,
      );
    })();
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [rows]);
  return <figure ref={el} className="chart" title="Impressions and clicks per hour" />;
}
