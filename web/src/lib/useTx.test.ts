import { act, renderHook, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";

const status = vi.fn();
vi.mock("./api", () => ({ api: { status: () => status() } }));
vi.mock("@tanstack/react-query", () => ({ useQueryClient: () => ({ invalidateQueries: async () => {} }) }));
vi.mock("wagmi", () => ({
  usePublicClient: () => ({
    waitForTransactionReceipt: async () => ({ status: "success", blockNumber: 5n }),
    getBlockNumber: async () => 5n,
  }),
}));

const { useTx } = await import("./useTx");

afterEach(() => status.mockReset());

describe("useTx", () => {
  it("clears the last transaction's Done the moment the next one starts", async () => {
    status.mockResolvedValue({ confirmations: 0, indexed: "5" });
    const { result } = renderHook(() => useTx());
    await act(async () => {
      await result.current.run("Buy plot", async () => "0x01");
    });
    expect(result.current.state.stage).toBe("indexed");

    // The indexer is slow to answer: the second run must not still read "Done." meanwhile.
    status.mockReturnValue(new Promise(() => {}));
    act(() => void result.current.run("List plot", async () => "0x02"));
    await waitFor(() => expect(result.current.state).toEqual({ stage: "signing", label: "List plot" }));
  });

  it("says Done only once the indexer has the block, and says so when the indexer is behind", async () => {
    vi.useFakeTimers();
    try {
      let indexed = "4";
      status.mockImplementation(async () => ({ confirmations: 0, indexed }));
      const { result } = renderHook(() => useTx());
      let done = false;
      act(() => void result.current.run("Buy plot", async () => "0x01").then(() => (done = true)));
      await act(async () => void (await vi.advanceTimersByTimeAsync(60_000)));
      expect([result.current.state.stage, result.current.state.indexerBehind, done]).toEqual([
        "final",
        true,
        false,
      ]);
      indexed = "5";
      await act(async () => void (await vi.advanceTimersByTimeAsync(1_000)));
      expect([result.current.state.stage, result.current.state.indexerBehind, done]).toEqual([
        "indexed",
        undefined,
        true,
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
