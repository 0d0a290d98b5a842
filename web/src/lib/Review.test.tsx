import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Review } from "./Review";

const renderReview = (onConfirm = vi.fn(), onBack = vi.fn()) => {
  render(
    <Review
      title="Review your offer"
      rows={[{ label: "Your offer", value: "15 HXA", key: true }]}
      confirm="Offer 15 HXA"
      onConfirm={onConfirm}
      onBack={onBack}
    />,
  );
  return { onConfirm, onBack, region: screen.getByRole("region", { name: "Review your offer" }) };
};

describe("Review", () => {
  afterEach(cleanup);
  it("takes the focus when it opens", () => {
    const { region } = renderReview();
    expect(document.activeElement).toBe(region);
  });
  it("confirms only through its confirm button", () => {
    const { onConfirm, onBack } = renderReview();
    fireEvent.click(screen.getByRole("button", { name: "Offer 15 HXA" }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(onBack).not.toHaveBeenCalled();
  });
  it("goes back on Escape without the key reaching the panel's window listener", () => {
    const panelEscape = vi.fn();
    window.addEventListener("keydown", panelEscape);
    const { region, onBack } = renderReview();
    fireEvent.keyDown(region, { key: "Escape" });
    window.removeEventListener("keydown", panelEscape);
    expect(onBack).toHaveBeenCalledOnce();
    expect(panelEscape).not.toHaveBeenCalled();
  });
});
