import { buyPlots } from "../../lib/contracts";
import { formatHxa } from "../../lib/format";
import { TxStatus } from "../../lib/TxStatus";
import { useTx } from "../../lib/useTx";
import { useWallet } from "../wallet/useWallet";
import { type Basket, MAX_BASKET, toIds, total } from "./basket";
import { usePrimaryPrice } from "./usePrimaryPrice";

/** The multi-select basket: how many plots, what they cost, one transaction to buy them all. */
export function BasketBar({
  basket,
  onClear,
  onBought,
}: {
  basket: Basket;
  onClear: () => void;
  onBought: () => void;
}) {
  const w = useWallet();
  const price = usePrimaryPrice();
  const tx = useTx();
  if (basket.cells.length === 0 && tx.state.stage === "idle") return null;
  const buy = async () => {
    if (!w.checksummed || price === undefined) return;
    const ok = await tx.run(
      `Buy ${basket.cells.length} plots`,
      ...(await buyPlots(w.checksummed, toIds(basket), price)),
    );
    if (ok) onBought();
  };
  return (
    <section className="basket" aria-label="Basket">
      {basket.cells.length > 0 ? (
        <>
          <div>
            <strong data-testid="basket-count">{basket.cells.length}</strong> plot
            {basket.cells.length === 1 ? "" : "s"} selected
            {price !== undefined && <> · {formatHxa(total(basket, price))}</>}
            {basket.cells.length >= MAX_BASKET && (
              <span className="muted"> (the most one transaction can buy)</span>
            )}
          </div>
          <div className="row">
            <button type="button" className="btn" onClick={onClear}>
              Clear
            </button>
            <button
              type="button"
              className="btn primary"
              onClick={buy}
              disabled={!w.isConnected || basket.cells.length === 0}
            >
              {w.isConnected ? "Buy all in one transaction" : "Connect a wallet to buy"}
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="link" onClick={tx.reset}>
          Dismiss
        </button>
      )}
      <TxStatus state={tx.state} />
    </section>
  );
}
