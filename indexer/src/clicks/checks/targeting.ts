import { cellToParent, getResolution } from "h3-js";
import type { CheckResult } from "./checkResult.js";

/** A res-7 cell is targeted when its ancestor at some target's resolution equals that target. */
export function checkTargeting(cell: string, targets: readonly string[]): CheckResult {
  for (const t of targets) {
    const target = t.toLowerCase();
    if (cellToParent(cell, getResolution(target)) === target) return null;
  }
  return "cell_not_targeted";
}
