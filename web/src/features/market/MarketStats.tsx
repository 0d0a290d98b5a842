import { useQuery } from "@tanstack/react-query";
import { cellToLatLng } from "h3-js";
import { formatUnits } from "viem";
import { Link } from "wouter";
import { api } from "../../lib/api";
import { formatDate, formatHxa } from "../../lib/format";
import { areaQuery, type Filters } from "./listingQuery";
import { Sparkline } from "./Sparkline";

/** The link that opens a plot on the map. */
export const plotHref = (cell: string) => {
  const [lat, lng] = cellToLatLng(cell);
  return `/?at=${lat.toFixed(4)},${lng.toFixed(4)},13&cell=${cell}`;
};

/** The area's floor price, how many plots are for sale, and its latest resales. */
export function MarketStats({ filters }: { filters: Filters }) {
  const area = areaQuery(filters);
  const stats = useQuery({ queryKey: ["market-stats", area], queryFn: () => api.marketStats(area) });
  const s = stats.data;
  const sales = s?.sales ?? [];
  const last = sales.at(-1);
  const where = filters.near ? `within ${filters.radiusKm} km of ${filters.near.label}` : "everywhere";
  return (
    <section className="cards market-stats" aria-label={`Market ${where}`}>
      <div className="card">
        <div className="eyebrow">Floor price</div>
        <div className="big" data-testid="floor-price">
          {s?.floor && s.floorCell ? <Link href={plotHref(s.floorCell)}>{formatHxa(s.floor)}</Link> : "—"}
        </div>
        <div className="muted small">cheapest plot for sale {where}</div>
      </div>
      <div className="card">
        <div className="eyebrow">For sale</div>
        <div className="big" data-testid="listed-count">
          {s ? s.listed : "…"}
        </div>
        <div className="muted small">
          {s?.listed === 1 ? "plot" : "plots"} listed {where}
        </div>
      </div>
      <div className="card">
        <div className="eyebrow">Recent sales</div>
        {last ? (
          <>
            <div className="big" data-testid="last-sale">
              {formatHxa(last.price)}
            </div>
            <div className="muted small">
              last sold {formatDate(last.timestamp)}; {sales.length} sale{sales.length === 1 ? "" : "s"}
            </div>
            <Sparkline
              values={sales.map((x) => Number(formatUnits(BigInt(x.price), 18)))}
              label={`Prices of the last ${sales.length} sales, from ${formatHxa(sales[0]?.price)} to ${formatHxa(last.price)}`}
            />
          </>
        ) : (
          <div className="muted small">{s ? `No resales ${where} yet` : "…"}</div>
        )}
      </div>
    </section>
  );
}
