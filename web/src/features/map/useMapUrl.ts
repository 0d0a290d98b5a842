import { cellToLatLng } from "h3-js";
import { useCallback, useState } from "react";
import type { View } from "../../lib/map/MapView";
import { parseShareLink } from "./shareLink";

/**
 * The view and selected plot live in the URL (?at=lat,lng,zoom&cell=…), so links can be shared.
 * A malformed link opens the world (or its valid part) and `problems` says what was wrong.
 */
const latLng = (cell: string) => {
  const [lat, lng] = cellToLatLng(cell);
  return { lat, lng };
};

export function useMapUrl(fallback: View) {
  const read = () => {
    const link = parseShareLink(window.location.search);
    // A plot without a place opens centred on that plot.
    const plotView = link.cell ? { ...latLng(link.cell), zoom: 12 } : undefined;
    return { view: link.view ?? plotView ?? fallback, cell: link.cell, problems: link.problems };
  };
  const [initial] = useState(read);
  const write = useCallback((view: View, cell: string | undefined) => {
    const q = new URLSearchParams(window.location.search);
    q.set("at", `${view.lat.toFixed(5)},${view.lng.toFixed(5)},${view.zoom.toFixed(2)}`);
    if (cell) q.set("cell", cell);
    else q.delete("cell");
    window.history.replaceState(null, "", `${window.location.pathname}?${q}`);
  }, []);
  return { initial, write };
}
