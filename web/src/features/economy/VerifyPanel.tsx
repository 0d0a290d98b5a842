import type { VerifyResult } from "@hexads/economy";
import { useRef, useState } from "react";
import { createPublicClient, http } from "viem";
import { config, deployment } from "../../lib/config";
import { formatHxa } from "../../lib/format";

type State =
  | { step: "idle" }
  | { step: "reading"; done: number; logs: number; block: bigint; head: bigint }
  | { step: "checking"; epochs: number }
  | { step: "done"; result: VerifyResult }
  | { step: "failed"; message: string };

/**
 * "Verify in your browser": reads the contracts' logs straight from the chain's RPC, not from
 * the indexer, and checks conservation epoch by epoch (packages/economy). The indexer only offers
 * leaves, which count only when they rebuild the root posted on-chain.
 */
export function VerifyPanel() {
  const [state, setState] = useState<State>({ step: "idle" });
  const abort = useRef<AbortController | null>(null);
  const run = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ step: "reading", done: 0, logs: 0, block: 0n, head: 0n });
    try {
      // The checker (with its Merkle tree library) loads only when someone asks for the check.
      const { indexerLeaves, verifyEconomy } = await import("@hexads/economy");
      const client = createPublicClient({ transport: http(config.rpcUrl) });
      const result = await verifyEconomy(client, deployment(), {
        signal: controller.signal,
        leaves: indexerLeaves(config.indexerUrl),
        onProgress: (p) => {
          const span = Number(p.toBlock - p.fromBlock + 1n);
          const done = span > 0 ? Number(p.readTo - p.fromBlock + 1n) / span : 1;
          setState({ step: "reading", done, logs: p.logs, block: p.readTo, head: p.toBlock });
        },
        onChecking: (epochs) => setState({ step: "checking", epochs }),
      });
      setState({ step: "done", result });
    } catch (e) {
      if (!controller.signal.aborted) setState({ step: "failed", message: (e as Error).message });
    }
  };
  const busy = state.step === "reading" || state.step === "checking";
  return (
    <section className="card verify" aria-labelledby="verify-title">
      <h2 id="verify-title">Check it yourself</h2>
      <p className="small muted">
        Your browser reads AdMarket's logs and HXA transfers from the chain ({config.rpcUrl}) and checks every
        epoch: posted total = new campaign spend, nobody's cumulative earnings fall, claims ≤ settled, and
        AdMarket's balance = budgets − withdrawn − claimed. It trusts no indexer.
      </p>
      <div className="row">
        <button type="button" className="btn primary" onClick={run} disabled={busy}>
          {busy ? "Verifying…" : "Verify in your browser"}
        </button>
        {busy && (
          <button type="button" className="btn" onClick={() => abort.current?.abort()}>
            Stop
          </button>
        )}
      </div>
      {state.step === "reading" && (
        <div className="verify-progress">
          <progress value={state.done} max={1} aria-label="Reading chain logs" />
          <span className="small muted" data-testid="verify-progress">
            Reading block {state.block.toString()} of {state.head.toString()} · {state.logs} logs
          </span>
        </div>
      )}
      <div role="status" data-testid="verify-result">
        {state.step === "checking" && <p>Checking {state.epochs} epochs…</p>}
        {state.step === "failed" && (
          <p className="verify-bad">The check could not run: {state.message}. Try again.</p>
        )}
        {state.step === "done" && <Outcome result={state.result} />}
      </div>
    </section>
  );
}

function Outcome({ result }: { result: VerifyResult }) {
  const b = result.break;
  const span = `blocks ${result.fromBlock}–${result.toBlock}, ${result.epochs} epochs (${result.leafChecked} leaf by leaf)`;
  return (
    <>
      {b ? (
        <p className="verify-bad">
          ✗ {b.epoch === null ? "Before the first epoch" : `Epoch ${b.epoch}`} breaks conservation: {b.reason}{" "}
          (block {b.block.toString()}).
        </p>
      ) : (
        <p className="verify-ok">✓ Conservation holds in every epoch.</p>
      )}
      <p className="small muted">
        {span}. Escrow {formatHxa(result.totals.escrow)}, budgets {formatHxa(result.totals.budgets)}, settled{" "}
        {formatHxa(result.totals.settled)}, claimed {formatHxa(result.totals.claimed)}, withdrawn{" "}
        {formatHxa(result.totals.withdrawn)}.
      </p>
      {result.notes.map((n) => (
        <p key={n} className="small muted">
          Note: {n}
        </p>
      ))}
    </>
  );
}
