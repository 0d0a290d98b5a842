import type { ViewableProof } from "@hexads/protocol";
import { render } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ViewabilityTracker } from "./viewability";
import { WatchedAd } from "./WatchedAd";

/** jsdom has no IntersectionObserver: this one records what it watches and lets a test move it. */
class FakeObserver {
  static last: FakeObserver | undefined;
  target: Element | undefined;
  disconnected = false;
  constructor(readonly callback: (entries: { intersectionRatio: number }[]) => void) {
    FakeObserver.last = this;
  }
  observe(target: Element) {
    if (!(target instanceof Element)) throw new TypeError("parameter 1 is not of type 'Element'.");
    this.target = target;
  }
  disconnect() {
    this.disconnected = true;
  }
  show(ratio: number) {
    this.callback([{ intersectionRatio: ratio }]);
  }
}

afterEach(() => vi.unstubAllGlobals());

describe("WatchedAd", () => {
  it("watches its card element and reports the ad once at least half of it is on screen", async () => {
    vi.stubGlobal("IntersectionObserver", FakeObserver);
    const reported: string[] = [];
    const tracker = new ViewabilityTracker(async (token) => {
      reported.push(token);
      return { token, clickableAt: 0 } as ViewableProof;
    });
    const { unmount } = render(
      <WatchedAd
        tracker={tracker}
        token="t1"
        creative={{ title: "Ad", body: "", imageUrl: "", landingUrl: "" }}
      />,
    );
    const observer = FakeObserver.last as FakeObserver;
    expect(observer.target?.className).toBe("ad-card");
    observer.show(0.49);
    expect(reported).toEqual([]);
    observer.show(0.5);
    expect(reported).toEqual(["t1"]);
    unmount();
    expect(observer.disconnected).toBe(true);
  });
});
