import { STAGE_TEXT, type TxState } from "./useTx";

const ORDER = ["signing", "pending", "confirmed", "final", "indexed"] as const;
const STEP_LABEL = {
  signing: "Sign",
  pending: "Pending",
  confirmed: "Confirmed",
  final: "Final",
  indexed: "Indexed",
};

/** "Confirmed on chain: 3 of 12 confirmations before it is final…" while blocks are awaited. */
function stageText(state: TxState) {
  if (state.stage === "confirmed" && state.depth && state.depth.needed > 0)
    return `Confirmed on chain: ${state.depth.blocks} of ${state.depth.needed} confirmations before it is final…`;
  if (state.stage === "final" && state.indexerBehind)
    return "Final on chain. The indexer is behind: the map shows it once it catches up…";
  return STAGE_TEXT[state.stage];
}

/** The progress of the current transaction as five steps, or its error in one sentence. */
export function TxStatus({ state }: { state: TxState }) {
  if (state.stage === "idle") return null;
  const at = ORDER.indexOf(state.stage as (typeof ORDER)[number]);
  return (
    <div className={`tx tx-${state.stage}`} role="status" aria-live="polite">
      <div className="tx-label">{state.label}</div>
      {state.stage === "error" ? (
        <div className="tx-error">{state.error}</div>
      ) : (
        <>
          <ol className="tx-steps">
            {ORDER.map((s, i) => (
              <li key={s} className={i < at || state.stage === "indexed" ? "done" : i === at ? "now" : ""}>
                {STEP_LABEL[s]}
              </li>
            ))}
          </ol>
          <div className="tx-text">{stageText(state)}</div>
        </>
      )}
    </div>
  );
}
