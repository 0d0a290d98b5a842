import { Link } from "wouter";
import { formatHxa } from "../../lib/format";

export interface Numbers {
  price?: bigint;
  ownerPct?: number;
  viewerPct?: number;
}

/** What a first-time visitor needs in ten seconds: what HexAds is, what HXA is, what a plot costs. */
export function IntroText({ price, ownerPct, viewerPct, onClose }: Numbers & { onClose: () => void }) {
  const pct = (p: number | undefined, fallback: string) => (p === undefined ? fallback : `${p} %`);
  return (
    <section className="intro" aria-labelledby="intro-title">
      <h2 id="intro-title">Own a piece of the map, earn from the ads shown in it</h2>
      <p>
        <strong>HexAds</strong> cuts the world into hexagonal plots of about 5 km². Local businesses show ads
        in the plots around them; people nearby earn{" "}
        <strong data-testid="intro-viewer-share">{pct(viewerPct, "a share")}</strong> of every click they
        make, and the plot's owner earns <strong>{pct(ownerPct, "a share")}</strong>.
      </p>
      <p>
        <strong>HXA</strong> is the HexAds token: plots, ads and earnings are all paid in it.{" "}
        <span data-testid="intro-price">
          A free plot costs <strong>{price === undefined ? "…" : formatHxa(price)}</strong>
        </span>
        ; zoom in and pick one, or <Link href="/earn">get paid for clicking ads near you</Link>.
      </p>
      <button type="button" className="btn" onClick={onClose}>
        Got it
      </button>
    </section>
  );
}
