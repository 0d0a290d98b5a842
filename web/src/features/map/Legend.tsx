import { type PlotState, STATE_STYLE } from "../../lib/cells";

const PATTERN: Partial<Record<PlotState, string>> = { listed: "stripes", ads: "dots" };

/** What the colours (and patterns, for those who cannot tell colours apart) mean. */
export function Legend({ detailed }: { detailed: boolean }) {
  return (
    <section className="legend" aria-label="Map legend">
      {detailed ? (
        (Object.keys(STATE_STYLE) as PlotState[]).map((s) => (
          <div key={s} className="legend-row">
            <span className={`swatch ${PATTERN[s] ?? ""}`} style={{ background: STATE_STYLE[s].fill }} />
            {STATE_STYLE[s].label}
          </div>
        ))
      ) : (
        <div className="legend-row">
          <span className="swatch ramp" /> Plots owned in the area (darker = more)
        </div>
      )}
    </section>
  );
}
