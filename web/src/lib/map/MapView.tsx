import "maplibre-gl/dist/maplibre-gl.css";
import { latLngToCell } from "h3-js";
import { type GeoJSONSource, Marker, Map as MlMap, NavigationControl } from "maplibre-gl";
import { useEffect, useRef, useState } from "react";
import { type Bounds, cellPolygon } from "../cells";
import { config } from "../config";
import { type Basemap, offlineStyle, streetStyleUrl, watchStreetStyle } from "./basemap";
import countries from "./countries.json";

export interface View {
  lat: number;
  lng: number;
  zoom: number;
}

interface Props {
  view: View;
  /** Cells to draw, each with a `state` or `owned` property driving its colour. */
  cells: GeoJSON.FeatureCollection;
  highlight: GeoJSON.FeatureCollection;
  boxSelect: boolean;
  onMove: (view: View, bounds: Bounds) => void;
  onCellClick: (cell: string, additive: boolean) => void;
  onBox: (bounds: Bounds) => void;
  flyTo?: View & { key: number };
  className?: string;
  interactive?: boolean;
}

/** Stripes and dots, so states differ by pattern as well as colour. */
function patternImage(kind: "stripes" | "dots", colour: string): ImageData {
  const size = 12;
  const c = document.createElement("canvas");
  c.width = c.height = size;
  const g = c.getContext("2d") as CanvasRenderingContext2D;
  g.fillStyle = colour;
  g.strokeStyle = colour;
  if (kind === "stripes") {
    g.lineWidth = 2.5;
    g.beginPath();
    g.moveTo(0, size);
    g.lineTo(size, 0);
    g.stroke();
  } else {
    g.beginPath();
    g.arc(size / 2, size / 2, 2, 0, Math.PI * 2);
    g.fill();
  }
  return g.getImageData(0, 0, size, size);
}

/**
 * The plot overlay's sources and layers, under the style's first text layer so street and place
 * names stay readable over coloured plots.
 */
