import { VIEWABLE_MIN_RATIO } from "@hexads/protocol";
import { type ComponentProps, useEffect, useRef } from "react";
import { AdCard } from "../../lib/AdCard";
import type { ViewabilityTracker } from "./viewability";

/**
 * An ad on Earn, watched while it is on the page: at least half of it on screen reports it to the
 * tracker (the signed viewability report its click needs), less than half hides it.
 */
export function WatchedAd({
  tracker,
  token,
  ...card
}: ComponentProps<typeof AdCard> & { tracker: ViewabilityTracker | undefined; token: string }) {
  const el = useRef<HTMLElement>(null);
  useEffect(() => {
    const target = el.current;
    if (!target || !tracker) return;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries)
          if (e.intersectionRatio >= VIEWABLE_MIN_RATIO) tracker.shown(token);
          else tracker.hidden(token);
      },
      { threshold: VIEWABLE_MIN_RATIO },
    );
    observer.observe(target);
    return () => {
      observer.disconnect();
      tracker.forget(token);
    };
  }, [tracker, token]);
  return <AdCard {...card} cardRef={el} />;
}
