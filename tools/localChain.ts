// A local chain for development and tests: anvil (tools/foundry.ts finds it) on a free port, and the
// contracts deployed by the real deploy script (contracts/script/Deploy.s.sol).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Deployment, LOCAL_CHAIN_ID } from "@hexads/protocol";
import { readDeployment } from "@hexads/protocol/node";
import { toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundryBin } from "./foundry.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Anvil's default accounts (the public "test ... junk" mnemonic): for local chains only. */
export const anvilAccount = (index: number) =>
  mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: index });

/** The private key of anvil's account `index` (public; local chains only). */
export const anvilKey = (index: number) => toHex(anvilAccount(index).getHdKey().privateKey as Uint8Array);

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? res(addr.port) : rej(new Error("no port"))));
    });
  });
}

export interface Anvil {
  rpcUrl: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts anvil (chain id 31337 unless `chainId` says otherwise, e.g. to rehearse a real chain's
 * deploy) and waits until it answers JSON-RPC. With `statePath` the chain is loaded from that file if
 * it exists and written back to it when anvil stops (and every 30 s).
 */
export async function startAnvil(
  opts: { port?: number; blockTime?: number; statePath?: string; chainId?: number } = {},
): Promise<Anvil> {
  const port = opts.port ?? (await freePort());
  const args = [
    "--port",
    String(port),
    "--host",
    "127.0.0.1",
    "--silent",
    "--chain-id",
    String(opts.chainId ?? LOCAL_CHAIN_ID),
  ];
  if (opts.blockTime) args.push("--block-time", String(opts.blockTime));
  if (opts.statePath) args.push("--state", opts.statePath, "--state-interval", "30");
  const child = spawn(foundryBin("anvil"), args, { stdio: "ignore" });
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await rpcChainId(rpcUrl);
      break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`anvil did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    rpcUrl,
    port,
    process: child,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.once("exit", () => r());
        child.kill("SIGTERM");
      }),
  };
}

/** One JSON-RPC call to `rpcUrl` (e.g. anvil's own methods); throws on any error, and while nothing answers. */
export async function rpc<T = unknown>(rpcUrl: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  if (!res.ok) throw new Error(`${method} failed: ${res.status}`);
  const body = (await res.json()) as { result: T; error?: { message: string } };
  if (body.error) throw new Error(`${method} failed: ${body.error.message}`);
  return body.result;
}

/** The chain id `rpcUrl` answers with; throws while nothing answers. */
const rpcChainId = async (rpcUrl: string) => Number(await rpc<string>(rpcUrl, "eth_chainId"));

/**
 * Switches anvil from mining on every transaction to a block every `seconds`, as on a real chain
 * (the settler cuts epochs at the chain's clock, so the clock must move without transactions).
 */
export async function setIntervalMining(rpcUrl: string, seconds: number): Promise<void> {
  await rpc(rpcUrl, "evm_setIntervalMining", [seconds]);
}

/**
 * Runs the deploy script against `rpcUrl`. `dir` must be under deployments/ (Foundry's file
 * permissions); the JSON lands in `<dir>/<chainId>.json`. Aborting `signal` stops forge.
 */
export async function deployContracts(
  rpcUrl: string,
  dir = join(repoRoot, "deployments"),
  env: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Deployment> {
  mkdirSync(dir, { recursive: true });
  const rel = relative(repoRoot, dir);
  await new Promise<void>((res, rej) => {
    const child = spawn(
      foundryBin("forge"),
      ["script", "contracts/script/Deploy.s.sol", "--rpc-url", rpcUrl, "--broadcast", "--slow"],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env, DEPLOYMENTS_DIR: rel },
        stdio: ["ignore", "pipe", "pipe"],
        signal,
      },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", rej); // also on abort
    child.on("exit", (code) => (code === 0 ? res() : rej(new Error(`deploy failed (${code}):\n${out}`))));
  });
  return readDeployment(dir, await rpcChainId(rpcUrl));
}
