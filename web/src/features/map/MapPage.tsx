import { useQuery } from "@tanstack/react-query";
import { cellToLatLng, latLngToCell } from "h3-js";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { api } from "../../lib/api";
import {
  type Bounds,
  type Cover,
  cellFeature,
  coverBounds,
  overlayCover,
  plotFeatures,
} from "../../lib/cells";
import { MapView, type View } from "../../lib/map/MapView";
import { Search } from "../../lib/map/Search";
import { addAll, type Basket, toggle } from "../plots/basket";
import { useWallet } from "../wallet/useWallet";
import { WalletGate } from "../wallet/WalletProvider";
import { Intro } from "./Intro";
import { Legend } from "./Legend";
import { useMapUrl } from "./useMapUrl";

/** Zoom from which single plots are drawn; below it, coarse cells show how many plots are owned. */
const PLOT_ZOOM = 10;
// The panel and the basket transact, so they come with the wallet code, after the map is up.
const PlotPanel = lazy(() => import("../plots/PlotPanel").then((m) => ({ default: m.PlotPanel })));
const BasketBar = lazy(() => import("../plots/BasketBar").then((m) => ({ default: m.BasketBar })));
const summaryRes = (zoom: number) => (zoom < 3 ? 2 : zoom < 5 ? 3 : zoom < 7 ? 4 : 5);

