import { type Address, getAbiItem, type Log, type PublicClient } from "viem";
import { hexTokenAbi } from "./abis.js";
import { type EconomyEvent, toEconomyEvents } from "./events.js";

/** The addresses and first block the checker needs; a deployment file has them all. */
export interface EconomyContracts {
  AdMarket: Address;
  HexToken: Address;
  deployBlock: number | bigint;
}

export interface ReadProgress {
  fromBlock: bigint;
  toBlock: bigint;
  /** Last block read so far. */
  readTo: bigint;
  logs: number;
}

export interface ReadOptions {
  /** Last block to read (default: the chain's head when reading starts). */
  toBlock?: bigint;
  /** Largest block range one getLogs asks for; public RPCs often cap it (10,000 is common). */
  maxRange?: bigint;
  onProgress?: (p: ReadProgress) => void;
  signal?: AbortSignal;
}

const transfer = getAbiItem({ abi: hexTokenAbi, name: "Transfer" });
// A range returning this many logs is halved for the next request; a quiet one doubles.
const BUSY = 2_000;

/**
 * Reads every AdMarket log and every HXA transfer into or out of AdMarket, in block ranges that
 * adapt to the RPC (halved when a request fails, doubled while answers stay small), from any RPC.
 */
export async function readEconomyLogs(
  client: PublicClient,
  c: EconomyContracts,
  opts: ReadOptions = {},
): Promise<{ events: EconomyEvent[]; toBlock: bigint }> {
  const fromBlock = BigInt(c.deployBlock);
  const toBlock = opts.toBlock ?? (await client.getBlockNumber());
  const maxRange = opts.maxRange ?? 10_000n;
  const adMarketLogs: Log[] = [];
  const transferLogs: Log[] = [];
  let range = maxRange < 1_000n ? maxRange : 1_000n;
  let from = fromBlock;
  opts.onProgress?.({ fromBlock, toBlock, readTo: from - 1n, logs: 0 });
  while (from <= toBlock) {
    opts.signal?.throwIfAborted();
    const to = from + range - 1n < toBlock ? from + range - 1n : toBlock;
    let got: Log[][];
    try {
      got = await Promise.all([
        client.getLogs({ address: c.AdMarket, fromBlock: from, toBlock: to }),
        client.getLogs({
          address: c.HexToken,
          event: transfer,
          args: { to: c.AdMarket },
          fromBlock: from,
          toBlock: to,
        }),
        client.getLogs({
          address: c.HexToken,
          event: transfer,
          args: { from: c.AdMarket },
          fromBlock: from,
          toBlock: to,
        }),
      ]);
    } catch (err) {
      if (range === 1n) throw err;
      range /= 2n;
      continue;
    }
    const [market = [], into = [], out = []] = got;
    adMarketLogs.push(...market);
    transferLogs.push(...into, ...out);
    const n = market.length + into.length + out.length;
    if (n > BUSY && range > 1n) range /= 2n;
    else if (n < BUSY / 4 && range * 2n <= maxRange) range *= 2n;
    from = to + 1n;
    opts.onProgress?.({ fromBlock, toBlock, readTo: to, logs: adMarketLogs.length + transferLogs.length });
  }
  return { events: toEconomyEvents(adMarketLogs, transferLogs), toBlock };
}
