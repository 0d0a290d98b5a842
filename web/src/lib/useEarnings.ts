import { useQuery } from "@tanstack/react-query";
import { api } from "./api";

/** An account's earnings (pending, settled, claimable with its proof), kept fresh (Earn, Portfolio). */
export const useEarnings = (address: string | undefined, refetchInterval = 5000) =>
  useQuery({
    queryKey: ["earnings", address],
    queryFn: () => api.earnings(address as string),
    enabled: !!address,
    refetchInterval,
  });

/** An account's newest credits and claims, kept fresh. */
export const useEarningsHistory = (address: string | undefined) =>
  useQuery({
    queryKey: ["history", address],
    queryFn: () => api.history(address as string),
    enabled: !!address,
    refetchInterval: 5000,
  });