function addOverlay(m: MlMap, props: Props) {
  const before = m.getStyle().layers.find((l) => l.type === "symbol")?.id;
  m.addImage("stripes", patternImage("stripes", "#b45309"));
  m.addImage("dots", patternImage("dots", "#9d174d"));
  m.addSource("cells", { type: "geojson", data: props.cells });
  m.addSource("highlight", { type: "geojson", data: props.highlight });
  m.addSource("hover", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  m.addLayer(
    {
      id: "cells-fill",
      type: "fill",
      source: "cells",
      // Free plots show as outlines only: their near-transparent fill cost a full-screen blend every
      // frame while panning. The line layer draws every outline, so fills need no antialiasing pass.
      filter: ["!=", ["get", "state"], "available"],
      paint: {
        "fill-color": ["get", "fill"],
        "fill-opacity": ["get", "opacity"],
        "fill-antialias": false,
      },
    },
    before,
  );
  m.addLayer(
    {
      id: "cells-pattern",
      type: "fill",
      source: "cells",
      filter: ["has", "pattern"],
      paint: { "fill-pattern": ["get", "pattern"], "fill-antialias": false },
    },
    before,
  );
  m.addLayer(
    {
      id: "cells-line",
      type: "line",
      source: "cells",
      paint: { "line-color": ["get", "fill"], "line-opacity": 0.7, "line-width": 0.6 },
    },
    before,
  );
  m.addLayer({
    id: "hover-line",
    type: "line",
    source: "hover",
    paint: { "line-color": "#0f172a", "line-width": 2 },
  });
  m.addLayer({
    id: "highlight-line",
    type: "line",
    source: "highlight",
    paint: { "line-color": ["get", "stroke"], "line-width": ["get", "width"] },
  });
}

/** The MapLibre map: created once per mount, sources updated with setData. */
export function MapView(props: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MlMap | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [box, setBox] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const [basemap, setBasemap] = useState<Basemap>("loading");

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once per mount; later props reach it through the effects below.
  useEffect(() => {
    let cancelled = false;
    let created: MlMap | undefined;
    void (async () => {
      const street = streetStyleUrl();
      const style = street ?? (await offlineStyle());
      if (cancelled) return;
      const m = new MlMap({
        container: container.current as HTMLDivElement,
        style,
        center: [props.view.lng, props.view.lat],
        zoom: props.view.zoom,
        attributionControl: { compact: true, customAttribution: "H3" },
        canvasContextAttributes: { preserveDrawingBuffer: true },
        interactive: props.interactive ?? true,
        renderWorldCopies: true,
        // Shift-click adds a plot to the basket; MapLibre would take shift-drag for its box zoom.
        boxZoom: false,
        // The canvas is focusable: MapLibre moves it with the arrow keys and zooms with + and -.
        locale: { "Map.Title": "Map: arrow keys move, + and - zoom, Enter opens the plot in the centre" },
      });
      m.addControl(new NavigationControl({ showCompass: false }), "top-right");
      // From the keyboard, the plot under the centre (marked while the map has focus) is the one picked.
      m.getCanvas().addEventListener("keydown", (e) => {
        if (e.key !== "Enter" && e.key !== " ") return;
        e.preventDefault();
        const c = m.getCenter();
        latest.current.onCellClick(latLngToCell(c.lat, c.lng, 7), e.shiftKey);
      });
      created = m;
      map.current = m;
      // The live map, for browser tests and devtools (e.g. to find a cell's pixel position).
      (window as unknown as { hexadsMap?: MlMap }).hexadsMap = m;
      // The overlay goes on every style the map gets: the street style, or the offline one after a fallback.
      m.on("style.load", () => {
        addOverlay(m, latest.current);
        emitMove();
      });
      if (street) {
        watchStreetStyle(
          m,
          config.mapFallbackMs,
          () => setBasemap("street"),
          async () => {
            const offline = await offlineStyle();
            if (cancelled) return;
            m.setStyle(offline);
            setBasemap("offline");
          },
        );
      } else setBasemap("offline");
      const emitMove = () => {
        const c = m.getCenter();
        const b = m.getBounds();
        latest.current.onMove(
          { lat: c.lat, lng: c.lng, zoom: m.getZoom() },
          { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() },
        );
      };
      m.on("moveend", emitMove);
      m.on("click", (e) => {
        const cell = latLngToCell(e.lngLat.lat, e.lngLat.lng, 7);
        latest.current.onCellClick(cell, e.originalEvent.shiftKey);
      });
      let hovered = "";
      m.on("mousemove", (e) => {
        const source = m.getSource("hover") as GeoJSONSource | undefined;
        if (!source) return;
        const cell = m.getZoom() >= 9 ? latLngToCell(e.lngLat.lat, e.lngLat.lng, 7) : "";
        m.getCanvas().style.cursor = cell ? "pointer" : "";
        if (cell === hovered) return;
        hovered = cell;
        source.setData({
          type: "FeatureCollection",
          features: cell ? [{ type: "Feature", properties: {}, geometry: cellPolygon(cell) }] : [],
        });
      });
    })();
    return () => {
      cancelled = true;
      created?.remove();
    };
  }, []);

  // Country names as HTML labels over the offline basemap, shown while the view is zoomed out (the
  // street style has its own labels).
  useEffect(() => {
    const m = map.current;
    if (basemap !== "offline" || !m) return;
    const labels = (countries as [string, number, number, number][]).map(([name, lat, lng, area]) => {
      const el = document.createElement("div");
      el.className = "country-label";
      el.textContent = name;
      el.dataset.area = String(area);
      // Visual only (the map itself is labelled): without these MapLibre makes each a "Map marker" button.
      el.setAttribute("role", "img");
      el.setAttribute("aria-label", name);
      el.setAttribute("aria-hidden", "true");
      return new Marker({ element: el }).setLngLat([lng, lat]).addTo(m);
    });
    const showLabels = () => {
      const z = m.getZoom();
      for (const l of labels) {
        const area = Number(l.getElement().dataset.area);
        l.getElement().style.display = z < 6 && area > 4_000_000 / 4 ** z ? "" : "none";
      }
    };
    m.on("zoomend", showLabels);
    showLabels();
    return () => {
      m.off("zoomend", showLabels);
      for (const l of labels) l.remove();
    };
  }, [basemap]);

  useEffect(() => {
    (map.current?.getSource("cells") as GeoJSONSource | undefined)?.setData(props.cells);
  }, [props.cells]);
  useEffect(() => {
    (map.current?.getSource("highlight") as GeoJSONSource | undefined)?.setData(props.highlight);
  }, [props.highlight]);
  useEffect(() => {
    if (props.flyTo)
      map.current?.flyTo({
        center: [props.flyTo.lng, props.flyTo.lat],
        zoom: props.flyTo.zoom,
        duration: 800,
      });
  }, [props.flyTo]);
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (props.boxSelect) m.dragPan.disable();
    else m.dragPan.enable();
  }, [props.boxSelect]);

  const finishBox = () => {
    const m = map.current;
    if (!box || !m) return setBox(null);
    const a = m.unproject([Math.min(box.x0, box.x1), Math.max(box.y0, box.y1)]);
    const b = m.unproject([Math.max(box.x0, box.x1), Math.min(box.y0, box.y1)]);
    setBox(null);
    props.onBox({ west: a.lng, south: a.lat, east: b.lng, north: b.lat });
  };

  return (
    <div className={`map-wrap ${props.className ?? ""}`}>
      <div ref={container} className="map" data-testid="map" data-basemap={basemap} />
      {props.boxSelect && (
        <div
          className="box-layer"
          title="Drag to select plots in a box"
          onPointerDown={(e) => {
            // Keep receiving the drag (a finger's included) when it leaves the layer.
            e.currentTarget.setPointerCapture(e.pointerId);
            const r = e.currentTarget.getBoundingClientRect();
            setBox({
              x0: e.clientX - r.left,
              y0: e.clientY - r.top,
              x1: e.clientX - r.left,
              y1: e.clientY - r.top,
            });
          }}
          onPointerMove={(e) => {
            if (!box) return;
            const r = e.currentTarget.getBoundingClientRect();
            setBox({ ...box, x1: e.clientX - r.left, y1: e.clientY - r.top });
          }}
          onPointerUp={finishBox}
        >
          {box && (
            <div
              className="box"
              style={{
                left: Math.min(box.x0, box.x1),
                top: Math.min(box.y0, box.y1),
                width: Math.abs(box.x1 - box.x0),
                height: Math.abs(box.y1 - box.y0),
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}
