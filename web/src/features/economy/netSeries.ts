import { formatEther } from "viem";
import type { EconomyHistory } from "../../lib/api";

export interface NetSeries {
  /** Unix seconds of each point. */
  at: number[];
  /** Roles that ever held a non-zero net, each with its net HXA per point (plain numbers: the chart only). */
  lines: { role: string; values: number[] }[];
}

/** The history's points as uPlot columns, leaving out roles whose net never moved off zero. */
export function netSeries(history: EconomyHistory): NetSeries {
  const lines = history.roles
    .filter((role) => history.points.some((p) => BigInt(p.net[role] ?? "0") !== 0n))
    .map((role) => ({
      role,
      values: history.points.map((p) => Number(formatEther(BigInt(p.net[role] ?? "0")))),
    }));
  return { at: history.points.map((p) => p.at), lines };
}
