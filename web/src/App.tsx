import { lazy, type ReactNode, Suspense, useState } from "react";
import { Link, Route, Switch, useLocation } from "wouter";
import { WalletGate } from "./features/wallet/WalletProvider";
import { useIndexerStatus } from "./lib/useIndexerStatus";

const MapPage = lazy(() => import("./features/map/MapPage").then((m) => ({ default: m.MapPage })));
const EarnPage = lazy(() => import("./features/earn/EarnPage").then((m) => ({ default: m.EarnPage })));
const AdvertisePage = lazy(() =>
  import("./features/advertise/AdvertisePage").then((m) => ({ default: m.AdvertisePage })),
);
const CampaignsPage = lazy(() =>
  import("./features/advertise/CampaignsPage").then((m) => ({ default: m.CampaignsPage })),
);
const WalletButton = lazy(() =>
  import("./features/wallet/WalletButton").then((m) => ({ default: m.WalletButton })),
);
const EconomyPage = lazy(() =>
  import("./features/economy/EconomyPage").then((m) => ({ default: m.EconomyPage })),
);
const ForSalePage = lazy(() =>
  import("./features/market/ForSalePage").then((m) => ({ default: m.ForSalePage })),
);
const Portfolio = lazy(() =>
  import("./features/portfolio/Portfolio").then((m) => ({ default: m.Portfolio })),
);

/** The main navigation; on a phone it folds behind a Menu button (styles.css). */
function Nav() {
  const [location] = useLocation();
  const [open, setOpen] = useState(false);
  const item = (href: string, label: string) => (
    <Link
      href={href}
      className={location === href ? "active" : ""}
      aria-current={location === href ? "page" : undefined}
      onClick={() => setOpen(false)}
    >
      {label}
    </Link>
  );
  return (
    <>
      <button
        type="button"
        className="btn menu-toggle"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
      >
        ☰ Menu
      </button>
      <nav id="main-nav" aria-label="Main" className={open ? "open" : ""}>
        {item("/", "Map")}
        {item("/for-sale", "For sale")}
        {item("/earn", "Earn")}
        {item("/advertise", "Advertise")}
        {item("/campaigns", "My campaigns")}
        {item("/portfolio", "Portfolio")}
        {item("/economy", "Economy")}
      </nav>
    </>
  );
}

function IndexerBadge() {
  const s = useIndexerStatus();
  if (s.isError)
    return (
      <span className="badge bad" title="Start it with npm run dev">
        Indexer offline
      </span>
    );
  if (!s.data) return null;
  return (
    <span
      className={`badge ${s.data.lag > 5 ? "warn" : "ok"}`}
      title={`Indexed block ${s.data.indexed} of ${s.data.head}`}
    >
      {s.data.lag > 5 ? `Catching up (${s.data.lag} blocks)` : `Block ${s.data.indexed}`}
    </span>
  );
}

/** Pages that act with the wallet wait for its code; the map does not. */
const withWallet = (page: ReactNode) => (
  <WalletGate fallback={<div className="page muted">Loading wallet…</div>}>{page}</WalletGate>
);

export function App() {
  return (
    <div className="app">
      <header className="topbar">
        <Link href="/" className="brand" aria-label="HexAds home">
          <span className="logo" aria-hidden="true">
            ⬢
          </span>{" "}
          HexAds
        </Link>
        <Nav />
        <div className="spacer" />
        <IndexerBadge />
        <WalletGate fallback={<span className="badge">Loading wallet…</span>}>
          <Suspense fallback={<span className="badge">Loading wallet…</span>}>
            <WalletButton />
          </Suspense>
        </WalletGate>
      </header>
      <main>
        <Suspense fallback={<div className="page">Loading…</div>}>
          <Switch>
            <Route path="/" component={MapPage} />
            <Route path="/for-sale" component={ForSalePage} />
            <Route path="/portfolio">{withWallet(<Portfolio />)}</Route>
            <Route path="/earn">{withWallet(<EarnPage />)}</Route>
            <Route path="/advertise">{withWallet(<AdvertisePage />)}</Route>
            <Route path="/campaigns">{withWallet(<CampaignsPage />)}</Route>
            <Route path="/economy" component={EconomyPage} />
            <Route>
              <div className="page">
                <h1>Not found</h1>
                <Link href="/">Back to the map</Link>
              </div>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </div>
  );
}
