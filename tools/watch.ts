// `npm run watch -- --rpc <url> [--deployment <file> | --market <address> --from-block <n>]
//   (--indexer <url> | --leaves <dir>) [--poll <seconds>] [--grace <seconds>] [--max-range <blocks>] [--once] [--undo]`
// with GUARDIAN_PRIVATE_KEY set to veto bad epochs. Checks every pending settlement epoch against
// its published leaf file (indexer/src/settlement/watcher.ts) and prints one line per epoch.
// Exit code: 2 when it cannot run; with --once, 1 when a pending epoch was bad or could not be
// checked, else 0. Without --once it follows new posts until stopped.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { indexerLeaves } from "@hexads/economy";
import { parseDeployment } from "@hexads/protocol";
import { createPublicClient, createWalletClient, type Hex, http, isAddress, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { adMarketAbi } from "../indexer/src/chain/abis.js";
import {
  dirLeafFiles,
  type EpochReport,
  EpochWatcher,
  firstOf,
  type GovernanceNotice,
  type LeafFileSource,
} from "../indexer/src/settlement/watcher.js";
import { repoRoot } from "./localChain.js";

const USAGE =
  "usage: npm run watch -- --rpc <url> [--deployment <file> | --market <address> --from-block <n>] (--indexer <url> | --leaves <dir>) [--poll <seconds>] [--grace <seconds>] [--max-range <blocks>] [--once] [--undo]";

/** One line per report: `epoch 12: ok`, `epoch 13: vetoed: <reason> (tx 0x…)`. */
export const formatReport = (r: EpochReport) =>
  `epoch ${r.epochId}: ${r.outcome}${r.reason ? `: ${r.reason}` : ""}${r.tx ? ` (tx ${r.tx})` : ""}`;

/** `notice: the settler role is scheduled to be granted to 0x… (from 2026-11-30T12:00:00.000Z)`. */
export const formatNotice = (n: GovernanceNotice) =>
  `notice: ${n.text} (from ${new Date(Number(n.readyAt) * 1000).toISOString()})`;

const whole = (name: string, v: string | undefined, fallback: number) => {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new Error(`--${name} must be a whole number, not ${JSON.stringify(v)}`);
  return Number(v);
};

/** Runs the watcher; returns the exit code. `signal` stops a following run. */
export async function runWatch(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  out = console.log,
  err = console.error,
  signal?: AbortSignal,
): Promise<number> {
  let watcher: EpochWatcher;
  let pollSeconds: number;
  let once: boolean;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        rpc: { type: "string" },
        deployment: { type: "string" },
        market: { type: "string" },
        "from-block": { type: "string" },
        indexer: { type: "string" },
        leaves: { type: "string" },
        poll: { type: "string" },
        grace: { type: "string" },
        "max-range": { type: "string" },
        once: { type: "boolean" },
        undo: { type: "boolean" },
      },
    });
    if (!values.rpc || (!values.indexer && !values.leaves))
      throw new Error("--rpc and --indexer or --leaves are needed");
    pollSeconds = whole("poll", values.poll, 15);
    once = values.once ?? false;
    const client = createPublicClient({ transport: http(values.rpc) }) as PublicClient;
    const chainId = await client.getChainId();
    let market: Hex;
    let deployBlock: number;
    if (values.market) {
      if (!isAddress(values.market)) throw new Error(`--market is not an address: ${values.market}`);
      if (values["from-block"] === undefined)
        throw new Error("--market needs --from-block (AdMarket's deploy block)");
      market = values.market;
      deployBlock = whole("from-block", values["from-block"], 0);
    } else {
      const file = values.deployment ?? join(repoRoot, "deployments", `${chainId}.json`);
      const d = parseDeployment(JSON.parse(readFileSync(file, "utf8")));
      if (d.chainId !== chainId)
        throw new Error(`${file} is for chain ${d.chainId}, the RPC serves ${chainId}`);
      market = d.AdMarket;
      deployBlock = d.deployBlock;
    }
    const read = <T>(functionName: string, args: unknown[] = []) =>
      client.readContract({
        address: market,
        abi: adMarketAbi,
        functionName: functionName as "hxa",
        args: args as [],
      }) as Promise<T>;
    const hexToken = await read<Hex>("hxa");
    const sources: LeafFileSource[] = [];
    if (values.leaves) sources.push(dirLeafFiles(values.leaves));
    if (values.indexer) sources.push(indexerLeaves(values.indexer));
    const key = env.GUARDIAN_PRIVATE_KEY;
    let guardian: ConstructorParameters<typeof EpochWatcher>[0]["guardian"];
    if (key) {
      if (!/^0x[0-9a-fA-F]{64}$/.test(key))
        throw new Error("GUARDIAN_PRIVATE_KEY must be 0x and 64 hex digits");
      const account = privateKeyToAccount(key as Hex);
      const role = await read<Hex>("GUARDIAN_ROLE");
      if (!(await read<boolean>("hasRole", [role, account.address]))) {
        throw new Error(`GUARDIAN_PRIVATE_KEY's account ${account.address} does not hold GUARDIAN_ROLE`);
      }
      guardian = createWalletClient({ account, transport: http(values.rpc) });
    }
    if (values.undo && !guardian) throw new Error("--undo needs GUARDIAN_PRIVATE_KEY");
    watcher = new EpochWatcher({
      client,
      contracts: { AdMarket: market, HexToken: hexToken, deployBlock },
      leafFile: firstOf(...sources),
      ...(guardian ? { guardian } : {}),
      ...(values.undo ? { undo: { chunkSize: 200 } } : {}),
      missingFileGrace: whole("grace", values.grace, 600),
      ...(values["max-range"] ? { maxRange: BigInt(whole("max-range", values["max-range"], 0)) } : {}),
      report: (r) => out(formatReport(r)),
      notice: (n) => out(formatNotice(n)),
    });
    err(
      `watching AdMarket ${market} on chain ${chainId} from block ${deployBlock}${guardian ? `, vetoing as ${guardian.account.address}` : " (no GUARDIAN_PRIVATE_KEY: bad epochs are only reported)"}`,
    );
  } catch (e) {
    err(`watch could not start: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (once) {
    try {
      const reports = await watcher.poll();
      return reports.some((r) => r.outcome !== "ok") ? 1 : 0;
    } catch (e) {
      err(`watch could not read the chain: ${(e as Error).message}`);
      return 2;
    }
  }
  while (!signal?.aborted) {
    try {
      await watcher.poll();
    } catch (e) {
      err(`poll failed, retrying in ${pollSeconds} s: ${(e as Error).message}`);
    }
    await sleep(pollSeconds * 1000, undefined, signal ? { signal } : {}).catch(() => undefined);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const stop = new AbortController();
  for (const s of ["SIGINT", "SIGTERM"] as const) process.once(s, () => stop.abort());
  process.exitCode = await runWatch(
    process.argv.slice(2),
    process.env,
    console.log,
    console.error,
    stop.signal,
  );
}
