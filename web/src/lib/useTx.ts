// One helper drives every transaction: wallet signature, pending, confirmed, then "indexed" once
// the indexer has caught up with the receipt's block, so lists refreshed after it are up to date.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Hash } from "viem";
import { usePublicClient } from "wagmi";
import { api } from "./api";
import { describeError } from "./errors";

export type TxStage = "idle" | "signing" | "pending" | "confirmed" | "indexed" | "error";
export interface TxState {
  stage: TxStage;
  label?: string;
  hash?: Hash;
  error?: string;
}

export const STAGE_TEXT: Record<TxStage, string> = {
  idle: "",
  signing: "Waiting for your signature…",
  pending: "Transaction sent, waiting for the block…",
  confirmed: "Confirmed on chain. Updating the map…",
  indexed: "Done.",
  error: "Failed.",
};

async function waitIndexed(block: bigint, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = await api.status().catch(() => undefined);
    if (s && BigInt(s.indexed) >= block) return;
    await new Promise((r) => setTimeout(r, 400));
  }
}

export function useTx() {
  const [state, setState] = useState<TxState>({ stage: "idle" });
  const publicClient = usePublicClient();
  const queryClient = useQueryClient();

  /** Runs the steps in order (e.g. approve, then buy); each returns a transaction hash. */
  async function run(label: string, ...steps: (() => Promise<Hash>)[]): Promise<boolean> {
    try {
      let last: bigint | undefined;
      for (const step of steps) {
        setState({ stage: "signing", label });
        const hash = await step();
        setState({ stage: "pending", label, hash });
        const receipt = await (publicClient as NonNullable<typeof publicClient>).waitForTransactionReceipt({
          hash,
        });
        if (receipt.status !== "success") throw new Error("The transaction reverted on chain.");
        last = receipt.blockNumber;
        setState({ stage: "confirmed", label, hash });
      }
      if (last !== undefined) await waitIndexed(last);
      setState((s) => ({ ...s, stage: "indexed" }));
      await queryClient.invalidateQueries();
      return true;
    } catch (err) {
      setState({ stage: "error", label, error: describeError(err).message });
      return false;
    }
  }

  return { state, run, reset: () => setState({ stage: "idle" }) };
}

/** `useTx().run`, for a form that sends through its parent's transaction status. */
export type RunTx = ReturnType<typeof useTx>["run"];
