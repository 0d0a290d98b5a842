// The sponsored payout's promise, checked on chain: the viewer holds its HXA, still holds no ETH,
// and never sent a transaction (the payout operator did).
import { type Address, createPublicClient, http } from "viem";
import { expect } from "vitest";
import { hexTokenAbi } from "../../../indexer/src/chain/abis";
import type { Stack } from "./stack";

export async function expectPaidWithoutGas(stack: Stack, viewer: Address, hxa: bigint) {
  const chain = createPublicClient({ transport: http(stack.rpcUrl) });
  const token = stack.deployment.HexToken;
  expect({
    hxa: await chain.readContract({
      address: token,
      abi: hexTokenAbi,
      functionName: "balanceOf",
      args: [viewer],
    }),
    eth: await chain.getBalance({ address: viewer }),
    sent: await chain.getTransactionCount({ address: viewer }),
  }).toEqual({ hxa, eth: 0n, sent: 0 });
}
