import { type KeyboardEvent, useEffect, useMemo, useState } from "react";

export type City = [name: string, country: string, lat: number, lng: number, population: number];

/** The city list is loaded on first use of the search box, not with the map. */
let cities: City[] = [];
export const loadCities = async () => {
  if (cities.length === 0) cities = (await import("./cities.json")).default as City[];
  return cities;
};

/** "48.85, 2.35" → coordinates; anything else searches the offline city list. */
export function parseCoordinates(text: string): { lat: number; lng: number } | undefined {
  const m = text.trim().match(/^(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)$/);
  if (!m) return undefined;
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : undefined;
}

export function searchCities(text: string, limit = 6): City[] {
  const q = text.trim().toLowerCase();
  if (q.length < 2) return [];
  const starts = cities.filter((c) => c[0].toLowerCase().startsWith(q));
  const contains = cities.filter((c) => !c[0].toLowerCase().startsWith(q) && c[0].toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
}

export function Search({ onGo }: { onGo: (lat: number, lng: number, label: string) => void }) {
  const [text, setText] = useState("");
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (text && !loaded) void loadCities().then(() => setLoaded(true));
  }, [text, loaded]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `loaded` re-runs the search once the list arrives.
  const results = useMemo(() => searchCities(text), [text, loaded]);
  const coords = parseCoordinates(text);
  const go = (lat: number, lng: number, label: string) => {
    onGo(lat, lng, label);
    setText("");
  };
  // ArrowDown from the box enters the suggestions; arrows move between them, Escape returns to the box.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const buttons = [...e.currentTarget.querySelectorAll<HTMLElement>(".search-results button")];
    const input = e.currentTarget.querySelector("input");
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (buttons.length === 0) return;
      e.preventDefault();
      const next = at + (e.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input?.focus();
      else buttons[Math.min(next, buttons.length - 1)]?.focus();
    } else if (e.key === "Escape" && at >= 0) input?.focus();
    else if (e.key === "Escape") setText("");
  };
  return (
    <form
      className="search"
      aria-label="Search the map"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        if (coords) go(coords.lat, coords.lng, text);
        else if (results[0]) go(results[0][2], results[0][3], results[0][0]);
      }}
    >
      <input
        aria-label="Search a city or lat, lng"
        placeholder="Search a city or “48.85, 2.35”"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {(results.length > 0 || coords) && (
        <ul className="search-results">
          {coords && (
            <li>
              <button type="button" onClick={() => go(coords.lat, coords.lng, text)}>
                Go to {coords.lat}, {coords.lng}
              </button>
            </li>
          )}
          {results.map((c) => (
            <li key={`${c[0]}-${c[2]}-${c[3]}`}>
              <button type="button" onClick={() => go(c[2], c[3], c[0])}>
                {c[0]} <span className="muted">{c[1]}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
