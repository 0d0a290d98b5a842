import type { Address, PublicClient } from "viem";
import { adMarketAbi } from "./abis.js";

/**
 * Reads an AdMarket view by name, its result typed by the caller (the settler, the payouts and the
 * tests read many views; viem's per-function typing would need each name spelled at the call).
 */
export const readAdMarket = <T>(
  client: PublicClient,
  address: Address,
  functionName: string,
  args: unknown[] = [],
) =>
  client.readContract({
    address,
    abi: adMarketAbi,
    functionName: functionName as "lastEpochId",
    args: args as [],
  }) as Promise<T>;
