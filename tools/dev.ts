// `npm run dev`: a local chain (anvil), the contracts deployed by the deploy script, demo data, the
// indexer on embedded PGlite, and the web app, in one terminal; Ctrl-C stops them all.
// The chain and the index are kept in .data/dev and reused by the next run; `npm run dev -- --reset`
// starts from an empty chain (deploy, seed, demo clicks) instead.
// `npm run dev -- --smoke` (CI) does the same on free ports with a throw-away chain and index, checks
// that the indexer answers /status and the web app serves the map, stops everything and exits 0 (1
// with the reason on a failure or after SMOKE_TIMEOUT_SECONDS). With `--hold` it keeps running after
// the checks, until it is stopped (the test of Ctrl-C uses that).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { styleText } from "node:util";
import { type Deployment, LOCAL_CHAIN_ID } from "@hexads/protocol";
import { readDeployment } from "@hexads/protocol/node";
import { createPublicClient, http } from "viem";
import {
  anvilAccount,
  anvilKey,
  deployContracts,
  freePort,
  repoRoot,
  setIntervalMining,
  startAnvil,
} from "./localChain.js";
import { indexerStatus, until, webServesApp } from "./smoke.js";

const smoke = process.argv.includes("--smoke");
const hold = process.argv.includes("--hold");
const port = async (name: string, usual: number) =>
  Number(process.env[name] ?? (smoke ? await freePort() : usual));
const CHAIN_PORT = await port("CHAIN_PORT", 8545);
const INDEXER_PORT = await port("INDEXER_PORT", 42069);
const WEB_PORT = await port("WEB_PORT", 5173);
const EPOCH_SECONDS = process.env.EPOCH_SECONDS ?? "15";
const SMOKE_TIMEOUT_SECONDS = Number(process.env.SMOKE_TIMEOUT_SECONDS ?? 600);
// The smoke run touches nothing of the kept dev state: its chain, index and deployment file are its own.
const stateDir = smoke ? mkdtempSync(join(tmpdir(), "hexads-smoke-")) : join(repoRoot, ".data", "dev");
const deploymentsDir = join(repoRoot, "deployments", ...(smoke ? [`smoke-${process.pid}`] : []));
const chainState = join(stateDir, "chain.json");
const indexDir = join(stateDir, "index");
const deploymentFile = join(deploymentsDir, `${LOCAL_CHAIN_ID}.json`);

type Colour = Parameters<typeof styleText>[0];
const coloured = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (colour: Colour, text: string) => (coloured ? styleText(colour, text) : text);
const say = (label: string, colour: Colour, line: string) =>
  console.log(`${paint(colour, label.padEnd(8))} ${line}`);
const dev = (line: string) => say("dev", "green", line);

