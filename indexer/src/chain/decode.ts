import type { Deployment } from "@hexads/protocol";
import { type Abi, type Address, decodeEventLog, type Log, toEventSelector } from "viem";
import { adMarketAbi, plotsAbi } from "./abis.js";

/** A decoded HexAds log, ready to store: bigints become decimal strings, addresses lowercase. */
export interface DecodedEvent {
  blockNumber: bigint;
  blockHash: `0x${string}`;
  logIndex: number;
  txHash: string;
  contract: "Plots" | "AdMarket";
  name: string;
  args: Record<string, string | string[] | number | boolean>;
}

const normalise = (v: unknown): string | string[] | number | boolean => {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string") return v.startsWith("0x") && v.length === 42 ? v.toLowerCase() : v;
  if (Array.isArray(v)) return v.map((x) => String(normalise(x)));
  if (typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
};

/** Each event of a contract by its selector (topic 0), as a one-item ABI. */
const bySelector = (abi: Abi) =>
  new Map(abi.flatMap((item) => (item.type === "event" ? [[toEventSelector(item), [item]] as const] : [])));
const plotsEvents = bySelector(plotsAbi);
const adMarketEvents = bySelector(adMarketAbi);

/** Decodes the logs of Plots and AdMarket with the generated ABIs; other logs are skipped. */
export function decodeLogs(logs: Log[], deployment: Deployment): DecodedEvent[] {
  // viem hashes the signature of every ABI event it tries: handing it the one event that matches
  // topic 0 makes decoding about 2.5× faster.
  const sources = new Map<string, { contract: DecodedEvent["contract"]; events: Map<string, Abi> }>([
    [deployment.Plots.toLowerCase(), { contract: "Plots", events: plotsEvents }],
    [deployment.AdMarket.toLowerCase(), { contract: "AdMarket", events: adMarketEvents }],
  ]);
  const out: DecodedEvent[] = [];
  for (const log of logs) {
    const source = sources.get((log.address as Address).toLowerCase());
    if (
      !source ||
      log.blockNumber === null ||
      log.logIndex === null ||
      !log.blockHash ||
      !log.transactionHash
    ) {
      continue;
    }
    const abi = source.events.get(log.topics[0] ?? "") ?? [];
    const decoded = decodeEventLog({ abi, data: log.data, topics: log.topics, strict: true });
    const args: DecodedEvent["args"] = {};
    for (const [k, v] of Object.entries((decoded.args ?? {}) as Record<string, unknown>))
      args[k] = normalise(v);
    out.push({
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      logIndex: log.logIndex,
      txHash: log.transactionHash,
      contract: source.contract,
      name: String(decoded.eventName),
      args,
    });
  }
  return out.sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );
}
