import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";

/** The plot's open offers from the indexer; nothing to ask while the plot has no owner. */
export const usePlotOffers = (cell: string, owned: boolean) =>
  useQuery({ queryKey: ["plot-offers", cell], queryFn: () => api.plotOffers(cell), enabled: owned });
