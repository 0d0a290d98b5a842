// Contract writes: simulated first so a revert is decoded into its custom error before the wallet
// opens, then sent. ABIs come only from the generated module.
import { type Address, type Hash, parseSignature } from "viem";
import {
  getBlock,
  readContract,
  signTypedData,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
} from "wagmi/actions";
import { hexTokenAbi, plotsAbi } from "../generated";
import { deployment } from "./config";
import { wagmiConfig } from "./wagmi";

type SimulateArgs = Parameters<typeof simulateContract>[1];

// HXA's custom errors (e.g. ERC20InsufficientBalance) bubble up through Plots and AdMarket.
const tokenErrors = hexTokenAbi.filter((item) => item.type === "error");

export async function send(args: SimulateArgs): Promise<Hash> {
  const abi = [...(args.abi as readonly unknown[]), ...tokenErrors];
  const { request } = await simulateContract(wagmiConfig, { ...args, abi } as never);
  return writeContract(wagmiConfig, request as never);
}

/** The receipt of a transaction `useTx` already saw mined (a later step reads its logs). */
export const receiptOf = (hash: Hash) => waitForTransactionReceipt(wagmiConfig, { hash });

/** An EIP-2612 permit for `value` HXA to `spender`, valid for an hour; undefined if the wallet refuses. */
export async function permit(owner: Address, spender: Address, value: bigint) {
  const d = deployment();
  const [nonce, block] = await Promise.all([
    readContract(wagmiConfig, {
      address: d.HexToken,
      abi: hexTokenAbi,
      functionName: "nonces",
      args: [owner],
    }),
    getBlock(wagmiConfig),
  ]);
  const deadline = block.timestamp + 3600n;
  try {
    const signature = await signTypedData(wagmiConfig, {
      domain: { name: "HexAds Token", version: "1", chainId: d.chainId, verifyingContract: d.HexToken },
      types: {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "Permit",
      message: { owner, spender, value, nonce, deadline },
    });
    const { v, r, s } = parseSignature(signature);
    return { deadline, v: Number(v ?? 27n), r, s };
  } catch {
    return undefined;
  }
}

/** Steps to pay `value` HXA to `spender`: nothing when the allowance covers it, else an approve. */
export async function approveIfNeeded(
  owner: Address,
  spender: Address,
  value: bigint,
): Promise<(() => Promise<Hash>)[]> {
  const d = deployment();
  const allowance = await readContract(wagmiConfig, {
    address: d.HexToken,
    abi: hexTokenAbi,
    functionName: "allowance",
    args: [owner, spender],
  });
  if (allowance >= value) return [];
  return [
    () => send({ address: d.HexToken, abi: hexTokenAbi, functionName: "approve", args: [spender, value] }),
  ];
}

/**
 * Buys plots: one permit signature and one transaction when the wallet signs permits, else approve + buy.
 * `price` is the unit price the page showed: the contract refuses to charge more than that in total.
 */
export async function buyPlots(
  owner: Address,
  cells: bigint[],
  price: bigint,
): Promise<(() => Promise<Hash>)[]> {
  const d = deployment();
  const value = price * BigInt(cells.length);
  const approvals = await approveIfNeeded(owner, d.Plots, value);
  if (approvals.length === 0) {
    const call =
      cells.length === 1
        ? { address: d.Plots, abi: plotsAbi, functionName: "buy", args: [cells[0], value] }
        : { address: d.Plots, abi: plotsAbi, functionName: "buyBatch", args: [cells, value] };
    return [() => send(call as SimulateArgs)];
  }
  const sig = await permit(owner, d.Plots, value);
  if (!sig)
    return [
      ...approvals,
      () => send({ address: d.Plots, abi: plotsAbi, functionName: "buyBatch", args: [cells, value] }),
    ];
  return [
    () =>
      send({
        address: d.Plots,
        abi: plotsAbi,
        functionName: "buyBatchWithPermit",
        args: [cells, value, sig.deadline, sig.v, sig.r, sig.s],
      }),
  ];
}
