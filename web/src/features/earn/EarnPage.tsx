import { clickMessage, DEFAULT_CLICK_MIN_MS, parseCreative, proveViewable } from "@hexads/protocol";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { cellToLatLng, latLngToCell } from "h3-js";
import { useEffect, useMemo, useState } from "react";
import { useReadAdMarketSplit } from "../../generated";
import { type Ad, ApiError, api } from "../../lib/api";
import { ClaimButton } from "../../lib/ClaimButton";
import { cellPolygon } from "../../lib/cells";
import { sendClaim } from "../../lib/claim";
import { deployment } from "../../lib/config";
import { describeError } from "../../lib/errors";
import { formatCountdown, formatDate, formatHxa } from "../../lib/format";
import { MapView } from "../../lib/map/MapView";
import { PayoutNote } from "../../lib/PayoutNote";
import { PlaceName } from "../../lib/PlaceName";
import { forgetSession, openSession, type Session, savedSession } from "../../lib/session/session";
import { sessionKeyPair, signWithSession } from "../../lib/session/sessionKey";
import { TxStatus } from "../../lib/TxStatus";
import { useEarnings, useEarningsHistory } from "../../lib/useEarnings";
import { useIndexerStatus } from "../../lib/useIndexerStatus";
import { useNow } from "../../lib/useNow";
import { useTx } from "../../lib/useTx";
import { useWallet } from "../wallet/useWallet";
import { adReward, cappedUntil } from "./adReward";
import { EarningsHistory } from "./EarningsHistory";
import { earningsState } from "./earningsState";
import { RecentClicks } from "./RecentClicks";
import { ViewabilityTracker } from "./viewability";
import { WatchedAd } from "./WatchedAd";

type Place = { lat: number; lng: number; how: "gps" | "picked" };
/** Indexer answers meaning the saved session cannot be used: sign a new one. */
const SESSION_GONE = new Set(["session_unknown", "session_expired", "session_revoked"]);
const sessionGoneError = (err: unknown) => err instanceof ApiError && SESSION_GONE.has(err.code);
const noop = () => {};

