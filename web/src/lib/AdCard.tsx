import type { Creative } from "@hexads/protocol";
import type { Ref } from "react";

/** An ad exactly as a viewer sees it; the advertiser's preview uses the same component. */
export function AdCard({
  creative,
  reward,
  onClick,
  note,
  cardRef,
}: {
  creative: Creative;
  /** What a click earns the viewer, in words ("you earn 0.6 HXA for a click"). */
  reward?: string;
  onClick?: () => void;
  note?: string;
  /**
   * The card's element, for a page that watches it on screen (Earn's viewability report). Not
   * `ref`: under preact/compat a function component's `ref` is its instance, not a prop.
   */
  cardRef?: Ref<HTMLElement>;
}) {
  return (
    <article className="ad-card" ref={cardRef}>
      {creative.imageUrl && <img src={creative.imageUrl} alt="" className="ad-image" />}
      <div className="ad-body">
        <div className="eyebrow" data-testid="ad-reward">
          Sponsored{reward ? ` · ${reward}` : ""}
        </div>
        <h3 className="ad-title">{creative.title || "Your headline"}</h3>
        <p>{creative.body || "Your message to people nearby."}</p>
        <button type="button" className="btn primary" onClick={onClick} disabled={!onClick}>
          Open {hostOf(creative.landingUrl)}
        </button>
        {note && (
          <div className="ad-note" role="status">
            {note}
          </div>
        )}
      </div>
    </article>
  );
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return "the offer";
  }
};
