import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { netSeries } from "./netSeries";

describe("netSeries", () => {
  it("keeps roles whose net moved, as HXA per point, in the history's order", () => {
    const wei = (n: string) => parseEther(n).toString();
    const s = netSeries({
      from: 100,
      to: 200,
      roles: ["treasury", "escrow", "viewers"],
      points: [
        { at: 100, net: { treasury: "0", escrow: wei("10"), viewers: "0" } },
        { at: 200, net: { treasury: "0", escrow: wei("8.5"), viewers: wei("1.5") } },
      ],
    });
    expect(s.at).toEqual([100, 200]);
    expect(s.lines).toEqual([
      { role: "escrow", values: [10, 8.5] },
      { role: "viewers", values: [0, 1.5] },
    ]);
  });
});