export function EarnPage() {
  const w = useWallet();
  const [place, setPlace] = useState<Place>();
  const [session, setSession] = useState<Session | undefined>(() =>
    w.address ? savedSession(w.address) : undefined,
  );
  // Keyed by campaign: an ads reload issues new tokens, and the note must outlive it.
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [dailyCapUntil, setDailyCapUntil] = useState<number>();
  const [error, setError] = useState<string>();
  const tx = useTx();
  const queryClient = useQueryClient();
  const cell = place ? latLngToCell(place.lat, place.lng, 7) : undefined;
  const activeSession =
    session && session.viewer === w.address ? session : w.address ? savedSession(w.address) : undefined;

  const ads = useQuery({
    queryKey: ["ads", cell, activeSession?.id],
    queryFn: async () => (await api.ads(cell as string, activeSession?.id as string)).ads,
    enabled: !!cell && !!activeSession,
    refetchInterval: 60_000,
  });
  const earnings = useEarnings(w.address, 3000);
  const status = useIndexerStatus();
  const split = useReadAdMarketSplit({ address: deployment().AdMarket }).data;
  const history = useEarningsHistory(w.address);
  const e = earnings.data ? earningsState(earnings.data) : undefined;
  // The epoch holding settled-but-not-claimable earnings opens for claims when its challenge ends.
  const settlingEpoch = useQuery({
    queryKey: ["epoch", earnings.data?.settledEpochId],
    queryFn: () => api.epoch(earnings.data?.settledEpochId as string),
    enabled: !!e && e.settling > 0n && !!earnings.data?.settledEpochId,
  });
  const now = useNow();
  const capped = useMemo(() => cappedUntil(history.data?.credits ?? [], now), [history.data, now]);
  // Each ad on screen is reported, signed by the session key; its click is paid a second later.
  const viewability = useMemo(() => {
    const viewer = w.address;
    if (!viewer) return undefined;
    const sign = async (message: string) => signWithSession(await sessionKeyPair(viewer), message);
    return new ViewabilityTracker((token) =>
      proveViewable({ token, sign, post: (body) => api.viewable(body.token, body.signature) }),
    );
  }, [w.address]);
  const sessionGone = sessionGoneError(ads.error);
  // A session the indexer no longer knows (after a reset, or expired) is dropped: sign a new one.
  useEffect(() => {
    if (!sessionGone || !w.address) return;
    forgetSession(w.address);
    setSession(undefined);
    setError("Your earning session ended (or the indexer was reset): sign once more to see ads and earn.");
  }, [sessionGone, w.address]);
  const nextRound = status.data?.settlement?.nextRoundAt;
  const opensAt = settlingEpoch.data?.activatesAt;

  const cells = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: "FeatureCollection",
      features: cell
        ? [{ type: "Feature", properties: { fill: "#2563eb", opacity: 0.45 }, geometry: cellPolygon(cell) }]
        : [],
    }),
    [cell],
  );
  const empty: GeoJSON.FeatureCollection = { type: "FeatureCollection", features: [] };

  const locate = () => {
    setError(undefined);
    if (!navigator.geolocation)
      return setError("This browser cannot share its location: pick your place on the map.");
    navigator.geolocation.getCurrentPosition(
      (p) => setPlace({ lat: p.coords.latitude, lng: p.coords.longitude, how: "gps" }),
      () => setError("Location was not shared: pick your place on the map instead."),
      { enableHighAccuracy: false, timeout: 10_000 },
    );
  };
  const start = async () => {
    if (!w.checksummed) return;
    setError(undefined);
    try {
      setSession(await openSession(w.checksummed));
    } catch (err) {
      setError(describeError(err).message);
    }
  };
  const click = async (ad: Ad, landingUrl: string) => {
    // Open first: browsers only allow a new tab straight from the click.
    window.open(landingUrl, "_blank", "noopener");
    const viewer = w.address;
    if (!viewer || !viewability) return;
    const send = async () => {
      // The indexer refuses a click sooner than a second after the ad was served (click_too_fast)
      // or after it was reported on screen (not_viewable): a quick hand waits out the rest here,
      // after the landing page has opened, with the ad still on screen.
      const proof = await viewability.clicked(ad.token);
      const early = Math.max(proof.clickableAt, ads.dataUpdatedAt + DEFAULT_CLICK_MIN_MS) - Date.now();
      if (early > 0) await new Promise((r) => setTimeout(r, early));
      const signature = await signWithSession(await sessionKeyPair(viewer), clickMessage(proof.token));
      return api.click(proof.token, signature);
    };
    const note = await send().then(
      (paid) => {
        const mine = paid.credits.find((c) => c.role === "viewer");
        return mine
          ? `+${formatHxa(mine.amount, 4)} pending: it becomes claimable after the next settlement.`
          : "The click was not paid.";
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.code === "frequency_daily")
          setDailyCapUntil(Math.floor(Date.now() / 1000) + 86_400);
        return err instanceof ApiError ? err.message : "The click was not paid.";
      },
    );
    setNotes((n) => ({ ...n, [ad.campaignId]: note }));
    await Promise.all([
      earnings.refetch(),
      history.refetch(),
      queryClient.invalidateQueries({ queryKey: ["viewer-clicks", w.address] }),
    ]);
    await ads.refetch();
  };
  const claim = async () => {
    const c = earnings.data?.claim;
    if (!c || !w.checksummed) return;
    const account = w.checksummed;
    await tx.run("Claim earnings", () => sendClaim(account, c));
    await earnings.refetch();
  };

  if (!w.isConnected) {
    return (
      <div className="page">
        <h1>Earn HXA</h1>
        <p>
          Connect a wallet (the local burner works) to see the ads around you and earn HXA for every click.
        </p>
      </div>
    );
  }
  return (
    <div className="page earn">
      <h1>Earn HXA</h1>
      <div className="earn-grid">
        <section className="card">
          <h2>1 · Where are you?</h2>
          <p className="muted small">
            Only your ~2 km plot is sent to the indexer, never your exact position.
          </p>
          <div className="row">
            <button type="button" className="btn" onClick={locate}>
              ◎ Use my location
            </button>
            <span className="muted small">or click your place on the map</span>
          </div>
          <MapView
            key="earn-map"
            className="mini"
            view={place ? { lat: place.lat, lng: place.lng, zoom: 11 } : { lat: 30, lng: 10, zoom: 1.2 }}
            flyTo={
              place ? { lat: place.lat, lng: place.lng, zoom: 11, key: place.lat + place.lng } : undefined
            }
            cells={cells}
            highlight={empty}
            boxSelect={false}
            onMove={noop}
            onCellClick={(c) => {
              const [lat, lng] = cellToLatLng(c);
              setPlace({ lat, lng, how: "picked" });
            }}
            onBox={noop}
          />
          {place && (
            <p data-testid="place">
              Plot <span className="mono">{cell}</span> · <PlaceName cell={cell} /> ·{" "}
              {place.how === "gps" ? "from your device's location" : "picked on the map by you"}
            </p>
          )}
        </section>

        <section className="card">
          <h2>2 · Ads here</h2>
          {!activeSession ? (
            <>
              <p>
                Sign once with your wallet so that your clicks can be paid without asking your wallet every
                time.
              </p>
              <button type="button" className="btn primary" onClick={start}>
                Start earning
              </button>
            </>
          ) : !place ? (
            <p className="muted">Share or pick your place to see its ads.</p>
          ) : ads.isLoading ? (
            <p className="muted">Looking for ads…</p>
          ) : ads.error && !sessionGone ? (
            <p className="tx-error">{(ads.error as Error).message}</p>
          ) : (ads.data ?? []).length === 0 ? (
            <p className="muted">No ads in this plot right now. Try a city centre.</p>
          ) : (
            <div className="ads">
              {(ads.data ?? []).map((ad) => {
                const creative = parseCreative(ad.creativeUri);
                if (!creative) return null;
                return (
                  <WatchedAd
                    key={ad.token}
                    tracker={viewability}
                    token={ad.token}
                    creative={creative}
                    reward={adReward(
                      BigInt(ad.cpc),
                      split?.[0],
                      { campaignUntil: capped.get(ad.campaignId), dailyUntil: dailyCapUntil },
                      now,
                    )}
                    note={notes[ad.campaignId]}
                    onClick={() => void click(ad, creative.landingUrl)}
                  />
                );
              })}
            </div>
          )}
          {error && <p className="tx-error">{error}</p>}
        </section>

        <section className="card">
          <h2>3 · Your earnings</h2>
          {e ? (
            <>
              <ol className="earn-steps">
                <li className={e.pending > 0n ? "now" : ""}>
                  <span>Pending</span>
                  <strong data-testid="earn-pending">{formatHxa(e.pending, 4)}</strong>
                  <small data-testid="next-settlement">
                    {nextRound
                      ? `settles in ${formatCountdown(nextRound - now)}`
                      : "settled at the next epoch"}
                  </small>
                </li>
                <li className={e.settling > 0n ? "now" : ""}>
                  <span>Settled</span>
                  <strong>{formatHxa(e.settling, 4)}</strong>
                  <small>
                    {settlingEpoch.data?.status === "vetoed"
                      ? `epoch ${settlingEpoch.data.id} was vetoed: settled again in the next epoch`
                      : opensAt && e.settling > 0n
                        ? `epoch ${settlingEpoch.data?.id} ${settlingEpoch.data?.status}: claimable in ${formatCountdown(opensAt - now)}`
                        : "waiting for the challenge period"}
                  </small>
                </li>
                <li className={e.claimable > 0n ? "now" : ""}>
                  <span>Claimable</span>
                  <strong data-testid="earn-claimable">{formatHxa(e.claimable, 4)}</strong>
                  <small>yours to claim now</small>
                </li>
                <li>
                  <span>Claimed</span>
                  <strong data-testid="earn-claimed">{formatHxa(e.claimed, 4)}</strong>
                  <small>in your wallet</small>
                </li>
              </ol>
              {earnings.data?.pendingByRole.owner && (
                <p className="small">
                  Of the pending amount, {formatHxa(earnings.data.pendingByRole.owner, 4)} is your plots'
                  share of clicks made in them.
                </p>
              )}
              <ClaimButton
                claimable={e.claimable}
                payout={earnings.data?.payout}
                eth={w.eth}
                onClaim={claim}
              />
              <PayoutNote payout={earnings.data?.payout} />
              <TxStatus state={tx.state} />
              {status.data?.settlement?.lastPostedAt && (
                <p className="muted small">
                  Last settlement: {formatDate(status.data.settlement.lastPostedAt)} (epoch{" "}
                  {status.data.settlement.lastEpochId}).
                </p>
              )}
              {w.address && <RecentClicks address={w.address} />}
              {w.address && <EarningsHistory address={w.address} />}
            </>
          ) : (
            <p className="muted">Loading…</p>
          )}
        </section>
      </div>
    </div>
  );
}
