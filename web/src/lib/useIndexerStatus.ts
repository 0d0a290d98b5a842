import { useQuery } from "@tanstack/react-query";
import { api } from "./api";

/** The indexer's /status, refreshed every few seconds (header badge, transaction progress). */
export const useIndexerStatus = () =>
  useQuery({ queryKey: ["status"], queryFn: api.status, refetchInterval: 4000 });