// Each child leads its own process group, so stopping it also stops what it started (npm -> sh ->
// vite -> esbuild; node -> tsx's esbuild) even when a parent in between does not pass the signal on.
const children: ChildProcess[] = [];
const spawnLabelled = (
  name: string,
  colour: Colour,
  cmd: string,
  args: string[],
  env: Record<string, string>,
) => {
  const child = spawn(cmd, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pipe = (stream: NodeJS.ReadableStream) =>
    stream.on("data", (d: Buffer) => {
      for (const line of d.toString().split("\n")) if (line.trim()) say(name, colour, line);
    });
  pipe(child.stdout as NodeJS.ReadableStream);
  pipe(child.stderr as NodeJS.ReadableStream);
  children.push(child);
  return child;
};
/** A service that runs until dev stops: if it exits first, everything stops. */
const run = (name: string, colour: Colour, cmd: string, args: string[], env: Record<string, string>) =>
  spawnLabelled(name, colour, cmd, args, env).on("exit", (code) => {
    if (!stopping) {
      say(name, "red", `exited with ${code}; stopping everything`);
      void stop(1);
    }
  });
/** A step that runs to its end; rejects when it fails. */
const runStep = (name: string, colour: Colour, cmd: string, args: string[]) =>
  new Promise<void>((resolve, reject) =>
    spawnLabelled(name, colour, cmd, args, {}).on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}`)),
    ),
  );

/** Sends `signal` to the child's process group; false once the group has no process left. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-(child.pid as number), signal);
    return true;
  } catch {
    return false; // ESRCH: every process of the group is gone
  }
}

/** SIGTERM to the group, SIGKILL after 10 s if anything of it is still there; resolves when it is empty. */
async function stopGroup(child: ChildProcess) {
  if (child.pid === undefined) return;
  signalGroup(child, "SIGTERM");
  const killAt = Date.now() + 10_000;
  while (signalGroup(child, 0)) {
    if (Date.now() > killAt) signalGroup(child, "SIGKILL");
    await new Promise((r) => setTimeout(r, 100));
  }
}

let stopping = false;
let stopChain: () => Promise<void> = async () => {};
const stopDeploy = new AbortController();
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  stopDeploy.abort();
  await Promise.all(children.map(stopGroup));
  await stopChain(); // anvil writes the chain to .data/dev/chain.json as it stops
  if (smoke) for (const dir of [stateDir, deploymentsDir]) rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
const fail = (message: string) => {
  say("dev", "red", message);
  void stop(1);
};
// A closed terminal or a reader that went away must not cut the shutdown short.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
// `on`, not `once`: a terminal's Ctrl-C reaches this process twice (from the terminal, and forwarded by
// npm), and a second signal with no handler would kill it before its children are stopped.
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
// If the npm process that started this one dies (even by SIGKILL), this one is re-parented: stop too.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && fail("the parent process is gone; stopping"), 1000).unref();

let phase = "starting the chain";

try {
  await main();
} catch (e) {
  fail(`${smoke ? "smoke: FAILED while " : "failed while "}${phase}: ${(e as Error).message}`);
}

async function main() {
  if (process.argv.includes("--reset") && !smoke) {
    rmSync(stateDir, { recursive: true, force: true });
    dev("--reset: starting from an empty chain");
  }
  mkdirSync(stateDir, { recursive: true });
  // The contracts compile (a fresh clone: ~20 s of solc-js) while the chain starts and the index is
  // created, so a first run waits for the slowest of them, not for their sum.
  const codegen = runStep("codegen", "gray", process.execPath, ["--import", "tsx", "tools/codegen.ts"]);
  codegen.catch(() => undefined); // awaited below; a failure must not surface as unhandled first
  const anvil = await startAnvil({ port: CHAIN_PORT, statePath: chainState });
  stopChain = anvil.stop;
  if (smoke)
    setTimeout(
      () => fail(`smoke: FAILED, timed out after ${SMOKE_TIMEOUT_SECONDS} s while ${phase}`),
      SMOKE_TIMEOUT_SECONDS * 1000,
    ).unref();
  say("chain", "yellow", `${anvil.rpcUrl} (chain id ${LOCAL_CHAIN_ID}), state in ${stateDir}`);

  /** The deployment of the previous run, if this chain (loaded from its saved state) still has it. */
  async function previousDeployment(): Promise<Deployment | undefined> {
    if (!existsSync(deploymentFile)) return undefined;
    const d = readDeployment(deploymentsDir, LOCAL_CHAIN_ID);
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const code = await client.getCode({ address: d.AdMarket });
    return code && code !== "0x" ? d : undefined;
  }

  phase = "generating code (tools/codegen.ts)";
  let deployment = await previousDeployment();
  const fresh = !deployment;
  let indexReady: Promise<void> = Promise.resolve();
  if (deployment) {
    dev("reusing the chain and index of the last run (npm run dev -- --reset to start over)");
  } else {
    rmSync(indexDir, { recursive: true, force: true }); // an index of another chain is worthless
    indexReady = createIndex(indexDir);
    indexReady.catch(() => undefined);
  }
  await codegen;
  if (!deployment) {
    phase = "deploying the contracts";
    deployment = await deployContracts(anvil.rpcUrl, deploymentsDir, {}, stopDeploy.signal);
    dev(`deployed Plots ${deployment.Plots}, AdMarket ${deployment.AdMarket}, HXA ${deployment.HexToken}`);
    phase = "seeding demo plots and campaigns";
    // Imported only now: the seeders use the ABIs that codegen has just written.
    const { seed } = await import("./seed.js");
    await seed(anvil.rpcUrl, deployment, (m) => say("seed", "blue", m));
  }
  // Deploy and seed mine a block per transaction (fast); from now on a block a second, as on a real chain.
  await setIntervalMining(anvil.rpcUrl, 1);

  phase = "creating the index";
  await indexReady;
  const indexerUrl = `http://127.0.0.1:${INDEXER_PORT}`;
  const webUrl = `http://localhost:${WEB_PORT}`;
  run("indexer", "cyan", process.execPath, ["--import", "tsx", "indexer/src/main.ts"], {
    RPC_URL: anvil.rpcUrl,
    DATA_DIR: indexDir,
    PORT: String(INDEXER_PORT),
    DEPLOYMENTS_DIR: deploymentsDir,
    EPOCH_SECONDS,
    // Sponsored payouts from anvil's account 9, every round after an epoch (see the README).
    PAYOUT_PRIVATE_KEY: process.env.PAYOUT_PRIVATE_KEY ?? anvilKey(9),
    PAYOUT_INTERVAL_SECONDS: process.env.PAYOUT_INTERVAL_SECONDS ?? EPOCH_SECONDS,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
  });
  run(
    "web",
    "magenta",
    "npm",
    ["run", "dev", "-w", "web", "--", "--port", String(WEB_PORT), "--strictPort"],
    {
      VITE_RPC_URL: anvil.rpcUrl,
      VITE_INDEXER_URL: indexerUrl,
      VITE_CHAIN_ID: String(LOCAL_CHAIN_ID),
      DEPLOYMENTS_DIR: deploymentsDir,
    },
  );

  phase = "waiting for the indexer to catch up with the chain (/ready)";
  await until("the indexer did not become ready", 120_000, async () => {
    const res = await fetch(`${indexerUrl}/ready`);
    if (!res.ok) throw new Error(`/ready answered ${res.status}`);
    return true;
  });
  if (fresh) {
    phase = "making demo clicks";
    const { seedActivity } = await import("./seedActivity.js");
    await seedActivity(indexerUrl, deployment, (m) => say("seed", "blue", m));
  }

  if (smoke) {
    phase = "checking the indexer's /status";
    const status = await indexerStatus(indexerUrl, LOCAL_CHAIN_ID);
    dev(`smoke: ${indexerUrl}/status answers (block ${status.indexed} indexed)`);
    phase = "loading the web app's map page and its modules";
    await until("the web server did not answer", 60_000, async () => (await fetch(webUrl)).ok || undefined);
    const modules = await webServesApp(webUrl);
    dev(`smoke: ${webUrl} serves the map page and its ${modules} modules`);
    if (!hold) {
      dev("smoke: OK, stopping");
      return stop(0);
    }
    dev("smoke: ready; holding until stopped");
    return;
  }

  const accounts = [1, 2, 3, 4].map((i) => `  #${i} ${anvilAccount(i).address}`).join("\n");
  console.log(`
${paint("bold", "HexAds is running")}
  web app   ${paint("underline", webUrl)}  (a "Local burner" wallet is funded on first use)
  indexer   ${indexerUrl}/status   epochs every ${EPOCH_SECONDS} s
  chain     ${anvil.rpcUrl}   chain id ${LOCAL_CHAIN_ID}

Demo accounts (anvil's public test mnemonic "test test … junk"; they own the seeded plots and campaigns):
${accounts}
Ctrl-C stops everything; the next run continues where this one stopped.
`);
}

/**
 * Creates the embedded index (PGlite's initdb and the migrations, ~7 s) ahead of the indexer, which
 * then opens it at once. Loaded on demand: a run that reuses its index never needs it.
 */
async function createIndex(dir: string): Promise<void> {
  const { openDatabase } = await import("../indexer/src/db/client.js");
  await (await openDatabase({ dataDir: dir })).close();
}