export function MapPage() {
  const w = useWallet();
  const { initial, write } = useMapUrl({ lat: 30, lng: 10, zoom: 1.6 });
  const [view, setView] = useState<View>(initial.view);
  const [overlay, setOverlay] = useState<Cover>();
  const [selected, setSelected] = useState<string | undefined>(initial.cell);
  const [basket, setBasket] = useState<Basket>({ cells: [] });
  const [boxSelect, setBoxSelect] = useState(false);
  // On touch screens there is no Shift key: in select mode a tap adds or removes a plot.
  const [selectMode, setSelectMode] = useState(false);
  const [flyTo, setFlyTo] = useState<View & { key: number }>();
  const [notice, setNotice] = useState<string | undefined>(initial.problems.join(" ") || undefined);

  useEffect(() => write(view, selected), [view, selected, write]);

  const cover = overlay?.cells;
  // Every covered cell is asked about (in chunks that keep URLs short), so unowned cells that
  // campaigns target show as "has active ads" too.
  const owned = useQuery({
    queryKey: ["plots-cells", cover?.length, cover?.[0], cover?.[cover.length - 1]],
    queryFn: async () => {
      const list = cover ?? [];
      const chunks = Array.from({ length: Math.ceil(list.length / 400) }, (_, i) =>
        list.slice(i * 400, i * 400 + 400),
      );
      return { plots: (await Promise.all(chunks.map((c) => api.plotsByCells(c)))).flatMap((r) => r.plots) };
    },
    enabled: !!cover && cover.length > 0,
    placeholderData: (previous) => previous,
  });
  const res = summaryRes(view.zoom);
  const summary = useQuery({
    queryKey: ["plots-summary", res],
    queryFn: async () => (await api.plotsSummary(res)).cells,
    enabled: !cover,
  });

  const cells = useMemo<GeoJSON.FeatureCollection>(() => {
    if (cover) return plotFeatures(cover, owned.data?.plots ?? [], w.address);
    const list = summary.data ?? [];
    const max = Math.max(1, ...list.map((c) => c.owned));
    return {
      type: "FeatureCollection",
      features: list.map((c) =>
        cellFeature(c.cell, {
          fill: "#6366f1",
          opacity: 0.25 + (0.55 * Math.log1p(c.owned)) / Math.log1p(max),
          owned: c.owned,
        }),
      ),
    };
  }, [cover, owned.data, summary.data, w.address]);

  const highlight = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: "FeatureCollection",
      features: [
        ...basket.cells.map((c) => cellFeature(c, { stroke: "#2563eb", width: 3 })),
        ...(selected ? [cellFeature(selected, { stroke: "#0f172a", width: 4 })] : []),
      ],
    }),
    [basket, selected],
  );

  const go = (lat: number, lng: number, zoom = 12) => setFlyTo({ lat, lng, zoom, key: Date.now() });
  const onCellClick = (cell: string, additive: boolean) => {
    if (view.zoom < PLOT_ZOOM) {
      go(...cellToLatLng(cell), Math.min(view.zoom + 3, PLOT_ZOOM + 1));
      return;
    }
    if (additive || selectMode) setBasket((b) => toggle(b, cell));
    else setSelected(cell);
  };
  const onBox = async (b: Bounds) => {
    setBoxSelect(false);
    const area = coverBounds(b, 7, 500);
    if (!area) return setNotice("That box is too big: zoom in or draw a smaller box (up to 100 plots).");
    const known = await api.plotsByCells(area.slice(0, 1000));
    const free = known.plots.filter((p) => !p.owner).map((p) => p.cell);
    setBasket((basket) => addAll(basket, free));
    setNotice(`${free.length} available plot${free.length === 1 ? "" : "s"} added to the basket.`);
  };
  const myLocation = () => {
    if (!navigator.geolocation) return setNotice("This browser cannot share its location.");
    navigator.geolocation.getCurrentPosition(
      (p) => {
        go(p.coords.latitude, p.coords.longitude, 12.5);
        setSelected(latLngToCell(p.coords.latitude, p.coords.longitude, 7));
      },
      () => setNotice("Location was not shared. Search a place instead."),
    );
  };

  return (
    <div className="map-page">
      <MapView
        view={initial.view}
        cells={cells}
        highlight={highlight}
        boxSelect={boxSelect}
        flyTo={flyTo}
        onMove={(v, b) => {
          setView(v);
          setOverlay((previous) => (v.zoom >= PLOT_ZOOM ? overlayCover(b, previous) : undefined));
        }}
        onCellClick={onCellClick}
        onBox={onBox}
      />
      <div className="map-tools">
        <Search
          onGo={(lat, lng, _label, spot) => {
            // A landmark, address or coordinates: open the plot there too.
            go(lat, lng, spot ? 13 : 12);
            if (spot) setSelected(latLngToCell(lat, lng, 7));
          }}
        />
        <div className="row">
          <button type="button" className="btn" onClick={myLocation}>
            ◎ My location
          </button>
          <button
            type="button"
            className={`btn ${selectMode ? "active" : ""}`}
            aria-pressed={selectMode}
            onClick={() => setSelectMode(!selectMode)}
            disabled={view.zoom < PLOT_ZOOM}
            title={view.zoom < PLOT_ZOOM ? "Zoom in to select plots" : "Tap plots to add them to the basket"}
          >
            ☑ Select plots
          </button>
          <button
            type="button"
            className={`btn ${boxSelect ? "active" : ""}`}
            aria-pressed={boxSelect}
            onClick={() => setBoxSelect(!boxSelect)}
            disabled={view.zoom < PLOT_ZOOM}
            title={view.zoom < PLOT_ZOOM ? "Zoom in to select plots" : "Drag a box on the map"}
          >
            ⬚ Select area
          </button>
        </div>
        {view.zoom < PLOT_ZOOM && (
          <div className="hint">
            Zoom in (or search a city) to see single plots. “Select plots” (or Shift-click) adds plots to the
            basket.
          </div>
        )}
        {/* Out of the way while a plot is open (on a phone the panel would sit over it). */}
        {!selected && <Intro />}
        {notice && (
          <div className="hint" role="status">
            {notice}{" "}
            <button type="button" className="link" onClick={() => setNotice(undefined)}>
              OK
            </button>
          </div>
        )}
      </div>
      <WalletGate>
        <Suspense fallback={null}>
          {selected && (
            <PlotPanel
              key={selected}
              cell={selected}
              onClose={() => setSelected(undefined)}
              onSelect={setSelected}
            />
          )}
        </Suspense>
      </WalletGate>
      {/* On a phone the legend stacks above the basket instead of under it. */}
      <div className="map-bottom">
        <Legend detailed={!!cover} />
        <WalletGate>
          <Suspense fallback={null}>
            <BasketBar
              basket={basket}
              onClear={() => setBasket({ cells: [] })}
              onBought={() => setBasket({ cells: [] })}
            />
          </Suspense>
        </WalletGate>
      </div>
    </div>
  );
}
