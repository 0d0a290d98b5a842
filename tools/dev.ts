// `npm run dev`: a fresh local chain (anvil), the contracts deployed by the deploy script, demo data,
// the indexer on embedded PGlite, and the web app, all stopped together with Ctrl-C.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { deployContracts, repoRoot, setIntervalMining, startAnvil } from "./localChain.js";
import { seed } from "./seed.js";

const CHAIN_PORT = Number(process.env.CHAIN_PORT ?? 8545);
const INDEXER_PORT = Number(process.env.INDEXER_PORT ?? 42069);
const WEB_PORT = Number(process.env.WEB_PORT ?? 5173);
const EPOCH_SECONDS = process.env.EPOCH_SECONDS ?? "30";
const dataDir = join(repoRoot, ".data", "dev");

const children: ChildProcess[] = [];
const run = (name: string, cmd: string, args: string[], env: Record<string, string>) => {
  const child = spawn(cmd, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = `[${name}] `;
  const pipe = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) =>
    stream.on("data", (d: Buffer) => {
      for (const line of d.toString().split("\n")) if (line.trim()) out.write(prefix + line + "\n");
    });
  pipe(child.stdout as NodeJS.ReadableStream, process.stdout);
  pipe(child.stderr as NodeJS.ReadableStream, process.stderr);
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`${prefix}exited with ${code}; stopping everything`);
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
  await stopChain();
  process.exit(code);
}
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());

console.log("HexAds dev: starting a local chain…");
const anvil = await startAnvil({ port: CHAIN_PORT });
stopChain = anvil.stop;
console.log(`chain   ${anvil.rpcUrl} (chain id 31337)`);
const deployment = await deployContracts(anvil.rpcUrl);
console.log(
  `deployed Plots ${deployment.Plots}, AdMarket ${deployment.AdMarket}, HXA ${deployment.HexToken}`,
);
await seed(anvil.rpcUrl, deployment);
// Deploy and seed mine a block per transaction (fast); from now on a block a second, as on a real chain.
await setIntervalMining(anvil.rpcUrl, 1);

// A fresh chain each run, so the index of the previous run is dropped with it.
rmSync(dataDir, { recursive: true, force: true });
run("indexer", process.execPath, ["--import", "tsx", "indexer/src/main.ts"], {
  RPC_URL: anvil.rpcUrl,
  DATA_DIR: dataDir,
  PORT: String(INDEXER_PORT),
  DEPLOYMENTS_DIR: join(repoRoot, "deployments"),
  EPOCH_SECONDS,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
});
console.log(`indexer http://127.0.0.1:${INDEXER_PORT}/status`);

const webPackage = join(repoRoot, "web", "package.json");
if (existsSync(webPackage) && JSON.parse(readFileSync(webPackage, "utf8")).scripts?.dev) {
  run("web", "npm", ["run", "dev", "-w", "web", "--", "--port", String(WEB_PORT), "--strictPort"], {
    VITE_RPC_URL: anvil.rpcUrl,
    VITE_INDEXER_URL: `http://127.0.0.1:${INDEXER_PORT}`,
    VITE_CHAIN_ID: "31337",
  });
  console.log(`web     http://localhost:${WEB_PORT}`);
}
