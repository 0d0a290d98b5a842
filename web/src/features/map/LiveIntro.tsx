import { useReadAdMarketSplit, useReadPlotsPrimaryPrice } from "../../generated";
import { deployment } from "../../lib/config";
import { IntroText } from "./IntroText";

/** The same text with the live numbers, read from the contracts (no wallet connection needed). */
export function LiveIntro({ onClose }: { onClose: () => void }) {
  const d = deployment();
  const price = useReadPlotsPrimaryPrice({ address: d.Plots }).data;
  const split = useReadAdMarketSplit({ address: d.AdMarket }).data;
  return (
    <IntroText
      price={price}
      viewerPct={split ? split[0] / 100 : undefined}
      ownerPct={split ? split[1] / 100 : undefined}
      onClose={onClose}
    />
  );
}
