import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import type { EconomyFlow } from "../../lib/api";
import { flowGraph } from "./flowGraph";

const flow = (kind: string, from: string, to: string, hxa: string): EconomyFlow => ({
  kind,
  from,
  to,
  amount: parseEther(hxa).toString(),
  count: 1,
  txs: [],
  epochs: [],
});

describe("flowGraph", () => {
  it("keeps flows that moved HXA and sends withdrawals to a refunds node, so the graph has no loop", () => {
    const g = flowGraph([
      flow("budget", "advertisers", "escrow", "20"),
      flow("withdrawn", "escrow", "advertisers", "5"),
      flow("viewer", "escrow", "viewers", "1.2"),
      flow("resale", "plotBuyers", "plotSellers", "0"),
    ]);
    expect(g.links).toEqual([
      { source: "advertisers", target: "escrow", value: 20, kind: "budget" },
      { source: "escrow", target: "refunds", value: 5, kind: "withdrawn" },
      { source: "escrow", target: "viewers", value: 1.2, kind: "viewer" },
    ]);
    expect(g.nodes.map((n) => n.id)).toEqual(["advertisers", "escrow", "refunds", "viewers"]);
  });
});
