// `npm run verify -- --rpc <url> [--deployment <file>] [--indexer <url>] [--max-range <blocks>]`
// Checks the value loop from chain logs alone (see packages/economy). Exit code: 0 when every
// epoch adds up, 1 at the first break (printed with its epoch and why), 2 when it cannot run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { indexerLeaves, type VerifyResult, verifyEconomy } from "@hexads/economy";
import { createPublicClient, formatEther, http } from "viem";
import { repoRoot } from "./localChain.js";

/** Runs the check and prints its report; returns the exit code. */
export async function runVerify(argv: string[], out = console.log, err = console.error): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rpc: { type: "string" },
      deployment: { type: "string" },
      indexer: { type: "string" },
      "max-range": { type: "string" },
    },
  });
  if (!values.rpc) {
    err(
      "usage: npm run verify -- --rpc <url> [--deployment <file>] [--indexer <url>] [--max-range <blocks>]",
    );
    return 2;
  }
  const client = createPublicClient({ transport: http(values.rpc) });
  let result: VerifyResult;
  try {
    const chainId = await client.getChainId();
    const file = values.deployment ?? join(repoRoot, "deployments", `${chainId}.json`);
    const deployment = JSON.parse(readFileSync(file, "utf8"));
    let last = -1;
    result = await verifyEconomy(client, deployment, {
      ...(values["max-range"] ? { maxRange: BigInt(values["max-range"]) } : {}),
      ...(values.indexer ? { leaves: indexerLeaves(values.indexer) } : {}),
      onProgress: (p) => {
        const span = p.toBlock - p.fromBlock + 1n;
        const pct = span > 0n ? Number(((p.readTo - p.fromBlock + 1n) * 100n) / span) : 100;
        if (pct >= last + 10 || pct === 100) {
          last = pct;
          err(`read ${pct}% (block ${p.readTo} of ${p.toBlock}, ${p.logs} logs)`);
        }
      },
    });
  } catch (e) {
    err(`verify could not run: ${(e as Error).message}`);
    return 2;
  }
  const t = result.totals;
  out(
    `blocks ${result.fromBlock}-${result.toBlock}: ${result.logs} logs, ${result.epochs} epochs (${result.leafChecked} checked leaf by leaf)`,
  );
  out(
    `budgets ${formatEther(t.budgets)} HXA, spent ${formatEther(t.spent)}, settled ${formatEther(t.settled)}, claimed ${formatEther(t.claimed)}, withdrawn ${formatEther(t.withdrawn)}, escrow ${formatEther(t.escrow)}`,
  );
  for (const n of result.notes) out(`note: ${n}`);
  const b = result.break;
  if (!b) {
    out("✓ conservation holds in every epoch");
    return 0;
  }
  out(
    `✗ ${b.epoch === null ? "before the first epoch" : `epoch ${b.epoch}`}: ${b.reason} (block ${b.block}${b.tx ? `, tx ${b.tx}` : ""})`,
  );
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runVerify(process.argv.slice(2));
}
