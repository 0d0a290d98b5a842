// One helper drives every transaction: wallet signature, pending, confirmed, final once the
// indexer's CONFIRMATIONS blocks are on top of it (at once on the dev chain), then "indexed" once the
// indexer has caught up with the receipt's block, so lists refreshed after it are up to date.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Hash } from "viem";
import { usePublicClient } from "wagmi";
import { api } from "./api";
import { describeError } from "./errors";

export type TxStage = "idle" | "signing" | "pending" | "confirmed" | "final" | "indexed" | "error";
export interface TxState {
  stage: TxStage;
  label?: string;
  hash?: Hash;
  error?: string;
  /** While confirmed: blocks on top of the transaction's block, of the `needed` that make it final. */
  depth?: { blocks: number; needed: number };
  /** While final: the indexer has not reached the transaction's block for a while. */
  indexerBehind?: boolean;
}

export const STAGE_TEXT: Record<TxStage, string> = {
  idle: "",
  signing: "Waiting for your signature…",
  pending: "Transaction sent, waiting for the block…",
  confirmed: "Confirmed on chain…",
  final: "Final. Updating the map…",
  indexed: "Done.",
  error: "Failed.",
};

const POLL_MS = 1000;

/**
 * Until the indexer has read `block`. No deadline: "Done." must mean the lists show the change; an
 * indexer this far behind is said so (`onSlow`) instead.
 */
async function waitIndexed(block: bigint, onSlow: () => void, slowMs = 30_000) {
  const slowAt = Date.now() + slowMs;
  for (;;) {
    const s = await api.status().catch(() => undefined);
    if (s && BigInt(s.indexed) >= block) return;
    if (Date.now() >= slowAt) onSlow();
    await new Promise((r) => setTimeout(r, 400));
  }
}

export function useTx() {
  const [state, setState] = useState<TxState>({ stage: "idle" });
  const publicClient = usePublicClient();
  const queryClient = useQueryClient();

  /** Runs the steps in order (e.g. approve, then buy); each returns a transaction hash. */
  async function run(label: string, ...steps: (() => Promise<Hash>)[]): Promise<boolean> {
    // At once, before anything is awaited: the last run's "Done." must not stand for this one.
    setState({ stage: "signing", label });
    try {
      const client = publicClient as NonNullable<typeof publicClient>;
      // The indexer's confirmations make a transaction final; unknown while it is down: none awaited.
      const confirmations = (await api.status().catch(() => undefined))?.confirmations ?? 0;
      let last: bigint | undefined;
      for (const step of steps) {
        setState({ stage: "signing", label });
        const hash = await step();
        setState({ stage: "pending", label, hash });
        const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: POLL_MS });
        if (receipt.status !== "success") throw new Error("The transaction reverted on chain.");
        last = receipt.blockNumber;
        setState({ stage: "confirmed", label, hash, depth: { blocks: 0, needed: confirmations } });
      }
      if (last !== undefined) {
        // Final when the indexer's confirmations are on top of the last step (a reorg could still
        // drop it before): the indexer shows nothing of it until then.
        for (;;) {
          const blocks = Number((await client.getBlockNumber({ cacheTime: 0 })) - last);
          if (blocks >= confirmations) break;
          setState((s) => ({ ...s, depth: { blocks, needed: confirmations } }));
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
        setState((s) => ({ ...s, stage: "final", depth: undefined }));
        await waitIndexed(last, () => setState((s) => (s.indexerBehind ? s : { ...s, indexerBehind: true })));
      }
      setState((s) => ({ ...s, stage: "indexed", indexerBehind: undefined }));
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
