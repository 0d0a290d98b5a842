import { QueryClient } from "@tanstack/react-query";

/** One cache for the indexer's data and wagmi's chain reads. */
export const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 2_000, retry: 1 } } });
