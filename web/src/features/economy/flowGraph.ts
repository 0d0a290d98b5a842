import { formatEther } from "viem";
import type { EconomyFlow } from "../../lib/api";

export const ROLE_LABELS: Record<string, string> = {
  plotBuyers: "Plot buyers",
  plotSellers: "Plot sellers",
  treasury: "Treasury",
  advertisers: "Advertisers",
  escrow: "Ad escrow",
  viewers: "Viewers",
  plotOwners: "Plot owners",
  protocol: "Protocol",
  refunds: "Advertisers (refunds)",
};

export const ROLE_COLOURS: Record<string, string> = {
  plotBuyers: "#7768ae",
  plotSellers: "#a78bfa",
  treasury: "#f59e0b",
  advertisers: "#e4572e",
  refunds: "#e4572e",
  escrow: "#2563eb",
  viewers: "#10b981",
  plotOwners: "#17bebb",
  protocol: "#b45309",
};

export const FLOW_LABELS: Record<string, string> = {
  primarySale: "primary plot sales",
  resale: "plot resales",
  marketFee: "market fees",
  budget: "campaign budgets",
  withdrawn: "unspent budget withdrawn",
  viewer: "viewers' click share",
  owner: "plot owners' click share",
  unownedShare: "owner share of unowned plots",
  protocol: "protocol's click share",
};

export interface GraphNode {
  id: string;
  label: string;
}
export interface GraphLink {
  source: string;
  target: string;
  /** HXA as a plain number: the chart's widths only, never the figures shown. */
  value: number;
  kind: string;
}

/**
 * The flows as a Sankey graph: only flows that moved HXA, and withdrawals drawn to a separate
 * "refunds" node, since a Sankey cannot loop back to the advertisers it started from.
 */
export function flowGraph(flows: readonly EconomyFlow[]): { nodes: GraphNode[]; links: GraphLink[] } {
  const links = flows
    .filter((f) => BigInt(f.amount) > 0n)
    .map((f) => ({
      source: f.from,
      target: f.kind === "withdrawn" ? "refunds" : f.to,
      value: Number(formatEther(BigInt(f.amount))),
      kind: f.kind,
    }));
  const ids = [...new Set(links.flatMap((l) => [l.source, l.target]))];
  return { nodes: ids.map((id) => ({ id, label: ROLE_LABELS[id] ?? id })), links };
}
