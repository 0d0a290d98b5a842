import { useReadPlotsPrimaryPrice } from "../../generated";
import { deployment } from "../../lib/config";

/** The price of a never-bought plot, read from the Plots contract. */
export function usePrimaryPrice() {
  return useReadPlotsPrimaryPrice({ address: deployment().Plots }).data;
}
