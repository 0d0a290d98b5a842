import { cellToLatLng, latLngToCell, uncompactCells } from "h3-js";
import { useMemo, useState } from "react";
import { type Bounds, cellPolygon, coverBounds } from "../../lib/cells";
import { MapView } from "../../lib/map/MapView";
import { Search } from "../../lib/map/Search";
import { PlaceName } from "../../lib/PlaceName";
import { areaCentre, areaOutlines, cellsInPolygon, cellsInRadius, compact, plotCount } from "./selection";

type Mode = "radius" | "cells" | "box" | "polygon";
const MODES: { id: Mode; label: string; help: string }[] = [
  {
    id: "radius",
    label: "Radius",
    help: "Search a place or click the map for the centre, then set the radius.",
  },
  { id: "cells", label: "Pick plots", help: "Click plots to add or remove them (zoom in first)." },
  { id: "box", label: "Drag a box", help: "Drag a box over the area on the map." },
  { id: "polygon", label: "Draw a shape", help: "Click the corners of your area, then press “Close shape”." },
];
const noop = () => {};

/** The mean of the cells' centres: where the area's name is taken from. */
/** Step 1 of the wizard: an area chosen four ways, always shown as its compacted H3 cells. */
export function AreaPicker({
  targets,
  onChange,
}: {
  targets: string[];
  onChange: (targets: string[]) => void;
}) {
  const [mode, setMode] = useState<Mode>("radius");
  const [centre, setCentre] = useState<{ lat: number; lng: number }>();
  const [radiusKm, setRadiusKm] = useState(3);
  const [picked, setPicked] = useState<string[]>([]);
  const [corners, setCorners] = useState<[number, number][]>([]);
  const [flyTo, setFlyTo] = useState<{ lat: number; lng: number; zoom: number; key: number }>();
  const [message, setMessage] = useState<string>();

  const setCells = (cells: string[]) => onChange(cells.length ? compact(cells) : []);
  const cells = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: "FeatureCollection",
      features: [
        ...uncompactCells(targets, 7).map((c) => ({
          type: "Feature" as const,
          properties: { fill: "#ec4899", opacity: 0.4 },
          geometry: cellPolygon(c),
        })),
        ...corners.map(([lat, lng]) => ({
          type: "Feature" as const,
          properties: { fill: "#2563eb", opacity: 0.9 },
          geometry: cellPolygon(latLngToCell(lat, lng, 7)),
        })),
      ],
    }),
    [targets, corners],
  );
  const outlines = useMemo(() => areaOutlines(targets), [targets]);

  const onCellClick = (cell: string) => {
    if (mode === "radius") {
      const [lat, lng] = cellToLatLng(cell);
      setCentre({ lat, lng });
      setCells(cellsInRadius(lat, lng, radiusKm));
    } else if (mode === "cells") {
      const next = picked.includes(cell) ? picked.filter((c) => c !== cell) : [...picked, cell];
      setPicked(next);
      setCells(next);
    } else if (mode === "polygon") {
      setCorners([...corners, cellToLatLng(cell)]);
    }
  };
  const onBox = (b: Bounds) => {
    const cover = coverBounds(b, 7, 20_000);
    if (!cover) return setMessage("That box is too big: draw a smaller one.");
    setMessage(undefined);
    setCells(cover);
  };
  const closeShape = () => {
    const inside = cellsInPolygon(corners);
    setCells(inside.length ? inside : corners.map(([lat, lng]) => latLngToCell(lat, lng, 7)));
    setCorners([]);
  };

  const plots = plotCount(targets);
  return (
    <section className="card">
      <h2>Where should your ad show?</h2>
      <div className="tabs" role="tablist">
        {MODES.map((m) => (
          <button
            key={m.id}
            type="button"
            role="tab"
            aria-selected={mode === m.id}
            className={`btn ${mode === m.id ? "active" : ""}`}
            onClick={() => {
              setMode(m.id);
              setCorners([]);
            }}
          >
            {m.label}
          </button>
        ))}
      </div>
      <p className="muted small">{MODES.find((m) => m.id === mode)?.help}</p>
      <div className="row">
        {/* Its own line on a phone, where sharing one squeezed it to a few letters. */}
        <div style={{ flex: "1 1 14rem" }}>
          <Search
            onGo={(lat, lng) => {
              setFlyTo({ lat, lng, zoom: 10, key: Date.now() });
              if (mode === "radius") {
                setCentre({ lat, lng });
                setCells(cellsInRadius(lat, lng, radiusKm));
              }
            }}
          />
        </div>
        {mode === "radius" && (
          <label className="inline">
            Radius {radiusKm} km
            <input
              type="range"
              min={1}
              max={25}
              value={radiusKm}
              aria-label="Radius in km"
              onChange={(e) => {
                const km = Number(e.target.value);
                setRadiusKm(km);
                if (centre) setCells(cellsInRadius(centre.lat, centre.lng, km));
              }}
            />
          </label>
        )}
        {mode === "polygon" && (
          <button type="button" className="btn" disabled={corners.length < 3} onClick={closeShape}>
            Close shape ({corners.length} corners)
          </button>
        )}
        <button
          type="button"
          className="btn"
          onClick={() => {
            setPicked([]);
            setCorners([]);
            onChange([]);
          }}
        >
          Clear
        </button>
      </div>
      <MapView
        className="mini tall"
        view={{ lat: 30, lng: 10, zoom: 1.3 }}
        flyTo={flyTo}
        cells={cells}
        highlight={outlines}
        boxSelect={mode === "box"}
        onMove={noop}
        onCellClick={onCellClick}
        onBox={onBox}
      />
      <p data-testid="area-summary">
        {targets.length > 0 ? (
          <>
            {plots.toLocaleString("en-US")} plots covered, as {targets.length} compacted cell
            {targets.length === 1 ? "" : "s"}.<PlaceName at={areaCentre(targets)} prefix=" Centre: " />
          </>
        ) : (
          "No area chosen yet."
        )}
        {targets.length > 256 && " That is more than 256 cells: choose a smaller area."}
        {message && ` ${message}`}
      </p>
    </section>
  );
}
