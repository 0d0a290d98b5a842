import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { parseCoordinates } from "./coordinates";
import { type SearchResult, searchOffline, searchOnline } from "./geocode";

/** Keystrokes settle this long before a search leaves the browser. */
const DEBOUNCE_MS = 350;

function useDebounced(value: string, ms: number) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** Online results first, then offline ones not already there (same name within ~1 km). */
function merge(online: SearchResult[] | undefined, offline: SearchResult[] | undefined): SearchResult[] {
  const out = [...(online ?? [])];
  for (const r of offline ?? []) {
    const dup = out.some(
      (o) =>
        o.label.split(",")[0] === r.label.split(",")[0] &&
        Math.abs(o.lat - r.lat) + Math.abs(o.lng - r.lng) < 0.02,
    );
    if (!dup) out.push(r);
  }
  return out.slice(0, 8);
}

/**
 * The map's search box: coordinates in common notations, else places from the online geocoder
 * (when reachable) and the indexer's offline gazetteer. Arrow keys move through the suggestions,
 * Enter takes the highlighted one (or the first), Escape clears.
 */
export function Search({ onGo }: { onGo: (lat: number, lng: number, label: string, spot: boolean) => void }) {
  const listId = useId();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const coords = parseCoordinates(text);
  const wantPlaces = !coords && q.length >= 2 && q === text.trim();
  const offline = useQuery({
    queryKey: ["place-search", q],
    queryFn: () => searchOffline(q),
    enabled: wantPlaces,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const online = useQuery({
    queryKey: ["place-search-online", q],
    queryFn: ({ signal }) => searchOnline(q, signal),
    enabled: wantPlaces,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const results: SearchResult[] = coords?.ok
    ? [
        {
          label: `${coords.lat}, ${coords.lng}`,
          detail: "coordinates",
          lat: coords.lat,
          lng: coords.lng,
          spot: true,
          source: "offline",
        },
      ]
    : wantPlaces
      ? merge(online.data, offline.data)
      : [];
  const searching = wantPlaces && (offline.isFetching || online.isFetching);

  const go = (r: SearchResult) => {
    onGo(r.lat, r.lng, r.label, r.spot);
    setText("");
  };
  const open = text.trim().length >= 2;
  const status =
    coords && !coords.ok
      ? coords.message
      : !open || results.length > 0
        ? undefined
        : searching || q !== text.trim()
          ? "Searching…"
          : offline.isError
            ? "Search is unavailable: the indexer is not reachable."
            : `No place found for “${text.trim()}”. Try a city, “city, country”, a landmark or coordinates like 48.85, 2.35.`;

  return (
    <form
      className="search"
      aria-label="Search the map"
      onSubmit={(e) => {
        e.preventDefault();
        const r = results[active] ?? results[0];
        if (r) go(r);
      }}
    >
      <input
        role="combobox"
        aria-label="Search a place or coordinates"
        aria-expanded={open && results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={results.length > 0 ? `${listId}-${active}` : undefined}
        placeholder="Search a place, landmark or “48.85, 2.35”"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && results.length > 0) {
            e.preventDefault();
            setActive((a) => (a + 1) % results.length);
          } else if (e.key === "ArrowUp" && results.length > 0) {
            e.preventDefault();
            setActive((a) => (a - 1 + results.length) % results.length);
          } else if (e.key === "Escape") {
            setText("");
          }
        }}
      />
      {open && results.length > 0 && (
        <div className="search-results">
          <div id={listId} role="listbox" aria-label="Places found">
            {results.map((r, i) => (
              <div
                key={`${r.label}-${r.lat}-${r.lng}`}
                id={`${listId}-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={i === active ? "active" : undefined}
                onPointerDown={(e) => {
                  // Before the input loses focus, so the click lands on the option.
                  e.preventDefault();
                  go(r);
                }}
              >
                {r.label} {r.detail && <span className="muted small">{r.detail}</span>}
              </div>
            ))}
          </div>
          {results.some((r) => r.source === "online") && (
            <div className="muted small attribution">Search by Photon · © OpenStreetMap contributors</div>
          )}
        </div>
      )}
      {status && (
        <div className="search-status" role="status">
          {status}
        </div>
      )}
    </form>
  );
}
