// Claiming earnings: AdMarket.claim with the cumulative amount and proof the indexer serves.
import type { Address, Hash } from "viem";
import { adMarketAbi } from "../generated";
import type { EarningsResponse } from "./api";
import { deployment } from "./config";
import { send } from "./contracts";

export const sendClaim = (account: Address, c: NonNullable<EarningsResponse["claim"]>): Promise<Hash> =>
  send({
    address: deployment().AdMarket,
    abi: adMarketAbi,
    functionName: "claim",
    args: [account, BigInt(c.cumulative), c.proof as `0x${string}`[]],
  });
