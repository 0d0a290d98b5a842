import { type ReactNode, useEffect, useId, useRef } from "react";
import "./review.css";

export interface ReviewRow {
  label: string;
  value: ReactNode;
  /** The figure the person is about to agree to (the total, what they receive). */
  key?: boolean;
}

/**
 * The last step before a wallet opens: what will happen, in figures, with Back and one confirm button.
 * It takes the focus when it opens, so a keyboard or a phone user lands on it; Escape goes back.
 */
export function Review({
  title,
  rows,
  children,
  confirm,
  onConfirm,
  onBack,
}: {
  title: string;
  rows: ReviewRow[];
  /** Sentences under the figures: what is escrowed, what ends, how many signatures. */
  children?: ReactNode;
  confirm: string;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const id = useId();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // Focusing also scrolls it into view (in a phone's bottom sheet too).
    ref.current?.focus();
  }, []);
  return (
    <section
      ref={ref}
      className="review"
      aria-labelledby={id}
      tabIndex={-1}
      onKeyDown={(e) => {
        // Escape steps back out of the review, not out of the panel around it.
        if (e.key !== "Escape") return;
        e.stopPropagation();
        onBack();
      }}
    >
      <h3 id={id}>{title}</h3>
      <dl className="review-rows">
        {rows.map((r) => (
          <div key={r.label} className={r.key ? "key" : undefined}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
      {children && <div className="review-notes">{children}</div>}
      <div className="review-buttons">
        <button type="button" className="btn" onClick={onBack}>
          Back
        </button>
        <button type="button" className="btn primary" onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </section>
  );
}
