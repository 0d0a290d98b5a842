import { useState } from "react";
import { plotsAbi } from "../../generated";
import { checkAmount } from "../../lib/amount";
import type { Offer } from "../../lib/api";
import { deployment } from "../../lib/config";
import { approveIfNeeded, send } from "../../lib/contracts";
import { formatDate, formatHxa } from "../../lib/format";
import { Review } from "../../lib/Review";
import type { RunTx } from "../../lib/useTx";
import { useWallet } from "../wallet/useWallet";
import { DaysSelect, daysFromNow } from "./DaysSelect";
import { signaturesText, useApprovalNeeded } from "./useApprovalNeeded";

/**
 * An offer on a plot someone else owns: amount and how long it stands, reviewed with what leaves the
 * wallet into escrow, then approve (if needed) and makeOffer. `current` is the viewer's open offer,
 * which a new one replaces (only the difference moves).
 */
export function MakeOffer({ cell, current, run }: { cell: string; current?: Offer; run: RunTx }) {
  const w = useWallet();
  const d = deployment();
  const [open, setOpen] = useState(false);
  const [amountText, setAmountText] = useState("");
  const [days, setDays] = useState("7");
  const [expiry, setExpiry] = useState<number>();
  const held = current ? BigInt(current.amount) : 0n;
  const most = w.hxa === undefined ? undefined : w.hxa + held;
  const check = checkAmount(
    amountText,
    most === undefined
      ? {}
      : { max: { wei: most, why: `You can offer at most ${formatHxa(most, 4)}: that is all your HXA.` } },
  );
  const amount = check.value;
  const extra = amount !== undefined && amount > held ? amount - held : 0n;
  const approve = useApprovalNeeded(expiry !== undefined ? extra : undefined);
  const label = current ? "Change your offer" : "Make an offer";

  const offer = async () => {
    if (!w.checksummed || amount === undefined || expiry === undefined) return;
    setExpiry(undefined);
    const approvals = extra > 0n ? await approveIfNeeded(w.checksummed, d.Plots, extra) : [];
    const ok = await run(current ? "Change offer" : "Make offer", ...approvals, () =>
      send({
        address: d.Plots,
        abi: plotsAbi,
        functionName: "makeOffer",
        args: [BigInt(`0x${cell}`), amount, BigInt(expiry)],
      }),
    );
    if (ok) setOpen(false);
  };

  if (!open)
    return (
      <button type="button" className="btn wide" aria-expanded={false} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  if (expiry !== undefined && amount !== undefined)
    return (
      <Review
        title="Review your offer"
        rows={[
          { label: "Your offer", value: formatHxa(amount, 4), key: true },
          { label: "Valid until", value: formatDate(expiry) },
          {
            label: "Escrowed now",
            value:
              held === 0n
                ? formatHxa(amount, 4)
                : amount >= held
                  ? `${formatHxa(extra, 4)} more (${formatHxa(held, 4)} already held)`
                  : `${formatHxa(held - amount, 4)} comes back to you`,
          },
        ]}
        confirm={`Offer ${formatHxa(amount, 4)}`}
        onConfirm={offer}
        onBack={() => setExpiry(undefined)}
      >
        <p>
          The plot market holds your {formatHxa(amount, 4)} until the owner accepts (the plot becomes yours in
          the same transaction) or you cancel. If the offer expires or the plot changes hands first, cancel it
          to take your HXA back.
          {current && " This offer replaces your current one."}
        </p>
        {approve !== undefined && <p>{signaturesText(approve, "send the offer")}</p>}
      </Review>
    );
  return (
    <form
      className="list-form offer-form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        if (amount !== undefined) setExpiry(daysFromNow(days));
      }}
    >
      <label>
        Your offer (HXA)
        <input
          inputMode="decimal"
          value={amountText}
          onChange={(e) => setAmountText(e.target.value)}
          placeholder={current ? formatHxa(current.amount).replace(" HXA", "") : "e.g. 15"}
          aria-invalid={amountText !== "" && !!check.problem}
          aria-describedby="offer-note"
        />
      </label>
      <DaysSelect label="Valid for" days={days} onChange={setDays} />
      <p id="offer-note" className="list-note" aria-live="polite">
        {amountText !== "" && check.problem ? (
          <span className="field-error">{check.problem}</span>
        ) : (
          "The HXA is held in escrow until the owner accepts or you cancel."
        )}
      </p>
      <button type="button" className="btn" onClick={() => setOpen(false)}>
        Close
      </button>
      <button type="submit" className="btn primary" disabled={amount === undefined}>
        Review offer
      </button>
    </form>
  );
}
