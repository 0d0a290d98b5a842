import type { ViewableProof } from "@hexads/protocol";

/** One showing of an ad on screen: its report, and whether its proof is kept whatever comes. */
interface Showing {
  proof: Promise<ViewableProof>;
  /** Set when the report is answered: from then on a click on it is paid. */
  clickableAt?: number;
  /** Clicked: the click waits for this proof, so it is no longer dropped. */
  pinned: boolean;
}

/**
 * Signed viewability on the viewer's side, per served token. An ad coming at least half on screen
 * is reported at once (`report`: proveViewable); its proof counts once it has been clickable while
 * the ad stayed on screen. An ad leaving the screen before that drops the proof, so the next
 * showing reports again and starts its second anew: the second on screen is continuous.
 */
export class ViewabilityTracker {
  private readonly showings = new Map<string, Showing>();

  constructor(
    private readonly report: (token: string) => Promise<ViewableProof>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The ad is at least half on screen: reports it, unless this showing already did. */
  shown(token: string): Showing {
    const current = this.showings.get(token);
    if (current) return current;
    const showing: Showing = { proof: this.report(token), pinned: false };
    showing.proof.then(
      (p) => {
        showing.clickableAt = p.clickableAt;
      },
      // A refused report proves nothing: the next showing (or the click) reports again.
      () => this.drop(token, showing),
    );
    this.showings.set(token, showing);
    return showing;
  }

  /** The ad is less than half on screen: a proof not yet clickable is dropped. */
  hidden(token: string): void {
    const s = this.showings.get(token);
    if (s && !s.pinned && (s.clickableAt === undefined || this.now() < s.clickableAt)) this.drop(token, s);
  }

  /** The ad is gone from the page: nothing of it is kept but a click already waiting on it. */
  forget(token: string): void {
    const s = this.showings.get(token);
    if (s && !s.pinned) this.drop(token, s);
  }

  /**
   * The ad was clicked (so it is on screen): the proof of this showing, which the click waits
   * for; the click is paid from its `clickableAt`.
   */
  clicked(token: string): Promise<ViewableProof> {
    const s = this.shown(token);
    s.pinned = true;
    return s.proof;
  }

  private drop(token: string, showing: Showing) {
    if (this.showings.get(token) === showing) this.showings.delete(token);
  }
}
