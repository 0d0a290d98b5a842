import { useState } from "react";
import type { Address } from "viem";
import { plotsAbi } from "../../generated";
import { deployment } from "../../lib/config";
import { send } from "../../lib/contracts";
import { shortAddress } from "../../lib/format";
import { Review } from "../../lib/Review";
import type { RunTx } from "../../lib/useTx";
import { useWallet } from "../wallet/useWallet";
import { checkRecipient } from "./recipient";

/** The owner sends the plot to another address: the address checked, then reviewed, then sent. */
export function SendPlot({
  cell,
  place,
  listed,
  offers,
  run,
}: {
  cell: string;
  place: string;
  listed: boolean;
  /** Open offers made to the owner, which the transfer ends. */
  offers: number;
  run: RunTx;
}) {
  const w = useWallet();
  const d = deployment();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [to, setTo] = useState<Address>();
  const check = checkRecipient(text, w.address);

  const transfer = async () => {
    if (!w.checksummed || !to) return;
    setTo(undefined);
    const ok = await run(`Send plot to ${shortAddress(to)}`, () =>
      send({
        address: d.Plots,
        abi: plotsAbi,
        functionName: "safeTransferFrom",
        args: [w.checksummed as Address, to, BigInt(`0x${cell}`)],
      }),
    );
    if (ok) setOpen(false);
  };

  if (!open)
    return (
      <button type="button" className="btn wide" aria-expanded={false} onClick={() => setOpen(true)}>
        Send to another address
      </button>
    );
  if (to)
    return (
      <Review
        title="Review the transfer"
        rows={[
          { label: "Plot", value: `${place} (${cell})` },
          { label: "To", value: <span className="mono break">{to}</span>, key: true },
          { label: "Price", value: "Free: nothing is paid" },
          ...(listed ? [{ label: "Your listing", value: "Ends" }] : []),
          ...(offers > 0
            ? [{ label: "Offers to you", value: `${offers} end; their buyers take the HXA back` }]
            : []),
        ]}
        confirm="Send plot"
        onConfirm={transfer}
        onBack={() => setTo(undefined)}
      >
        <p>
          The plot, and the owner share of its future ad clicks, leave your wallet for good: only the new
          owner can send it back. Check the address. Your wallet asks once.
        </p>
      </Review>
    );
  return (
    <form
      className="send-form"
      aria-label="Send to another address"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (check.value) setTo(check.value);
      }}
    >
      <label>
        Recipient address
        <input
          className="mono"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => text !== "" && setTouched(true)}
          placeholder="0x…"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={touched && !!check.problem}
          aria-describedby="send-note"
        />
      </label>
      <p id="send-note" className="list-note" aria-live="polite">
        {touched && check.problem ? (
          <span className="field-error">{check.problem}</span>
        ) : (
          "Sending is free of charge and cannot be undone."
        )}
      </p>
      <div className="form-buttons">
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          Close
        </button>
        <button type="submit" className="btn primary">
          Review transfer
        </button>
      </div>
    </form>
  );
}
