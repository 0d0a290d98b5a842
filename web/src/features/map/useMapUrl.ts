import { useCallback, useState } from "react";
import type { View } from "../../lib/map/MapView";

/** The view and selected plot live in the URL (?at=lat,lng,zoom&cell=…), so links can be shared. */
export function useMapUrl(fallback: View) {
  const read = () => {
    const q = new URLSearchParams(window.location.search);
    const [lat, lng, zoom] = (q.get("at") ?? "").split(",").map(Number);
    const view =
      lat !== undefined &&
      lng !== undefined &&
      zoom !== undefined &&
      [lat, lng, zoom].every(Number.isFinite) &&
      q.get("at")
        ? { lat, lng, zoom }
        : fallback;
    return { view, cell: q.get("cell") ?? undefined };
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
