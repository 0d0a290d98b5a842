import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "wouter";
import { ApiError, api } from "../../lib/api";
import { formatDate, formatHxa } from "../../lib/format";
import "./forsale.css";
import {
  EXPIRIES,
  type Expiry,
  emptyForm,
  type FilterForm,
  type Filters,
  listingQuery,
  parsePrices,
  SORTS,
  type Sort,
} from "./listingQuery";
import { MarketStats, plotHref } from "./MarketStats";

const PAGE = 20;
const RADII = ["5", "25", "100", "500"];

/** Plots for sale: the area's market at the top, filters, a sort, and the listings a page at a time. */
export function ForSalePage() {
  const [form, setForm] = useState<FilterForm>(emptyForm);
  const [filters, setFilters] = useState<Filters>({ radiusKm: 25, expires: "any" });
  const [problem, setProblem] = useState<string>();
  const [sort, setSort] = useState<Sort>("newest");
  const [offset, setOffset] = useState(0);
  // The expiry window is counted from when the filters were applied, so the query key stays put.
  const [appliedAt, setAppliedAt] = useState(() => Math.floor(Date.now() / 1000));
  const query = listingQuery(filters, sort, offset, PAGE, appliedAt);
  const listings = useQuery({
    queryKey: ["listings", query],
    queryFn: () => api.listings(query),
    placeholderData: keepPreviousData,
  });
  const field = (k: keyof FilterForm) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  const apply = async (e: FormEvent) => {
    e.preventDefault();
    const prices = parsePrices(form);
    if ("problem" in prices) return setProblem(prices.problem);
    let near: Filters["near"];
    if (form.place.trim()) {
      const found = await api.placeSearch(form.place.trim()).catch((err: unknown) => err);
      if (found instanceof ApiError) return setProblem(found.message);
      const first = (found as Awaited<ReturnType<typeof api.placeSearch>>).results[0];
      if (!first) return setProblem(`No place called “${form.place.trim()}”: try a city name`);
      near = { lat: first.lat, lng: first.lng, label: first.label };
    }
    setProblem(undefined);
    setFilters({ near, radiusKm: Number(form.radiusKm), expires: form.expires, ...prices });
    setAppliedAt(Math.floor(Date.now() / 1000));
    setOffset(0);
  };
  const reset = () => {
    setForm(emptyForm);
    setProblem(undefined);
    setFilters({ radiusKm: 25, expires: "any" });
    setOffset(0);
  };

  const rows = listings.data?.listings ?? [];
  const total = listings.data?.total ?? 0;
  return (
    <div className="page forsale">
      <h1>For sale</h1>
      <MarketStats filters={filters} />
      <form className="filters card" aria-label="Filters" onSubmit={apply}>
        <label>
          Near
          <input
            name="place"
            value={form.place}
            onChange={field("place")}
            placeholder="Anywhere (or a city, e.g. Paris)"
          />
        </label>
        <label>
          Within
          <select name="radius" value={form.radiusKm} onChange={field("radiusKm")}>
            {RADII.map((r) => (
              <option key={r} value={r}>
                {r} km
              </option>
            ))}
          </select>
        </label>
        <label>
          Min price (HXA)
          <input name="minPrice" inputMode="decimal" value={form.minPrice} onChange={field("minPrice")} />
        </label>
        <label>
          Max price (HXA)
          <input name="maxPrice" inputMode="decimal" value={form.maxPrice} onChange={field("maxPrice")} />
        </label>
        <label>
          Listing ends
          <select
            name="expires"
            value={form.expires}
            onChange={(e) => setForm({ ...form, expires: e.target.value as Expiry })}
          >
            {EXPIRIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit" className="btn primary">
            Apply filters
          </button>
          <button type="button" className="btn" onClick={reset}>
            Clear
          </button>
        </div>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </form>
      <div className="listing-bar">
        <p aria-live="polite" data-testid="listing-total">
          {listings.isError
            ? `Could not load listings: ${(listings.error as Error).message}`
            : listings.data
              ? `${total} plot${total === 1 ? "" : "s"} for sale${filters.near ? ` within ${filters.radiusKm} km of ${filters.near.label}` : ""}`
              : "Loading…"}
        </p>
        <label className="inline sort">
          Sort by
          <select
            name="sort"
            value={sort}
            onChange={(e) => {
              setSort(e.target.value as Sort);
              setOffset(0);
            }}
          >
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Plots for sale">
            <thead>
              <tr>
                <th>Plot</th>
                <th className="num">Price</th>
                <th>Ends</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.cell}>
                  <td>
                    <Link href={plotHref(p.cell)}>{p.place.label}</Link>
                    <div className="mono muted small">{p.cell}</div>
                  </td>
                  <td className="num">
                    <strong>{formatHxa(p.listing?.price)}</strong>
                    <div className="muted small">listed {formatDate(p.listedAt)}</div>
                  </td>
                  <td>{p.listing ? formatDate(p.listing.expiry) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {listings.data && rows.length === 0 && (
        <p>
          Nothing for sale matches. <Link href="/">Find a plot on the map</Link> or clear the filters.
        </p>
      )}
      {total > PAGE && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="btn"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Previous
          </button>
          <span>
            {offset + 1}–{Math.min(offset + PAGE, total)} of {total}
          </span>
          <button
            type="button"
            className="btn"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
