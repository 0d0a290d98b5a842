// `npm run dev`: a local chain (anvil), the contracts deployed by the deploy script, demo data, the
// indexer on embedded PGlite, and the web app, in one terminal; Ctrl-C stops them all.
// The chain and the index are kept in .data/dev and reused by the next run; `npm run dev -- --reset`
// starts from an empty chain (deploy, seed, demo clicks) instead.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { styleText } from "node:util";
import { type Deployment, LOCAL_CHAIN_ID } from "@hexads/protocol";
import { readDeployment } from "@hexads/protocol/node";
import { createPublicClient, http } from "viem";
import { anvilAccount, deployContracts, repoRoot, setIntervalMining, startAnvil } from "./localChain.js";
import { seed } from "./seed.js";
import { seedActivity } from "./seedActivity.js";

const CHAIN_PORT = Number(process.env.CHAIN_PORT ?? 8545);
const INDEXER_PORT = Number(process.env.INDEXER_PORT ?? 42069);
const WEB_PORT = Number(process.env.WEB_PORT ?? 5173);
const EPOCH_SECONDS = process.env.EPOCH_SECONDS ?? "15";
const stateDir = join(repoRoot, ".data", "dev");
const chainState = join(stateDir, "chain.json");
const indexDir = join(stateDir, "index");
const deploymentsDir = join(repoRoot, "deployments");
const deploymentFile = join(deploymentsDir, `${LOCAL_CHAIN_ID}.json`);

type Colour = Parameters<typeof styleText>[0];
const coloured = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (colour: Colour, text: string) => (coloured ? styleText(colour, text) : text);
const say = (label: string, colour: Colour, line: string) =>
  console.log(`${paint(colour, label.padEnd(8))} ${line}`);
const dev = (line: string) => say("dev", "green", line);

const children: ChildProcess[] = [];
const run = (name: string, colour: Colour, cmd: string, args: string[], env: Record<string, string>) => {
  const child = spawn(cmd, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pipe = (stream: NodeJS.ReadableStream) =>
    stream.on("data", (d: Buffer) => {
      for (const line of d.toString().split("\n")) if (line.trim()) say(name, colour, line);
    });
  pipe(child.stdout as NodeJS.ReadableStream);
  pipe(child.stderr as NodeJS.ReadableStream);
  child.on("exit", (code) => {
    if (!stopping) {
      say(name, "red", `exited with ${code}; stopping everything`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
};

let stopping = false;
let stopChain: () => Promise<void> = async () => {};
async function stop(code = 0) {
  stopping = true;
  for (const c of children) c.kill("SIGTERM");
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)),
  );
  await stopChain(); // anvil writes the chain to .data/dev/chain.json as it stops
  process.exit(code);
}
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());

if (process.argv.includes("--reset")) {
  rmSync(stateDir, { recursive: true, force: true });
  dev("--reset: starting from an empty chain");
}
mkdirSync(stateDir, { recursive: true });
const anvil = await startAnvil({ port: CHAIN_PORT, statePath: chainState });
stopChain = anvil.stop;
say("chain", "yellow", `${anvil.rpcUrl} (chain id ${LOCAL_CHAIN_ID}), state in .data/dev/chain.json`);

/** The deployment of the previous run, if this chain (loaded from its saved state) still has it. */
async function previousDeployment(): Promise<Deployment | undefined> {
  if (!existsSync(deploymentFile)) return undefined;
  const d = readDeployment(deploymentsDir, LOCAL_CHAIN_ID);
  const client = createPublicClient({ transport: http(anvil.rpcUrl) });
  const code = await client.getCode({ address: d.AdMarket });
  return code && code !== "0x" ? d : undefined;
}

let deployment = await previousDeployment();
const fresh = !deployment;
if (deployment) {
  dev("reusing the chain and index of the last run (npm run dev -- --reset to start over)");
} else {
  rmSync(indexDir, { recursive: true, force: true }); // an index of another chain is worthless
  deployment = await deployContracts(anvil.rpcUrl);
  dev(`deployed Plots ${deployment.Plots}, AdMarket ${deployment.AdMarket}, HXA ${deployment.HexToken}`);
  await seed(anvil.rpcUrl, deployment, (m) => say("seed", "blue", m));
}
// Deploy and seed mine a block per transaction (fast); from now on a block a second, as on a real chain.
await setIntervalMining(anvil.rpcUrl, 1);

const indexerUrl = `http://127.0.0.1:${INDEXER_PORT}`;
run("indexer", "cyan", process.execPath, ["--import", "tsx", "indexer/src/main.ts"], {
  RPC_URL: anvil.rpcUrl,
  DATA_DIR: indexDir,
  PORT: String(INDEXER_PORT),
  DEPLOYMENTS_DIR: join(repoRoot, "deployments"),
  EPOCH_SECONDS,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
});
run("web", "magenta", "npm", ["run", "dev", "-w", "web", "--", "--port", String(WEB_PORT), "--strictPort"], {
  VITE_RPC_URL: anvil.rpcUrl,
  VITE_INDEXER_URL: indexerUrl,
  VITE_CHAIN_ID: String(LOCAL_CHAIN_ID),
});

for (let i = 0; i < 600; i++) {
  if (
    await fetch(`${indexerUrl}/ready`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  await new Promise((r) => setTimeout(r, 200));
}
if (fresh) await seedActivity(indexerUrl, deployment, (m) => say("seed", "blue", m));

const accounts = [1, 2, 3, 4].map((i) => `  #${i} ${anvilAccount(i).address}`).join("\n");
console.log(`
${paint("bold", "HexAds is running")}
  web app   ${paint("underline", `http://localhost:${WEB_PORT}`)}  (a "Local burner" wallet is funded on first use)
  indexer   ${indexerUrl}/status   epochs every ${EPOCH_SECONDS} s
  chain     ${anvil.rpcUrl}   chain id ${LOCAL_CHAIN_ID}

Demo accounts (anvil's public test mnemonic "test test … junk"; they own the seeded plots and campaigns):
${accounts}
Ctrl-C stops everything; the next run continues where this one stopped.
`);
