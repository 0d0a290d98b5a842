import { STAGE_TEXT, type TxState } from "./useTx";

const ORDER = ["signing", "pending", "confirmed", "indexed"] as const;
const STEP_LABEL = { signing: "Sign", pending: "Pending", confirmed: "Confirmed", indexed: "Indexed" };

/** The progress of the current transaction as four steps, or its error in one sentence. */
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
          <div className="tx-text">{STAGE_TEXT[state.stage]}</div>
        </>
      )}
    </div>
  );
}
