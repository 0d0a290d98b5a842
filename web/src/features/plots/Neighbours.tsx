import { useQuery } from "@tanstack/react-query";
import { gridDisk } from "h3-js";
import type { CSSProperties } from "react";
import { api } from "../../lib/api";
import { plotState, STATE_STYLE } from "../../lib/cells";
import { bearing, compass } from "../../lib/compass";
import { useWallet } from "../wallet/useWallet";

/** The plot's six neighbours by compass direction, clockwise from north, with their state. */
export function Neighbours({ cell, onSelect }: { cell: string; onSelect: (c: string) => void }) {
  const w = useWallet();
  const around = gridDisk(cell, 1)
    .filter((c) => c !== cell)
    .map((c) => ({ cell: c, bearing: bearing(cell, c) }))
    .sort((a, b) => a.bearing - b.bearing);
  const plots = useQuery({
    queryKey: ["plot-neighbours", cell],
    queryFn: () => api.plotsByCells(around.map((n) => n.cell)),
  });
  return (
    <div className="neighbours">
      {around.map((n) => {
        const plot = plots.data?.plots.find((p) => p.cell === n.cell);
        const style = STATE_STYLE[plotState(plot, w.address)];
        const dir = compass(n.bearing);
        return (
          <button
            key={n.cell}
            type="button"
            className="chip neighbour"
            style={{ "--chip": style.fill } as CSSProperties}
            onClick={() => onSelect(n.cell)}
            aria-label={`Open the plot to the ${dir.name.toLowerCase()}${plot ? `: ${style.label.toLowerCase()}` : ""}`}
          >
            <span aria-hidden="true">{dir.arrow}</span> {dir.name}
            {plot && <span className="muted"> · {style.label}</span>}
          </button>
        );
      })}
    </div>
  );
}
