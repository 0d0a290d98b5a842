import { useEffect, useRef } from "react";
import type uPlot from "uplot";

/** What a chart draws: uPlot's options (its width is the element's) and data. */
export type ChartSpec = { options: Omit<uPlot.Options, "width">; data: uPlot.AlignedData };

/**
 * A uPlot chart in the returned ref's element. uPlot and its stylesheet load only when a chart first
 * shows; the chart is drawn again when `data` (what `build` draws from) changes, and destroyed on
 * change and unmount.
 */
export function useUPlot<E extends HTMLElement>(build: (UPlot: typeof uPlot) => ChartSpec, data: unknown) {
  const el = useRef<E>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `build` is a new function each render; `data` says when to draw again
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void (async () => {
      const [{ default: UPlot }] = await Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")]);
      if (cancelled || !el.current) return;
      const { options, data } = build(UPlot);
      chart = new UPlot({ ...options, width: el.current.clientWidth || 600 }, data, el.current);
    })();
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [data]);
  return el;
}
