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
});
