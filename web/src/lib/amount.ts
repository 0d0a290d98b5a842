// Checking an HXA amount a person typed, with the sentence to show when it cannot be used.
import { formatHxa, parseHxa } from "./format";

export interface Bound {
  wei: bigint;
  /** Shown when the amount is past the bound. */
  why: string;
}

export type AmountCheck = { value: bigint; problem?: undefined } | { value?: undefined; problem: string };

/** `text` as wei within [min, max], or why not. */
export function checkAmount(text: string, bounds: { min?: Bound; max?: Bound } = {}): AmountCheck {
  const t = text.trim();
  if (t === "") return { problem: "Enter an amount in HXA, like 25." };
  if (!/^\d+(\.\d+)?$/.test(t))
    return {
      problem: `Write the amount as a plain number of HXA, like 25 or 0.5 ("${t.slice(0, 24)}" is not one).`,
    };
  if (/\.\d{19,}$/.test(t)) return { problem: "HXA has 18 decimals: use fewer digits after the point." };
  const value = parseHxa(t);
  if (value === undefined) return { problem: "Enter an amount above zero." };
  if (bounds.min && value < bounds.min.wei) return { problem: bounds.min.why };
  if (bounds.max && value > bounds.max.wei) return { problem: bounds.max.why };
  return { value };
}

/** The bound that no amount of HXA can pass: the whole supply. */
export const supplyBound = (supply: bigint): Bound => ({
  wei: supply,
  why: `That is more than all the HXA there is (${formatHxa(supply, 0)}).`,
});
